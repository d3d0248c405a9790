import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { InternalError, VerificationError } from '../errors.js';
import {
  Root,
  Snapshot,
  Targets,
  Timestamp,
  parseSignedFile,
  type BaseRole,
  type DelegationRole,
  type FileMeta,
  type SignedFile,
} from './metadata.js';
import { checkRootCertificate } from './root-certificates.js';
import { verifyThreshold, type RoleKeys } from './signatures.js';
import { TrustedRepository, type InvalidRole, type LoadedRole } from './trusted-repository.js';

/**
 * The client's trusted metadata for one repository, in the manner of tuf-js's
 * TrustedMetadataStore: each step takes the bytes served for one role, checks them against what
 * is already trusted, and only then trusts them. Steps follow the client workflow of the TUF
 * specification (version 1.0.34, section 5) as notary 0.7 implements it (notary: tuf/builder.go;
 * notary: client/tufclient.go); where notary differs from the spec, notary wins, since its clients
 * must accept what we accept. No I/O here: load-repository.ts fetches and feeds the steps in order.
 */

/** Delegation roles trusted at most, so a hostile tree cannot keep a client busy (TUF spec 5.6.7.1). */
export const MAX_DELEGATIONS = 1000;

export interface TrustedStoreOptions {
  gun: string;
  /** The update's fixed start time (TUF spec 5.1): every expiry is judged against it. */
  now: number;
  /** Highest version seen per role, in this run or recorded by an earlier one; checked by each step, raised by `result()`. */
  seenVersions?: Map<string, number>;
  /**
   * Expired metadata is recorded (`TrustedRepository.expired`) instead of refused, for renewing it:
   * every other check (signatures, thresholds, hashes, versions, certificates) stays.
   */
  allowExpired?: boolean;
}

/**
 * How the first root is trusted (TUF spec 5.2): because pinned keys sign it to its threshold, on
 * first use, or because an earlier run trusted it (`recorded`: the cached root is itself the pin, as
 * in notary: client/tufclient.go bootstrapClient). With `recorded` and pins, some root on the chain
 * from it to the latest must meet the pins (checked by finishRoot).
 */
export type RootTrust = { pins: ReadonlySet<string> } | { firstUse: true } | { recorded: true; pins?: ReadonlySet<string> };

function rootRoleKeys(root: Root, role: BaseRole): RoleKeys {
  return { name: role, ...root.role(role), keys: root.keys };
}

/** undefined when the bytes match the listed length and every listed sha256/sha512 (notary: tuf/data/types.go CheckHashes). */
export function fileHashesMatch(bytes: Uint8Array, meta: FileMeta): string | undefined {
  if (bytes.length !== meta.length) return `length ${bytes.length} differs from the listed ${meta.length}`;
  let checked = 0;
  for (const [alg, fn] of [
    ['sha256', sha256],
    ['sha512', sha512],
  ] as const) {
    const expected = meta.hashes[alg];
    if (!expected) continue;
    checked++;
    if (bytesToHex(fn(bytes)) !== bytesToHex(expected)) return `${alg} differs from the listed hash`;
  }
  return checked === 0 ? 'no sha256 or sha512 hash is listed' : undefined;
}

/** Metadata past its expiry: `role` says which key can renew it. */
export class ExpiredError extends VerificationError {
  constructor(
    readonly role: string,
    message: string,
  ) {
    super('EXPIRED', message);
  }
}

export class TrustedStore {
  private trustedRoot?: SignedFile<Root>;
  private trustedOnFirstUse = false;
  /** Pins no root of the chain has met yet (recorded root with pins); finishRoot refuses the root while set. */
  private unmetPins?: ReadonlySet<string>;
  private recordedVersion?: number;
  private trustedTimestamp?: SignedFile<Timestamp>;
  private trustedSnapshot?: SignedFile<Snapshot>;
  /** Verified targets roles, in notary's pre-order walk order. */
  private readonly roles = new Map<string, LoadedRole>();
  private readonly invalidRoles = new Map<string, InvalidRole>();
  /** Roles past their expiry, when allowExpired; refused otherwise. */
  private readonly expired: { role: string; expires: string }[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly options: TrustedStoreOptions) {}

  get gun(): string {
    return this.options.gun;
  }

  get root(): SignedFile<Root> {
    if (!this.trustedRoot) throw new InternalError('TrustedStore: no trusted root yet');
    return this.trustedRoot;
  }

  get rootVersion(): number | undefined {
    return this.trustedRoot?.signed.version;
  }

