import type { Signer } from '../../src/keys/signer.js';
import { createRootCertificate, signMetadata, type RoleSignature } from '../../src/keys/signing.js';
import type { PublicKey } from '../../src/tuf/keys.js';
import { Root, Snapshot, Targets, Timestamp, fileMetaOf, type BaseRole, type FileMeta } from '../../src/tuf/metadata.js';
import { expiryFromNow } from '../../src/tuf/time.js';
import { newP256Signer } from './keys.js';

const DAY = 86_400_000;

/**
 * A complete, validly signed Notary repository made with our own keys, to be broken one way at a
 * time by the security tests: change a model (or the signers) before `build()`, or the bytes after.
 */
export class RepoBuilder {
  readonly signers = new Map<string, Signer>();
  /** Overrides of who signs a role (default: the role's own key). */
  readonly signedBy = new Map<string, RoleSignature[]>();
  rootKey!: PublicKey;
  root!: Root;
  targets!: Targets;
  readonly delegations = new Map<string, Targets>();
  snapshot!: Snapshot;
  timestamp!: Timestamp;
  /** Called after snapshot/timestamp meta are computed, before they are signed. */
  beforeSigningSnapshot?: (snapshot: Snapshot) => void;
  beforeSigningTimestamp?: (timestamp: Timestamp) => void;
  /** Bytes served instead of a role's signed file, described by snapshot/timestamp as if genuine. */
  readonly replaceFiles = new Map<string, Uint8Array>();
  /** Earlier root versions to serve as `<v>.root`. */
  readonly olderRoots = new Map<number, Uint8Array>();

  private constructor(
    readonly gun: string,
    readonly now: number,
  ) {}

  static async create(gun: string, now = Date.now()): Promise<RepoBuilder> {
    const repo = new RepoBuilder(gun, now);
    for (const role of ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases']) repo.signers.set(role, newP256Signer(role));
    repo.rootKey = await createRootCertificate(gun, repo.signers.get('root')!, now - DAY);
    const keys = new Map<string, PublicKey>([[repo.rootKey.id, repo.rootKey]]);
    const roles = new Map<BaseRole, { keyids: string[]; threshold: number }>([['root', { keyids: [repo.rootKey.id], threshold: 1 }]]);
    for (const role of ['targets', 'snapshot', 'timestamp'] as const) {
      const key = repo.signers.get(role)!.publicKey;
      keys.set(key.id, key);
      roles.set(role, { keyids: [key.id], threshold: 1 });
    }
    repo.root = new Root(1, expiryFromNow(3650, now), keys, new Map([...roles].sort()));
    const releasesKey = repo.signers.get('targets/releases')!.publicKey;
    repo.targets = new Targets(1, expiryFromNow(1095, now), new Map(), new Map([[releasesKey.id, releasesKey]]), [
      { name: 'targets/releases', keyids: [releasesKey.id], threshold: 1, paths: [''] },
    ]);
    repo.delegations.set('targets/releases', new Targets(1, expiryFromNow(1095, now)));
    return repo;
  }

  /** Signs `tag` = manifest digest/size into a delegation (targets/releases by default). */
  addTarget(tag: string, digest: string, size: number, role = 'targets/releases'): void {
    const meta: FileMeta = { length: size, hashes: { sha256: new Uint8Array(Buffer.from(digest.replace(/^sha256:/, ''), 'hex')) } };
    (role === 'targets' ? this.targets : this.delegations.get(role)!).targets.set(tag, meta);
  }

  private signersFor(role: string): RoleSignature[] {
    const override = this.signedBy.get(role);
    if (override) return override;
    if (role === 'root') return [{ signer: this.signers.get('root')!, keyid: this.rootKey.id }];
    const signer = this.signers.get(role)!;
    return [{ signer, keyid: signer.publicKey.id }];
  }

  /** Adds another root key (a certificate for the GUN) to the root role, which then signs with every root key. */
  async addRootKey(name = 'root 2'): Promise<{ signer: Signer; key: PublicKey }> {
    const signer = newP256Signer(name);
    const key = await createRootCertificate(this.gun, signer, this.now - DAY);
    const role = this.root.role('root');
    this.root.keys.set(key.id, key);
    this.root.roles.set('root', { keyids: [...role.keyids, key.id], threshold: role.threshold });
    this.signedBy.set('root', [...this.signersFor('root'), { signer, keyid: key.id }]);
    return { signer, key };
  }

  /**
   * Rotates the root to a new key: the current root is kept as `<version>.root`, the next version
   * lists only the new key and is signed by it and (unless `signedByPrevious` is false) by the
   * previous root keys, as notary's rotation does. Returns the bytes of the previous root.
   */
  async rotateRoot(signedByPrevious = true): Promise<Uint8Array> {
    const rootKeyIds = this.root.role('root').keyids;
    const previousSigners = this.signersFor('root').filter((s) => rootKeyIds.includes(s.keyid));
    const previous = await this.sign('root', this.root);
    this.olderRoots.set(this.root.version, previous);
    const signer = newP256Signer(`root v${this.root.version + 1}`);
    const key = await createRootCertificate(this.gun, signer, this.now - DAY);
    for (const id of rootKeyIds) this.root.keys.delete(id);
    this.root.keys.set(key.id, key);
    this.root.roles.set('root', { keyids: [key.id], threshold: 1 });
    this.root.version++;
    this.rootKey = key;
    this.signers.set('root', signer);
    this.signedBy.set('root', [{ signer, keyid: key.id }, ...(signedByPrevious ? previousSigners : [])]);
    return previous;
  }

  sign(role: string, body: Root | Targets | Snapshot | Timestamp): Promise<Uint8Array> {
    return signMetadata(body, this.signersFor(role));
  }

  /** Every file as the server would hold it: role name -> bytes (and `<v>.root` for older roots). */
  async build(): Promise<Map<string, Uint8Array>> {
    const files = new Map<string, Uint8Array>();
    files.set('root', await this.sign('root', this.root));
    files.set('targets', await this.sign('targets', this.targets));
    for (const [name, role] of this.delegations) files.set(name, await this.sign(name, role));
    for (const [name, bytes] of this.replaceFiles) if (name !== 'snapshot' && name !== 'timestamp') files.set(name, bytes);
    const meta = new Map<string, FileMeta>();
    for (const [name, bytes] of files) meta.set(name, fileMetaOf(bytes));
    this.snapshot = new Snapshot(1, expiryFromNow(1095, this.now), meta);
    this.beforeSigningSnapshot?.(this.snapshot);
    files.set('snapshot', this.replaceFiles.get('snapshot') ?? (await this.sign('snapshot', this.snapshot)));
    this.timestamp = new Timestamp(1, expiryFromNow(14, this.now), new Map([['snapshot', fileMetaOf(files.get('snapshot')!)]]));
    this.beforeSigningTimestamp?.(this.timestamp);
    files.set('timestamp', this.replaceFiles.get('timestamp') ?? (await this.sign('timestamp', this.timestamp)));
    for (const [version, bytes] of this.olderRoots) files.set(`${version}.root`, bytes);
    files.set(`${this.root.version}.root`, files.get('root')!);
    return files;
  }
}
