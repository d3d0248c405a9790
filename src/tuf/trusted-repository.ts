import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { VerificationError } from '../errors.js';
import type { PublicKey } from './keys.js';
import { Root, Snapshot, Targets, Timestamp, parseSignedFile, type BaseRole, type FileMeta, type SignedFile } from './metadata.js';
import { checkRootCertificate } from './root-certificates.js';
import { verifyThreshold, type RoleKeys } from './signatures.js';

/**
 * The client update algorithm of notary (N:client/tufclient.go, N:tuf/builder.go), with no I/O:
 * metadata arrives through a MetadataSource. Every file is checked before it is used: size caps,
 * hashes and lengths against what timestamp/snapshot list, signature thresholds, expiry, and
 * versions against those already seen in this run (rollback).
 */
export interface FetchOptions {
  /** sha256 hex: fetch `<role>.<hex>.json`, as notary does once the hash is known. */
  checksum?: string;
  /** fetch `<version>.<role>.json` (root rotation walks). */
  version?: number;
  maxBytes: number;
}

export interface MetadataSource {
  /** The file's bytes, or undefined when the server has none (404). */
  fetch(role: string, options: FetchOptions): Promise<Uint8Array | undefined>;
}

/** Download caps, as notary's (N:const.go MaxDownloadSize 100 MiB for root, 1 MiB timestamp); others are capped by their listed length. */
export const MAX_ROOT_BYTES = 5 << 20;
export const MAX_TIMESTAMP_BYTES = 1 << 20;
/** Delegation roles walked at most, so a hostile tree cannot keep us busy. */
export const MAX_DELEGATIONS = 1000;

export interface TrustOptions {
  gun: string;
  now?: number;
  /** Root key IDs (TUF or canonical) to pin; empty means trust on first use. */
  pinnedRootKeyIds?: ReadonlySet<string>;
  /** Highest version seen per role in this run; checked and raised by each load. */
  seenVersions?: Map<string, number>;
}

export interface LoadedRole {
  name: string;
  file: SignedFile<Targets>;
  /** The keys and threshold it was verified against (from root, or from its parent). */
  keys: RoleKeys;
  /** Effective path prefixes after the parent's restriction; `targets` has [""]. */
  paths: string[];
}

/** A published delegation that did not verify; `expired` ones are validly signed, only stale. */
export interface InvalidRole {
  reason: string;
  /** Set when only the expiry failed: the content is authentic and may be re-signed. */
  expired?: LoadedRole;
}

export class TrustedRepository {
  constructor(
    readonly gun: string,
    readonly root: SignedFile<Root>,
    readonly timestamp: SignedFile<Timestamp>,
    readonly snapshot: SignedFile<Snapshot>,
    /** Verified targets roles, in notary's pre-order walk order. */
    readonly roles: Map<string, LoadedRole>,
    /** Delegations that were published but did not verify (expired, threshold): skipped, as notary does. */
    readonly invalidRoles: Map<string, InvalidRole>,
    readonly warnings: string[],
    readonly trustedOnFirstUse: boolean,
  ) {}

  get targets(): LoadedRole {
    return this.roles.get('targets')!;
  }

  /** Role metadata as published: listed in the snapshot, whether or not it verified. */
  isPublished(role: string): boolean {
    return this.snapshot.signed.meta.has(role);
  }

  rootKeyIds(): string[] {
    return this.root.signed.role('root').keyids;
  }

  /** Does the role's effective paths allow this target name? (roles.go CheckPaths: prefixes.) */
  static allows(role: LoadedRole, name: string): boolean {
    return role.paths.some((p) => name.startsWith(p));
  }
}

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

function checkExpiry(source: string, expiresMs: number, expires: string, now: number): void {
  if (expiresMs <= now) throw new VerificationError(`${source} expired at ${expires}`);
}

function checkVersion(options: TrustOptions, role: string, version: number): void {
  const seen = options.seenVersions?.get(role);
  if (seen !== undefined && version < seen) {
    throw new VerificationError(`${role}.json version ${version} is older than version ${seen} seen earlier in this run (rollback)`);
  }
}

function rootRoleKeys(root: Root, role: BaseRole): RoleKeys {
  return { name: role, ...root.role(role), keys: root.keys };
}

function parseRoot(bytes: Uint8Array, source = 'root'): SignedFile<Root> {
  return parseSignedFile(source, bytes, (r, o) => Root.fromJSON(r, o));
}

/** A root is acceptable in itself: certificates valid for this GUN, self-signed to threshold. */
function checkRootSelf(file: SignedFile<Root>, gun: string, now: number, checkExpiry: boolean): string[] {
  for (const id of file.signed.role('root').keyids) checkRootCertificate(file.signed.keys.get(id)!, gun, now, checkExpiry);
  return verifyThreshold(`${file.role}.json`, rootRoleKeys(file.signed, 'root'), file.signedBytes, file.signatures);
}