  // --- root ---

  /**
   * TUF spec 5.2, load the trusted root: the first root this run trusts, whose expiry does not
   * matter yet (5.3.10 checks the final one). Its certificates must be valid for the GUN and it
   * must sign itself to its threshold (notary: trustpinning/certs.go ValidateRoot); with pins,
   * pinned keys alone must meet its threshold, else ROOT_NOT_TRUSTED (the loader may try an older
   * version, from which a rotation chain leads here).
   */
  trustRoot(bytes: Uint8Array, source: string, trust: RootTrust): SignedFile<Root> {
    const file = this.parseRoot(bytes, source);
    this.checkRootSelf(file, false);
    if ('recorded' in trust) {
      this.recordedVersion = file.signed.version;
      if (trust.pins && trust.pins.size > 0 && !this.meetsPins(file, trust.pins)) this.unmetPins = trust.pins;
    } else if ('pins' in trust) {
      if (!this.meetsPins(file, trust.pins)) throw this.notPinned(file, `root of ${this.gun} does not match trusted-root-keys`);
    } else {
      this.trustedOnFirstUse = true;
      this.warnings.push(
        `${this.gun}: no trusted-root-keys given, so the root was trusted on first use. Pin it with trusted-root-keys: ${file.signed.role('root').keyids.join(', ')}`,
      );
    }
    this.trustedRoot = file;
    return file;
  }

  /**
   * TUF spec 5.3.4-5.3.7, the next root: version N+1 exactly (5.3.5), signed to the threshold of
   * the trusted root N and to its own (5.3.4); its certificates valid for the GUN
   * (notary: tuf/builder.go loadRoot via trustpinning/certs.go ValidateRoot with prevRoot).
   */
  updateRoot(bytes: Uint8Array, source: string): SignedFile<Root> {
    const trusted = this.root;
    const file = this.parseRoot(bytes, source);
    const expected = trusted.signed.version + 1;
    if (file.signed.version !== expected)
      throw new VerificationError('ROLLBACK', `${source}.json holds version ${file.signed.version}, expected ${expected}`);
    verifyThreshold(`${source}.json`, rootRoleKeys(trusted.signed, 'root'), file.signedBytes, file.signatures);
    this.checkRootSelf(file, false);
    if (this.unmetPins && this.meetsPins(file, this.unmetPins)) this.unmetPins = undefined;
    this.trustedRoot = file;
    return file;
  }

  /**
   * TUF spec 5.3.10, after the last root: the trusted root must not have expired (a freeze attack),
   * nor its certificates; it must not be older than one seen earlier; and, from a recorded root
   * with pins, some root of the chain must have met the pins.
   */
  finishRoot(): void {
    const root = this.root;
    if (this.unmetPins) {
      const chain = `no root of ${this.gun} from the recorded version ${this.recordedVersion} to version ${root.signed.version}`;
      throw this.notPinned(root, `${chain} matches trusted-root-keys`);
    }
    for (const id of root.signed.role('root').keyids) checkRootCertificate(root.signed.keys.get(id)!, this.gun, this.options.now, true);
    this.checkExpiry('root', root.signed.expiresMs, root.signed.expires);
    this.checkVersion('root', root.signed.version);
  }

  // --- timestamp, snapshot, targets ---

  /**
   * TUF spec 5.4, the timestamp: signed to the timestamp role's threshold (5.4.2), not older than
   * seen (5.4.3.1; notary accepts an equal version), not expired (5.4.4) (notary: tuf/builder.go
   * loadTimestamp).
   */
  updateTimestamp(bytes: Uint8Array): SignedFile<Timestamp> {
    const root = this.root.signed;
    const file = parseSignedFile('timestamp', bytes, (r, o) => Timestamp.fromJSON(r, o));
    verifyThreshold('timestamp.json', rootRoleKeys(root, 'timestamp'), file.signedBytes, file.signatures);
    this.checkExpiry('timestamp', file.signed.expiresMs, file.signed.expires);
    this.checkVersion('timestamp', file.signed.version);
    this.trustedTimestamp = file;
    return file;
  }

  /** What the trusted timestamp lists for the snapshot: the length and hash to fetch it by. */
  get snapshotMeta(): FileMeta {
    if (!this.trustedTimestamp) throw new InternalError('TrustedStore: no trusted timestamp yet');
    return this.trustedTimestamp.signed.meta.get('snapshot')!;
  }

