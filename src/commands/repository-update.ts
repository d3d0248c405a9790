import { KeyError, NotaryError, VerificationError, type OptionName } from '../errors.js';
import { signMetadata, type RoleSignature } from '../keys/signing.js';
import type { Signer } from '../keys/signer.js';
import type { MetadataFile } from '../notary/client.js';
import type { ImageReference } from '../registry/reference.js';
import type { PublicKey } from '../tuf/keys.js';
import { Root, Snapshot, Targets, fileMetaOf, parseSignedFile, type BaseRole, type RoleSpec } from '../tuf/metadata.js';
import { verifyThreshold } from '../tuf/signatures.js';
import { DEFAULT_EXPIRY_DAYS, expiryFromNow } from '../tuf/time.js';
import { roleKeyIdsFor, type TrustedRepository } from '../tuf/trusted-repository.js';
import { loadVerified, notaryClientFor, type CommandContext } from './context.js';

/**
 * One atomic change to a repository's trust data, as notary's client makes it (notary:
 * client/client.go publish): the roles that change, each re-signed with a new version and expiry;
 * a snapshot when its key is ours (else the server makes it); all of it checked against the keys
 * it must verify with before the server sees it, published in one POST, then read back and verified.
 */
export class RepositoryUpdate {
  root?: Root;
  rootSigners: RoleSignature[] = [];
  targets?: Targets;
  targetsSigners: RoleSignature[] = [];
  readonly delegations = new Map<string, { targets: Targets; signers: RoleSignature[] }>();
  /** Set when the snapshot key is local: we sign the snapshot ourselves. */
  snapshotSigner?: RoleSignature;

  constructor(
    readonly gun: string,
    /** The verified state this update starts from; undefined for `init`. */
    readonly before: TrustedRepository | undefined,
    readonly now: number,
  ) {}

  /** The root after this update. */
  get effectiveRoot(): Root {
    return this.root ?? this.before!.root.signed;
  }

  get effectiveTargets(): Targets {
    return this.targets ?? this.before!.targets.file.signed;
  }

  /** A copy of the current root with the next version and a fresh 10-year expiry, to edit. */
  editRoot(): Root {
    if (!this.root) {
      const current = this.before!.root.signed;
      const roles = new Map<BaseRole, RoleSpec>(
        [...current.roles].map(([name, spec]) => [name, { keyids: [...spec.keyids], threshold: spec.threshold }]),
      );
      this.root = new Root(
        current.version + 1,
        expiryFromNow(DEFAULT_EXPIRY_DAYS.root, this.now),
        new Map(current.keys),
        roles,
        current.consistentSnapshot,
      );
    }
    return this.root;
  }

  /** A copy of the current targets with the next version and a fresh expiry, to edit. */
  editTargets(): Targets {
    this.targets ??= nextTargets(this.before!.targets.file.signed, this.now);
    return this.targets;
  }

  get isEmpty(): boolean {
    return !this.root && !this.targets && this.delegations.size === 0;
  }
}

/** The next version of a targets role: same content, version + 1, notary's default expiry. */
export function nextTargets(current: Targets | undefined, now: number): Targets {
  return new Targets(
    (current?.version ?? 0) + 1,
    expiryFromNow(DEFAULT_EXPIRY_DAYS.targets, now),
    new Map(current?.targets ?? []),
    new Map(current?.delegationKeys ?? []),
    current?.delegations.map((d) => ({ ...d, keyids: [...d.keyids], paths: [...d.paths] })) ?? [],
  );
}

/** Points a base role at one new key, dropping keys no role uses any more. */
export function setRoleKey(root: Root, role: BaseRole, key: PublicKey): void {
  root.keys.set(key.id, key);
  root.roles.set(role, { keyids: [key.id], threshold: 1 });
  const used = new Set([...root.roles.values()].flatMap((r) => r.keyids));
  for (const id of [...root.keys.keys()]) if (!used.has(id)) root.keys.delete(id);
}

/** Drops delegation keys that no delegation lists any more. */
export function pruneDelegationKeys(targets: Targets): void {
  const used = new Set(targets.delegations.flatMap((d) => d.keyids));
  for (const id of [...targets.delegationKeys.keys()]) if (!used.has(id)) targets.delegationKeys.delete(id);
}

/**
 * The signature of `signer` for a base role, under the ID the root lists for its key (matching a
 * certificate by its public key); a key the role does not list fails naming the option it came from.
 */