function matchesPins(file: SignedFile<Root>, validSigners: string[], pins: ReadonlySet<string>): boolean {
  return validSigners.some((id) => {
    const key = file.signed.keys.get(id);
    return key !== undefined && (pins.has(key.id) || pins.has(key.canonicalId));
  });
}

function describeRootKeys(root: Root): string {
  return root
    .role('root')
    .keyids.map((id) => `${id} (public key ${root.keys.get(id)?.canonicalId ?? '?'})`)
    .join(', ');
}

/**
 * Establishes the trusted root. Pinned: the newest root must carry a valid signature by a pinned
 * key; if it does not (the key was rotated), walk `1.root.json`... to the newest, starting from
 * the newest version a pinned key signs, each next root signed by the previous root's keys to the
 * previous threshold and by its own (notary's rotation rule, N:tuf/builder.go).
 */
async function loadRoot(
  source: MetadataSource,
  options: TrustOptions,
  now: number,
  warnings: string[],
): Promise<{ root: SignedFile<Root>; tofu: boolean }> {
  const bytes = await source.fetch('root', { maxBytes: MAX_ROOT_BYTES });
  if (!bytes) throw new VerificationError(`${options.gun} has no trust data on the Notary server (no root.json)`);
  const latest = parseRoot(bytes);
  const latestSigners = checkRootSelf(latest, options.gun, now, true);
  checkExpiry('root.json', latest.signed.expiresMs, latest.signed.expires, now);
  checkVersion(options, 'root', latest.signed.version);
  const pins = options.pinnedRootKeyIds;
  if (!pins || pins.size === 0) {
    warnings.push(
      `${options.gun}: no trusted-root-keys given, so the root was trusted on first use. Pin it with trusted-root-keys: ${latest.signed.role('root').keyids.join(', ')}`,
    );
    return { root: latest, tofu: true };
  }
  if (matchesPins(latest, latestSigners, pins)) return { root: latest, tofu: false };

  // Walk the rotation chain from the oldest version a pinned key signed.
  let trusted: SignedFile<Root> | undefined;
  for (let version = 1; version < latest.signed.version; version++) {
    const older = await source.fetch('root', { version, maxBytes: MAX_ROOT_BYTES });
    if (!older) {
      if (trusted)
        throw new VerificationError(`root rotation chain of ${options.gun} is broken: version ${version} of root.json is missing`);
      continue;
    }
    const file = parseRoot(older, `${version}.root`);
    if (file.signed.version !== version) throw new VerificationError(`${version}.root.json holds version ${file.signed.version}`);
    if (trusted) {
      verifyThreshold(`${version}.root.json`, rootRoleKeys(trusted.signed, 'root'), file.signedBytes, file.signatures);
      checkRootSelf(file, options.gun, now, false);
      trusted = file;
    } else {
      const signers = checkRootSelf(file, options.gun, now, false);
      if (matchesPins(file, signers, pins)) trusted = file;
    }
  }
  if (!trusted) {
    throw new VerificationError(
      `root of ${options.gun} does not match trusted-root-keys: its root keys are ${describeRootKeys(latest.signed)}`,
    );
  }
  verifyThreshold('root.json', rootRoleKeys(trusted.signed, 'root'), latest.signedBytes, latest.signatures);
  return { root: latest, tofu: false };
}

async function fetchListed(source: MetadataSource, role: string, meta: FileMeta | undefined, listedIn: string): Promise<Uint8Array> {
  if (!meta?.hashes.sha256) throw new VerificationError(`${listedIn}.json does not list ${role} with a sha256 hash`);
  const checksum = bytesToHex(meta.hashes.sha256);
  const bytes = await source.fetch(role, { checksum, maxBytes: meta.length });
  if (!bytes)
    throw new VerificationError(`${role}.json listed in ${listedIn}.json (sha256 ${checksum.slice(0, 12)}) is missing on the server`);
  const mismatch = fileHashesMatch(bytes, meta);
  if (mismatch) throw new VerificationError(`${role}.json does not match ${listedIn}.json: ${mismatch}`);
  return bytes;
}