  /**
   * TUF spec 5.5, the snapshot: its hashes and length as the timestamp lists them (5.5.2), signed to
   * the snapshot role's threshold (5.5.3), not expired (5.5.6), not older than seen; and the root
   * it lists must be the root trusted (notary: tuf/builder.go loadSnapshot,
   * validateChecksumsFromSnapshot). Notary pins versions by hash, not by number (5.5.4 and 5.5.5
   * have no counterpart there).
   */
  updateSnapshot(bytes: Uint8Array): SignedFile<Snapshot> {
    const root = this.root.signed;
    this.checkListed('snapshot', bytes, this.snapshotMeta, 'timestamp');
    const file = parseSignedFile('snapshot', bytes, (r, o) => Snapshot.fromJSON(r, o));
    verifyThreshold('snapshot.json', rootRoleKeys(root, 'snapshot'), file.signedBytes, file.signatures);
    this.checkExpiry('snapshot', file.signed.expiresMs, file.signed.expires);
    this.checkVersion('snapshot', file.signed.version);
    const rootMismatch = fileHashesMatch(this.root.bytes, file.signed.meta.get('root')!);
    if (rootMismatch)
      throw new VerificationError(
        'HASH_MISMATCH',
        `root.json does not match snapshot.json: ${rootMismatch} (root changed during the update, or the server is inconsistent)`,
      );
    this.trustedSnapshot = file;
    return file;
  }

  /** What the trusted snapshot lists for a targets role; undefined when it was never published. */
  metaOf(role: string): FileMeta | undefined {
    if (!this.trustedSnapshot) throw new InternalError('TrustedStore: no trusted snapshot yet');
    return this.trustedSnapshot.signed.meta.get(role);
  }

  /**
   * TUF spec 5.6, top-level targets: hashes and length as the snapshot lists them (5.6.2), signed
   * to the targets role's threshold (5.6.3), not expired (5.6.5), not older than seen
   * (notary: tuf/builder.go loadTargets).
   */
  updateTargets(bytes: Uint8Array): LoadedRole {
    const root = this.root.signed;
    this.checkListed('targets', bytes, this.requireMeta('targets'), 'snapshot');
    const file = parseSignedFile('targets', bytes, (r, o) => Targets.fromJSON(r, o, 'targets'));
    const keys = rootRoleKeys(root, 'targets');
    verifyThreshold('targets.json', keys, file.signedBytes, file.signatures);
    this.checkExpiry('targets', file.signed.expiresMs, file.signed.expires);
    this.checkVersion('targets', file.signed.version);
    const loaded: LoadedRole = { name: 'targets', file, keys, paths: [''] };
    this.roles.set('targets', loaded);
    return loaded;
  }

  /**
   * TUF spec 5.6.7, one delegation of the pre-order walk, delegated by `parent`: hashes as the
   * snapshot lists them, and no rollback, are fatal; a threshold or expiry failure only sets the
   * role (and so its subtree) aside, as notary does (notary: tuf/builder.go loadDelegation;
   * client/tufclient.go downloadTargets). Returns the role when it is trusted.
   */
  updateDelegation(delegation: DelegationRole, parent: LoadedRole, bytes: Uint8Array): LoadedRole | undefined {
    if (this.roles.size + this.invalidRoles.size >= MAX_DELEGATIONS)
      throw new VerificationError('TOO_MANY_DELEGATIONS', `${this.gun} has more than ${MAX_DELEGATIONS} delegations`);
    const name = delegation.name;
    this.checkListed(name, bytes, this.requireMeta(name), 'snapshot');
    const file = parseSignedFile(name, bytes, (r, o) => Targets.fromJSON(r, o, name));
    const keys: RoleKeys = { name, keyids: delegation.keyids, threshold: delegation.threshold, keys: parent.file.signed.delegationKeys };
    this.checkVersion(name, file.signed.version);
    // A child keeps only the paths its parent was granted (notary: tuf/data/roles.go RestrictDelegationPathPrefixes).
    const paths = delegation.paths.filter((p) => parent.paths.some((granted) => p.startsWith(granted)));
    const loaded: LoadedRole = { name, file, keys, paths };
    try {
      verifyThreshold(`${name}.json`, keys, file.signedBytes, file.signatures);
    } catch (error) {
      if (!(error instanceof VerificationError)) throw error;
      return this.setAside(name, { reason: error.message });
    }
    if (file.signed.expiresMs <= this.options.now) {
      if (!this.options.allowExpired)
        return this.setAside(name, {
          reason: `${name}.json expired at ${file.signed.expires}; its tags are not trusted until it is re-signed (renew or sign with its key), which keeps its earlier tags`,
          expired: loaded,
        });
      this.expired.push({ role: name, expires: file.signed.expires });
    }
    this.roles.set(name, loaded);
    return loaded;
  }