export function signatureForRole(root: Root, role: BaseRole, signer: Signer, option: OptionName, gun: string): RoleSignature {
  const key = signer.publicKey;
  const spec = root.role(role);
  const [keyid] = roleKeyIdsFor(spec, root.keys, key);
  if (!keyid) {
    const expected = spec.keyids.map((kid) => root.keys.get(kid)?.canonicalId ?? kid).join(', ');
    throw new KeyError('KEY_NOT_IN_ROLE', `key ${key.canonicalId} is not the ${role} key of ${gun} (its ${role} key is ${expected})`, {
      option,
    });
  }
  return { signer, keyid };
}

/** A signature filed under the key's own ID: for a role whose key this update sets. */
export function ownSignature(signer: Signer): RoleSignature {
  return { signer, keyid: signer.publicKey.id };
}

function checkOwnFiles(update: RepositoryUpdate, files: Map<string, Uint8Array>): void {
  const root = update.effectiveRoot;
  const rootBytes = files.get('root');
  if (rootBytes) {
    const file = parseSignedFile('root', rootBytes, (r, o) => Root.fromJSON(r, o));
    verifyThreshold('new root.json', { name: 'root', ...root.role('root'), keys: root.keys }, file.signedBytes, file.signatures);
    const previous = update.before?.root.signed;
    if (previous) {
      verifyThreshold(
        'new root.json (by the previous root keys)',
        { name: 'root', ...previous.role('root'), keys: previous.keys },
        file.signedBytes,
        file.signatures,
      );
    }
  }
  const targetsBytes = files.get('targets');
  if (targetsBytes) {
    const file = parseSignedFile('targets', targetsBytes, (r, o) => Targets.fromJSON(r, o, 'targets'));
    verifyThreshold('new targets.json', { name: 'targets', ...root.role('targets'), keys: root.keys }, file.signedBytes, file.signatures);
  }
  const targets = update.effectiveTargets;
  for (const [name] of update.delegations) {
    const delegation = targets.delegations.find((d) => d.name === name);
    if (!delegation) throw new VerificationError('ROLE_MISSING', `${name} is not delegated by targets`);
    const file = parseSignedFile(name, files.get(name)!, (r, o) => Targets.fromJSON(r, o, name));
    verifyThreshold(`new ${name}.json`, { ...delegation, keys: targets.delegationKeys }, file.signedBytes, file.signatures);
  }
}

/** The next snapshot, when its key is ours: every changed file listed, roles no one delegates any more dropped. */
function nextSnapshot(update: RepositoryUpdate, files: ReadonlyMap<string, Uint8Array>): Snapshot {
  const previous = update.before?.snapshot.signed;
  const meta = new Map(previous?.meta ?? []);
  for (const [name, bytes] of files) meta.set(name, fileMetaOf(bytes));
  // Roles no longer delegated by anyone leave the snapshot with their delegation.
  const delegated = new Set(update.effectiveTargets.delegations.map((d) => d.name));
  for (const [name, role] of update.before?.roles ?? []) {
    if (name !== 'targets' && delegated.has(name)) role.file.signed.delegations.forEach((d) => delegated.add(d.name));
  }
  for (const name of [...meta.keys()]) if (name.startsWith('targets/') && !delegated.has(name)) meta.delete(name);
  return new Snapshot((previous?.version ?? 0) + 1, expiryFromNow(DEFAULT_EXPIRY_DAYS.snapshot, update.now), meta);
}

/** Every changed role signed, then checked against the keys it must verify with; the snapshot last, over the others. */
async function signUpdate(update: RepositoryUpdate): Promise<{ files: Map<string, Uint8Array>; versions: Map<string, number> }> {
  const files = new Map<string, Uint8Array>();
  const versions = new Map<string, number>();
  const add = async (role: string, body: Root | Targets | Snapshot, signers: RoleSignature[]) => {
    files.set(role, await signMetadata(body, signers));
    versions.set(role, body.version);
  };
  if (update.root) await add('root', update.root, update.rootSigners);
  if (update.targets) await add('targets', update.targets, update.targetsSigners);
  for (const [name, d] of update.delegations) await add(name, d.targets, d.signers);
  checkOwnFiles(update, files);
  if (update.snapshotSigner) {
    await add('snapshot', nextSnapshot(update, files), [update.snapshotSigner]);
    const file = parseSignedFile('snapshot', files.get('snapshot')!, (r, o) => Snapshot.fromJSON(r, o));
    const root = update.effectiveRoot;
    verifyThreshold(
      'new snapshot.json',
      { name: 'snapshot', ...root.role('snapshot'), keys: root.keys },
      file.signedBytes,
      file.signatures,
    );
  }
  return { files, versions };
}

/**
 * A publish whose answer was lost may have been committed: the server answered 5xx after its
 * commit (a proxy's 502), or the connection died after the request was sent. Only a re-read tells.
 */
