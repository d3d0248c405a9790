import { bytesToHex } from '@noble/hashes/utils.js';
import { VerificationError } from '../errors.js';
import { Root, parseSignedFile, type FileMeta } from './metadata.js';
import { TrustedStore, type RootTrust } from './trusted-store.js';
import type { LoadedRole, TrustedRepository } from './trusted-repository.js';

/**
 * The update of one repository's trust data, as notary's client runs it (notary:
 * client/tufclient.go): fetch each role in order and hand it to the TrustedStore, which checks it.
 * This file only decides what to fetch next, with what size cap; every check is the store's.
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

/** Download caps, as notary's (notary: const.go MaxDownloadSize 100 MiB for root, MaxTimestampSize 1 MiB); others are capped by their listed length. */
export const MAX_ROOT_BYTES = 5 << 20;
export const MAX_TIMESTAMP_BYTES = 1 << 20;

export interface TrustOptions {
  gun: string;
  now?: number;
  /** Root key IDs (TUF or canonical) to pin; empty means trust on first use. */
  pinnedRootKeyIds?: ReadonlySet<string>;
  /** Highest version seen per role in this run; checked and raised by each load. */
  seenVersions?: Map<string, number>;
}

/** Loads and verifies a whole repository: root, timestamp, snapshot, targets and every delegation. */
export async function loadTrustedRepository(source: MetadataSource, options: TrustOptions): Promise<TrustedRepository> {
  const store = new TrustedStore({ gun: options.gun, now: options.now ?? Date.now(), seenVersions: options.seenVersions });
  await loadRoot(source, store, options.pinnedRootKeyIds);

  const timestamp = await source.fetch('timestamp', { maxBytes: MAX_TIMESTAMP_BYTES });
  if (!timestamp) throw new VerificationError('METADATA_MISSING', `${options.gun} has no timestamp.json on the Notary server`);
  store.updateTimestamp(timestamp);
  store.updateSnapshot(await fetchListed(source, 'snapshot', store.snapshotMeta, 'timestamp'));
  const targets = store.updateTargets(await fetchListed(source, 'targets', store.metaOf('targets'), 'snapshot'));

  // Pre-order walk, children in listed order (notary: client/tufclient.go downloadTargets).
  const stack: LoadedRole[] = [targets];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const children: LoadedRole[] = [];
    for (const delegation of parent.file.signed.delegations) {
      const meta = store.metaOf(delegation.name);
      if (!meta) continue; // delegated but never published: nothing to load
      const child = store.updateDelegation(delegation, parent, await fetchListed(source, delegation.name, meta, 'snapshot'));
      if (child) children.push(child);
    }
    stack.push(...children.reverse());
  }
  return store.result();
}

/**
 * The root: with pins, the newest root if a pinned key signs it; otherwise the rotation chain is
 * walked from the oldest version a pinned key signs, `1.root.json` upwards, each version signed by
 * the one before (TUF spec 5.3; notary: client/tufclient.go updateRootVersions).
 */
async function loadRoot(source: MetadataSource, store: TrustedStore, pins: ReadonlySet<string> | undefined): Promise<void> {
  const latest = await source.fetch('root', { maxBytes: MAX_ROOT_BYTES });
  if (!latest) throw new VerificationError('METADATA_MISSING', `${store.gun} has no trust data on the Notary server (no root.json)`);
  const trust: RootTrust = pins && pins.size > 0 ? { pins } : { firstUse: true };
  if (!tryTrustRoot(store, latest, 'root', trust)) {
    // Only pins refuse a root that is valid in itself; its version bounds the walk.
    const latestVersion = parseSignedFile('root', latest, (r, o) => Root.fromJSON(r, o)).signed.version;
    for (let version = 1; version < latestVersion; version++) {
      const older = await source.fetch('root', { version, maxBytes: MAX_ROOT_BYTES });
      const trusted = store.rootVersion !== undefined;
      if (!older) {
        if (trusted)
          throw new VerificationError(
            'METADATA_MISSING',
            `root rotation chain of ${store.gun} is broken: version ${version} of root.json is missing`,
          );
        continue;
      }
      if (trusted) store.updateRoot(older, `${version}.root`);
      else if (tryTrustRoot(store, older, `${version}.root`, trust) && store.rootVersion !== version)
        throw new VerificationError('ROLLBACK', `${version}.root.json holds version ${store.rootVersion}`);
    }
    if (store.rootVersion === undefined) store.trustRoot(latest, 'root', trust); // throws, naming the root keys
    store.updateRoot(latest, 'root');
  }
  store.finishRoot();
}

/** Trusts this root as the first one, or returns false when no pinned key signs it. */
function tryTrustRoot(store: TrustedStore, bytes: Uint8Array, source: string, trust: RootTrust): boolean {
  try {
    store.trustRoot(bytes, source, trust);
    return true;
  } catch (error) {
    if (error instanceof VerificationError && error.code === 'ROOT_NOT_TRUSTED') return false;
    throw error;
  }
}

async function fetchListed(source: MetadataSource, role: string, meta: FileMeta | undefined, listedIn: string): Promise<Uint8Array> {
  if (!meta?.hashes.sha256) throw new VerificationError('METADATA_MISSING', `${listedIn}.json does not list ${role} with a sha256 hash`);
  const checksum = bytesToHex(meta.hashes.sha256);
  const bytes = await source.fetch(role, { checksum, maxBytes: meta.length });
  if (!bytes)
    throw new VerificationError(
      'METADATA_MISSING',
      `${role}.json listed in ${listedIn}.json (sha256 ${checksum.slice(0, 12)}) is missing on the server`,
    );
  return bytes;
}