  /** The verified repository; records every trusted version as seen (the run's rollback floor). */
  result(): TrustedRepository {
    if (!this.trustedTimestamp || !this.trustedSnapshot || !this.roles.has('targets'))
      throw new InternalError('TrustedStore: the update is not complete');
    const seen = this.options.seenVersions;
    const repository = new TrustedRepository(
      this.gun,
      this.root,
      this.trustedTimestamp,
      this.trustedSnapshot,
      this.roles,
      this.invalidRoles,
      this.warnings,
      this.trustedOnFirstUse,
      this.expired,
    );
    if (seen) for (const [role, version] of repository.versions()) seen.set(role, version);
    return repository;
  }

  // --- the checks every step shares ---

  private setAside(name: string, invalid: InvalidRole): undefined {
    this.invalidRoles.set(name, invalid);
    this.warnings.push(`${this.gun}: ignoring ${name}: ${invalid.reason}`);
    return undefined;
  }

  private parseRoot(bytes: Uint8Array, source: string): SignedFile<Root> {
    return parseSignedFile(source, bytes, (r, o) => Root.fromJSON(r, o));
  }

  /** A root is acceptable in itself: certificates valid for this GUN, self-signed to threshold. Returns its valid signers. */
  private checkRootSelf(file: SignedFile<Root>, checkExpiry: boolean): string[] {
    for (const id of file.signed.role('root').keyids)
      checkRootCertificate(file.signed.keys.get(id)!, this.gun, this.options.now, checkExpiry);
    return verifyThreshold(`${file.role}.json`, rootRoleKeys(file.signed, 'root'), file.signedBytes, file.signatures);
  }

  /**
   * Pinned keys alone meet the root's own threshold: notary prunes the root's certificates to the
   * pinned ones, then verifies to the root threshold (notary: trustpinning/certs.go ValidateRoot).
   * A pin is a TUF (certificate) ID or a canonical public key ID.
   */
  private meetsPins(file: SignedFile<Root>, pins: ReadonlySet<string>): boolean {
    const { keyids, threshold } = file.signed.role('root');
    const pinned = keyids.filter((id) => {
      const key = file.signed.keys.get(id);
      return key !== undefined && (pins.has(key.id) || pins.has(key.canonicalId));
    });
    try {
      verifyThreshold(
        `${file.role}.json`,
        { name: 'root', keyids: pinned, threshold, keys: file.signed.keys },
        file.signedBytes,
        file.signatures,
      );
      return true;
    } catch (error) {
      if (error instanceof VerificationError && error.code === 'THRESHOLD_NOT_MET') return false;
      throw error;
    }
  }

  private notPinned(file: SignedFile<Root>, what: string): VerificationError {
    const { keyids, threshold } = file.signed.role('root');
    const keys = keyids.map((id) => `${id} (public key ${file.signed.keys.get(id)?.canonicalId ?? '?'})`).join(', ');
    const needed = threshold > 1 ? `; pinned keys must sign it to its root threshold of ${threshold}` : '';
    return new VerificationError('ROOT_NOT_TRUSTED', `${what}: its root keys are ${keys}${needed}`);
  }

  private requireMeta(role: string): FileMeta {
    const meta = this.metaOf(role);
    if (!meta?.hashes.sha256) throw new VerificationError('METADATA_MISSING', `snapshot.json does not list ${role} with a sha256 hash`);
    return meta;
  }

  private checkListed(role: string, bytes: Uint8Array, meta: FileMeta, listedIn: string): void {
    const mismatch = fileHashesMatch(bytes, meta);
    if (mismatch) throw new VerificationError('HASH_MISMATCH', `${role}.json does not match ${listedIn}.json: ${mismatch}`);
  }

  private checkExpiry(role: string, expiresMs: number, expires: string): void {
    if (expiresMs > this.options.now) return;
    if (this.options.allowExpired) this.expired.push({ role, expires });
    else throw new ExpiredError(role, `${this.gun}: ${role}.json expired at ${expires}`);
  }

  private checkVersion(role: string, version: number): void {
    const seen = this.options.seenVersions?.get(role);
    if (seen !== undefined && version < seen) {
      throw new VerificationError('ROLLBACK', `${role}.json version ${version} is older than version ${seen} seen earlier (rollback)`);
    }
  }
}