function mayHaveCommitted(error: unknown): error is NotaryError {
  if (!(error instanceof NotaryError)) return false;
  return (
    error.code === 'NOTARY_UNREACHABLE' ||
    error.code === 'NOTARY_TIMEOUT' ||
    (error.code === 'NOTARY_HTTP_ERROR' && (error.details.status ?? 0) >= 500)
  );
}

/** A role's version in a repository: 0 when it has none (a delegation not published yet). */
function versionIn(repo: TrustedRepository, role: string): number {
  if (role === 'root') return repo.root.signed.version;
  return (repo.roles.get(role) ?? repo.invalidRoles.get(role)?.expired)?.file.signed.version ?? 0;
}

/**
 * Another publisher wrote a role this update changes since it was read: their version of it is on
 * the server now. The snapshot alone tells nothing (the server re-signs an expired one on read).
 */
function overtaken(files: ReadonlyMap<string, Uint8Array>, before: TrustedRepository, after: TrustedRepository): boolean {
  return [...files.keys()].some((role) => role !== 'snapshot' && versionIn(after, role) > versionIn(before, role));
}

/** The first role whose file the server does not serve exactly as we signed it (the snapshot may be re-made). */
function firstUnpublished(files: ReadonlyMap<string, Uint8Array>, after: TrustedRepository): string | undefined {
  for (const [role, bytes] of files) {
    if (role === 'snapshot') continue;
    const served = role === 'root' ? after.root.bytes : after.roles.get(role)?.file.bytes;
    if (!served || Buffer.compare(Buffer.from(served), Buffer.from(bytes)) !== 0) return role;
  }
  return undefined;
}

function raiseVersions(seen: Map<string, number>, versions: ReadonlyMap<string, number>): Map<string, number> {
  for (const [role, version] of versions) seen.set(role, Math.max(version, seen.get(role) ?? 0));
  return seen;
}

/**
 * Signs, checks, publishes and reads back. `pins` are the root key IDs the read-back of a new
 * repository (`init`) must chain from; any other read-back chains from the root trusted before.
 */
export async function publishUpdate(
  ctx: CommandContext,
  ref: ImageReference,
  update: RepositoryUpdate,
  pins: ReadonlySet<string>,
  seenVersions: Map<string, number>,
  /** `allowExpired`: the read-back may hold roles this update did not renew (renew reports them). */
  readBack: { allowExpired?: boolean } = {},
): Promise<TrustedRepository> {
  const { files, versions } = await signUpdate(update);
  const client = notaryClientFor(ctx, ref);
  const published: MetadataFile[] = [...files].map(([role, bytes]) => ({ role, bytes }));
  ctx.reporter.info(`Publishing ${published.map((f) => f.role).join(', ')} to ${client.serverUrl}`);
  let lost: NotaryError | undefined;
  try {
    await client.publish(published);
  } catch (error) {
    if (!mayHaveCommitted(error)) throw error;
    lost = error;
  }
  // Read back with fresh client state: chained from the root trusted before the update (init: pinned to its new root).
  const after = await loadVerified(ctx, ref, {
    now: update.now,
    // Until the re-read shows our versions, a lost publish may not have raised them.
    seenVersions: lost ? new Map(seenVersions) : raiseVersions(seenVersions, versions),
    ...(readBack.allowExpired ? { allowExpired: true } : {}),
    ...(update.before ? { trustedRoot: update.before.root.bytes } : { pins, useState: false }),
  });
  const unpublished = firstUnpublished(files, after);
  if (lost) {
    if (unpublished && update.before && overtaken(files, update.before, after))
      // Another publisher's update landed in between: on SQL storage notary-server answers the
      // collision with `500 UPDATING` after rolling back, where the memory store says `400 VERSION`.
      // Either way the update was built on a stale read: the caller re-reads, re-applies, re-signs.
      throw new NotaryError(
        'NOTARY_STALE_VERSION',
        `${update.gun}: ${lost.message}; the re-read shows another publisher's update of a role this one changes, so this one was built on a stale read`,
        lost.details,
        { cause: lost },
      );
    if (unpublished)
      throw new NotaryError(lost.code, `${lost.message}; re-read the repository: the update was not published`, lost.details, {
        cause: lost,
      });
    ctx.reporter.warning(
      `${update.gun}: the server's answer to the publish was lost (${lost.message}), but the re-read shows the update published`,
    );
    raiseVersions(seenVersions, versions);
  } else if (unpublished) {
    throw new VerificationError('PUBLISHED_MISMATCH', `${update.gun}: ${unpublished}.json on the server is not the file just published`);
  }
  return after;
}
