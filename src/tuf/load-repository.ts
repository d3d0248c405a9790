import { bytesToHex } from '@noble/hashes/utils.js';
import { VerificationError } from '../errors.js';
import { Root, parseSignedFile, type FileMeta } from './metadata.js';
import { TrustedStore, type RootTrust } from './trusted-store.js';
import type { LoadedRole, TrustedRepository } from './trusted-repository.js';

/**
 * The update of one repository's trust data, as notary's client runs it (notary:
 * client/tufclient.go): fetch each role in order and hand it to the TrustedStore, which checks it.
 * This file only decides what to fetch next, with what size cap; every check of content is the store's.
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

/** Caps for the files no trusted metadata lists a length for: root (notary allows 100 MiB, const.go MaxDownloadSize; no root comes near 5) and the timestamp (notary: MaxTimestampSize, 1 MiB). */
export const MAX_ROOT_BYTES = 5 << 20;
export const MAX_TIMESTAMP_BYTES = 1 << 20;
/**
 * Ceiling per snapshot, targets or delegation file, whatever length is listed: the listing is
 * signed by the server whenever it holds the snapshot key (the default), so it bounds nothing by
 * itself (TUF spec 5.5.1, 5.6.1: "or some Y/Z number of bytes"). A 10,000-tag targets file is about 2 MB.
 */
export const MAX_METADATA_BYTES = 32 << 20;
/** Ceiling for all files of one repository load together. */
export const MAX_REPOSITORY_BYTES = 256 << 20;
/** Root versions one load may walk (TUF spec 5.3.3 bounds the root files downloaded, e.g. 2^10; notary has no bound). */
export const MAX_ROOT_VERSIONS_WALKED = 1024;

export interface TrustOptions {
  gun: string;
  now?: number;
  /** Root key IDs (TUF or canonical) to pin; empty means trust on first use. */
  pinnedRootKeyIds?: ReadonlySet<string>;
  /** Highest version seen per role, in this run or recorded by an earlier one; checked and raised by each load. */
  seenVersions?: Map<string, number>;
  /**
   * The root bytes an earlier run trusted (trust-state): the starting root, walked up to the
   * latest (TUF spec 5.2, 5.3). With pins too, some root of that chain must meet them.
   */
  trustedRoot?: Uint8Array;
  /** Per-file ceiling for snapshot, targets and delegations; default MAX_METADATA_BYTES. */
  maxMetadataBytes?: number;
  /** Ceiling for every file of this load together; default MAX_REPOSITORY_BYTES. */
  maxRepositoryBytes?: number;
  /** Record expired metadata instead of refusing it (renew); every signature is still checked. */
  allowExpired?: boolean;
}

/** Loads and verifies a whole repository: root, timestamp, snapshot, targets and every delegation. */
export async function loadTrustedRepository(source: MetadataSource, options: TrustOptions): Promise<TrustedRepository> {
  const store = new TrustedStore({
    gun: options.gun,
    now: options.now ?? Date.now(),
    seenVersions: options.seenVersions,
    allowExpired: options.allowExpired ?? false,
  });
  const downloads = new Downloads(source, options);
  await loadRoot(downloads, store, options);

  const timestamp = await downloads.unlisted('timestamp', {}, MAX_TIMESTAMP_BYTES);
  if (!timestamp) throw new VerificationError('METADATA_MISSING', `${options.gun} has no timestamp.json on the Notary server`);
  store.updateTimestamp(timestamp);
  store.updateSnapshot(await downloads.listed('snapshot', store.snapshotMeta, 'timestamp'));
  const targets = store.updateTargets(await downloads.listed('targets', store.metaOf('targets'), 'snapshot'));

  // Pre-order walk, children in listed order (notary: client/tufclient.go downloadTargets).
  const stack: LoadedRole[] = [targets];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const children: LoadedRole[] = [];
    for (const delegation of parent.file.signed.delegations) {
      const meta = store.metaOf(delegation.name);
      if (!meta) continue; // delegated but never published: nothing to load
      const child = store.updateDelegation(delegation, parent, await downloads.listed(delegation.name, meta, 'snapshot'));
      if (child) children.push(child);
    }
    stack.push(...children.reverse());
  }
  return store.result();
}

/**
 * Every download of one load: each file capped by its ceiling, all of them together by the
 * repository budget, since a hostile server may stream as much as it likes (TUF spec 5.5.1, 5.6.1).
 */