/** Loads and verifies a whole repository: root, timestamp, snapshot, targets and every delegation. */
export async function loadTrustedRepository(source: MetadataSource, options: TrustOptions): Promise<TrustedRepository> {
  const now = options.now ?? Date.now();
  const warnings: string[] = [];
  const { root, tofu } = await loadRoot(source, options, now, warnings);

  const tsBytes = await source.fetch('timestamp', { maxBytes: MAX_TIMESTAMP_BYTES });
  if (!tsBytes) throw new VerificationError(`${options.gun} has no timestamp.json on the Notary server`);
  const timestamp = parseSignedFile('timestamp', tsBytes, (r, o) => Timestamp.fromJSON(r, o));
  verifyThreshold('timestamp.json', rootRoleKeys(root.signed, 'timestamp'), timestamp.signedBytes, timestamp.signatures);
  checkExpiry('timestamp.json', timestamp.signed.expiresMs, timestamp.signed.expires, now);
  checkVersion(options, 'timestamp', timestamp.signed.version);

  const snapBytes = await fetchListed(source, 'snapshot', timestamp.signed.meta.get('snapshot'), 'timestamp');
  const snapshot = parseSignedFile('snapshot', snapBytes, (r, o) => Snapshot.fromJSON(r, o));
  verifyThreshold('snapshot.json', rootRoleKeys(root.signed, 'snapshot'), snapshot.signedBytes, snapshot.signatures);
  checkExpiry('snapshot.json', snapshot.signed.expiresMs, snapshot.signed.expires, now);
  checkVersion(options, 'snapshot', snapshot.signed.version);
  const rootMismatch = fileHashesMatch(root.bytes, snapshot.signed.meta.get('root')!);
  if (rootMismatch)
    throw new VerificationError(
      `root.json does not match snapshot.json: ${rootMismatch} (root changed during the update, or the server is inconsistent)`,
    );

  const targetsBytes = await fetchListed(source, 'targets', snapshot.signed.meta.get('targets'), 'snapshot');
  const targetsFile = parseSignedFile('targets', targetsBytes, (r, o) => Targets.fromJSON(r, o, 'targets'));
  const targetsKeys = rootRoleKeys(root.signed, 'targets');
  verifyThreshold('targets.json', targetsKeys, targetsFile.signedBytes, targetsFile.signatures);
  checkExpiry('targets.json', targetsFile.signed.expiresMs, targetsFile.signed.expires, now);
  checkVersion(options, 'targets', targetsFile.signed.version);

  const roles = new Map<string, LoadedRole>([['targets', { name: 'targets', file: targetsFile, keys: targetsKeys, paths: [''] }]]);
  const invalidRoles = new Map<string, InvalidRole>();

  // Pre-order walk, children in listed order (N:tuf/tuf.go WalkTargets).
  const stack: LoadedRole[] = [roles.get('targets')!];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const children: LoadedRole[] = [];
    for (const d of parent.file.signed.delegations) {
      if (roles.size + invalidRoles.size >= MAX_DELEGATIONS)
        throw new VerificationError(`${options.gun} has more than ${MAX_DELEGATIONS} delegations`);
      const meta = snapshot.signed.meta.get(d.name);
      if (!meta) continue; // delegated but never published: nothing to load
      const bytes = await fetchListed(source, d.name, meta, 'snapshot');
      const file = parseSignedFile(d.name, bytes, (r, o) => Targets.fromJSON(r, o, d.name));
      const keys: RoleKeys = { name: d.name, keyids: d.keyids, threshold: d.threshold, keys: parent.file.signed.delegationKeys };
      checkVersion(options, d.name, file.signed.version);
      // A child keeps only the paths its parent was granted (RestrictDelegationPathPrefixes).
      const paths = d.paths.filter((p) => parent.paths.some((granted) => p.startsWith(granted)));
      const loaded: LoadedRole = { name: d.name, file, keys, paths };
      // As notary: an invalid delegation is skipped with its subtree, not fatal for the repository.
      try {
        verifyThreshold(`${d.name}.json`, keys, file.signedBytes, file.signatures);
      } catch (error) {
        invalidRoles.set(d.name, { reason: (error as Error).message });
        warnings.push(`${options.gun}: ignoring ${d.name}: ${(error as Error).message}`);
        continue;
      }
      if (file.signed.expiresMs <= now) {
        const reason = `${d.name}.json expired at ${file.signed.expires}`;
        invalidRoles.set(d.name, { reason, expired: loaded });
        warnings.push(`${options.gun}: ignoring ${d.name}: ${reason}`);
        continue;
      }
      children.push(loaded);
    }
    for (const child of children) roles.set(child.name, child);
    stack.push(...children.reverse());
  }

  const seen = options.seenVersions;
  if (seen) {
    seen.set('root', root.signed.version);
    seen.set('timestamp', timestamp.signed.version);
    seen.set('snapshot', snapshot.signed.version);
    for (const [name, role] of roles) seen.set(name, role.file.signed.version);
  }
  return new TrustedRepository(options.gun, root, timestamp, snapshot, roles, invalidRoles, warnings, tofu);
}

/** The key IDs (TUF IDs as listed) of a role's keys that equal a given public key. */
export function roleKeyIdsFor(role: { keyids: readonly string[] }, keys: ReadonlyMap<string, PublicKey>, key: PublicKey): string[] {
  return role.keyids.filter((id) => {
    const listed = keys.get(id);
    return listed !== undefined && (listed.id === key.id || listed.canonicalId === key.canonicalId);
  });
}