class Downloads {
  private used = 0;
  private readonly fileCeiling: number;
  private readonly budget: number;

  constructor(
    private readonly source: MetadataSource,
    private readonly options: TrustOptions,
  ) {
    this.fileCeiling = options.maxMetadataBytes ?? MAX_METADATA_BYTES;
    this.budget = options.maxRepositoryBytes ?? MAX_REPOSITORY_BYTES;
  }

  /** A file no trusted metadata lists a length for (root, timestamp): its own ceiling, and what the budget has left. */
  async unlisted(role: string, options: Omit<FetchOptions, 'maxBytes'>, ceiling: number): Promise<Uint8Array | undefined> {
    const left = this.budget - this.used;
    if (left <= 0) throw this.overBudget(role, undefined);
    return this.fetch(role, { ...options, maxBytes: Math.min(ceiling, left) });
  }

  /** A file the timestamp or snapshot lists by hash and length; a listed length over a ceiling fails before any request. */
  async listed(role: string, meta: FileMeta | undefined, listedIn: string): Promise<Uint8Array> {
    if (!meta?.hashes.sha256) throw new VerificationError('METADATA_MISSING', `${listedIn}.json does not list ${role} with a sha256 hash`);
    if (meta.length > this.fileCeiling)
      throw new VerificationError(
        'METADATA_TOO_LARGE',
        `${role}.json is listed in ${listedIn}.json at ${meta.length} bytes, more than the ceiling of ${this.fileCeiling} bytes per file`,
      );
    if (meta.length > this.budget - this.used) throw this.overBudget(role, meta.length);
    const checksum = bytesToHex(meta.hashes.sha256);
    const bytes = await this.fetch(role, { checksum, maxBytes: Math.min(meta.length, this.fileCeiling) });
    if (!bytes)
      throw new VerificationError(
        'METADATA_MISSING',
        `${role}.json listed in ${listedIn}.json (sha256 ${checksum.slice(0, 12)}) is missing on the server`,
      );
    return bytes;
  }

  private async fetch(role: string, options: FetchOptions): Promise<Uint8Array | undefined> {
    const bytes = await this.source.fetch(role, options);
    if (!bytes) return undefined;
    // A source is asked to enforce maxBytes; one that does not is still held to it.
    if (bytes.length > options.maxBytes)
      throw new VerificationError('METADATA_TOO_LARGE', `${role}.json is ${bytes.length} bytes, more than the ${options.maxBytes} allowed`);
    this.used += bytes.length;
    return bytes;
  }

  private overBudget(role: string, listed: number | undefined): VerificationError {
    const size = listed === undefined ? '' : ` (listed at ${listed} bytes)`;
    return new VerificationError(
      'METADATA_TOO_LARGE',
      `${this.options.gun}: ${role}.json${size} would take this load past its ceiling of ${this.budget} bytes for all files (${this.used} downloaded)`,
    );
  }
}

/**
 * The root (TUF spec 5.3): from the recorded root when there is one; else with pins, the newest
 * root if pinned keys sign it, otherwise the rotation chain from the oldest pinned version; else on
 * first use. Then the final root's own checks (5.3.10).
 */
async function loadRoot(downloads: Downloads, store: TrustedStore, options: TrustOptions): Promise<void> {
  const latest = await downloads.unlisted('root', {}, MAX_ROOT_BYTES);
  if (!latest) throw new VerificationError('METADATA_MISSING', `${store.gun} has no trust data on the Notary server (no root.json)`);
  const pins = options.pinnedRootKeyIds && options.pinnedRootKeyIds.size > 0 ? options.pinnedRootKeyIds : undefined;
  if (options.trustedRoot) await walkFromRecorded(downloads, store, latest, options.trustedRoot, pins);
  else if (!pins) store.trustRoot(latest, 'root', { firstUse: true });
  else if (!tryTrustRoot(store, latest, 'root', { pins })) await walkFromPinned(downloads, store, latest, pins);
  store.finishRoot();
}

/**
 * Pins refuse the newest root: walk `1.root.json` upwards to the first version pinned keys sign,
 * then each version signed by the one before (notary: client/tufclient.go updateRootVersions).
 */
async function walkFromPinned(downloads: Downloads, store: TrustedStore, latest: Uint8Array, pins: ReadonlySet<string>): Promise<void> {
  const latestVersion = rootVersion(latest);
  const chain = `root rotation chain of ${store.gun}`;
  checkWalkLength(store.gun, 0, latestVersion);
  for (let version = 1; version < latestVersion; version++) {
    const older = await fetchRootVersion(downloads, version, chain);
    if (store.rootVersion !== undefined) stepRoot(store, older, version, `${version}.root`, chain);
    else if (tryTrustRoot(store, older, `${version}.root`, { pins }) && store.rootVersion !== version)
      throw new VerificationError('ROLLBACK', `${version}.root.json holds version ${store.rootVersion}`);
  }
  if (store.rootVersion === undefined) store.trustRoot(latest, 'root', { pins }); // throws, naming the root keys
  stepRoot(store, latest, latestVersion, 'root', chain);
}

/**
 * From the root an earlier run trusted (TUF spec 5.2) to the newest: each `<v>.root.json` signed
 * by the one before (5.3.3-5.3.7), as notary does from its cached root (notary: client/tufclient.go updateRoot).
 */
async function walkFromRecorded(
  downloads: Downloads,
  store: TrustedStore,
  latest: Uint8Array,
  recordedBytes: Uint8Array,
  pins: ReadonlySet<string> | undefined,
): Promise<void> {
  const recorded = store.trustRoot(recordedBytes, 'recorded root', { recorded: true, pins }).signed.version;
  const latestVersion = rootVersion(latest);
  if (latestVersion < recorded)
    throw new VerificationError(
      'ROLLBACK',
      `root.json of ${store.gun} holds version ${latestVersion}, older than the recorded root version ${recorded} (rollback)`,
    );
  const chain = `root rotation chain of ${store.gun} from the recorded root version ${recorded}`;
  if (latestVersion === recorded) {
    if (Buffer.compare(Buffer.from(latest), Buffer.from(recordedBytes)) !== 0)
      throw new VerificationError('ROOT_CHAIN_BROKEN', `${chain} is broken: root.json holds version ${recorded} with other content`);
    return;
  }
  checkWalkLength(store.gun, recorded, latestVersion);
  for (let version = recorded + 1; version < latestVersion; version++)
    stepRoot(store, await fetchRootVersion(downloads, version, chain), version, `${version}.root`, chain);
  stepRoot(store, latest, latestVersion, 'root', chain);
}

/** Refuses a walk longer than the bound before any request (TUF spec 5.3.3). */
function checkWalkLength(gun: string, from: number, latestVersion: number): void {
  if (latestVersion - from > MAX_ROOT_VERSIONS_WALKED)
    throw new VerificationError(
      'TOO_MANY_ROOT_VERSIONS',
      `root.json of ${gun} holds version ${latestVersion}: reaching it from version ${from} takes ${latestVersion - from} root versions, more than the ${MAX_ROOT_VERSIONS_WALKED} allowed`,
    );
}

/** `<version>.root.json`; the latest version is known, so any version missing below it breaks the chain. */
async function fetchRootVersion(downloads: Downloads, version: number, chain: string): Promise<Uint8Array> {
  const bytes = await downloads.unlisted('root', { version }, MAX_ROOT_BYTES);
  if (!bytes) throw new VerificationError('ROOT_CHAIN_BROKEN', `${chain} is broken: version ${version} of root.json is missing`);
  return bytes;
}

/** One step of the chain (TUF spec 5.3.4, 5.3.5); a root that does not follow from the trusted one breaks the chain. */
function stepRoot(store: TrustedStore, bytes: Uint8Array, version: number, source: string, chain: string): void {
  try {
    store.updateRoot(bytes, source);
  } catch (error) {
    if (error instanceof VerificationError && (error.code === 'THRESHOLD_NOT_MET' || error.code === 'ROLLBACK'))
      throw new VerificationError('ROOT_CHAIN_BROKEN', `${chain} is broken at version ${version}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Trusts this root as the first one, or returns false when pinned keys do not sign it to its threshold. */
function tryTrustRoot(store: TrustedStore, bytes: Uint8Array, source: string, trust: RootTrust): boolean {
  try {
    store.trustRoot(bytes, source, trust);
    return true;
  } catch (error) {
    if (error instanceof VerificationError && error.code === 'ROOT_NOT_TRUSTED') return false;
    throw error;
  }
}

function rootVersion(bytes: Uint8Array): number {
  return parseSignedFile('root', bytes, (r, o) => Root.fromJSON(r, o)).signed.version;
}
