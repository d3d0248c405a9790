import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StateError } from '../errors.js';

/**
 * The TUF client's state kept across runs, per Notary server and repository, as notary's client
 * cache keeps it (notary: client/client.go NewFileCachedRepository, `tuf/<gun>/metadata/`): the
 * root it trusts, the last timestamp and snapshot, and the highest version of every role seen.
 * A later run chains every root from the recorded one and refuses any lower version (rollback),
 * which protects across runs what the version checks of one run protect within it.
 *
 * Decisions: no file is first use (trust starts now); a file that does not parse is never reset
 * silently (that would reopen the rollback it guards against) but fails naming it; two jobs
 * writing the same state serialize on a lock file and merge, keeping the higher of each version;
 * a job replaces the recorded root only if the file still holds the root its run started from
 * (else another job recorded a root this run never chained from, and this run's record is dropped,
 * with a warning); `init` records its new repository as a replacement, never a merge.
 */
export interface RepositoryState {
  /** Bytes of the root trusted last time. */
  root: Uint8Array;
  versions: Map<string, number>;
}

/** What a run verified of one repository: its final root, timestamp and snapshot, and every role's version. */
export interface RepositoryRecord {
  root: Uint8Array;
  timestamp: Uint8Array;
  snapshot: Uint8Array;
  versions: ReadonlyMap<string, number>;
}

export interface RecordOptions {
  /** The recorded root this run started from; undefined when it started with no record (first use). */
  base?: Uint8Array;
  /** A new repository (init): this record replaces whatever the file holds. */
  replace?: boolean;
}

const FORMAT = 1;
/**
 * A writer holds the lock for a read, a merge and a rename: milliseconds. One older than
 * STALE_LOCK_MS is a crashed writer's and is taken over; waiters wait longer than that.
 */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 45_000;
/** No honest state file comes near this (a root and two small files). */
const MAX_STATE_BYTES = 16 << 20;

interface StateFile {
  format: number;
  server: string;
  gun: string;
  root: string;
  timestamp?: string;
  snapshot?: string;
  versions: Record<string, number>;
}

function isStateFile(value: unknown): value is StateFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const base64 = (x: unknown) => typeof x === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(x);
  const versions = v.versions as Record<string, unknown> | undefined;
  return (
    v.format === FORMAT &&
    typeof v.server === 'string' &&
    typeof v.gun === 'string' &&
    base64(v.root) &&
    (v.timestamp === undefined || base64(v.timestamp)) &&
    (v.snapshot === undefined || base64(v.snapshot)) &&
    typeof versions === 'object' &&
    versions !== null &&
    Object.values(versions).every((n) => Number.isSafeInteger(n) && (n as number) >= 1)
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TrustStateStore {
  /** Verified repositories of this run, written by `flush` once the command has succeeded. */
  private readonly pending = new Map<string, { server: string; gun: string; record: RepositoryRecord; options: RecordOptions }>();

  constructor(readonly dir: string) {}

  /** The state file of a repository: one folder per server, one per repository path segment. */
  pathOf(server: string, gun: string): string {
    const host = encodeURIComponent(new URL(server).host);
    return join(this.dir, host, ...gun.split('/').map((segment) => encodeURIComponent(segment)), 'state.json');
  }

  /** The recorded state, or undefined on first use. */
  async read(server: string, gun: string): Promise<RepositoryState | undefined> {
    const path = this.pathOf(server, gun);
    const file = await this.readFile(path);
    if (!file) return undefined;
    if (file.server !== server || file.gun !== gun)
      throw this.corrupt(path, `it records ${file.gun} on ${file.server}, not ${gun} on ${server}`);
    return {
      root: new Uint8Array(Buffer.from(file.root, 'base64')),
      versions: new Map(Object.entries(file.versions)),
    };
  }

  /**
   * Remembers a verified repository. The latest record of a repository in a run wins, but the base
   * stays the one its first load started from: a read-back after publishing chains from that too.
   */
  record(server: string, gun: string, record: RepositoryRecord, options: RecordOptions = {}): void {
    const key = `${server} ${gun}`;
    const earlier = this.pending.get(key);
    this.pending.set(key, { server, gun, record, options: earlier ? { ...options, base: earlier.options.base } : options });
  }

  /**
   * Writes every recorded repository, each merged with what another job may have written since it
   * was read. Returns a warning for each record dropped because another job recorded another root.
   */
  async flush(): Promise<string[]> {
    const warnings: string[] = [];
    for (const { server, gun, record, options } of this.pending.values()) {
      const dropped = await this.write(server, gun, record, options);
      if (dropped) warnings.push(dropped);
    }
    this.pending.clear();
    return warnings;
  }

  private async write(server: string, gun: string, record: RepositoryRecord, options: RecordOptions): Promise<string | undefined> {
    const path = this.pathOf(server, gun);
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      throw new StateError('STATE_WRITE_FAILED', `cannot create ${dirname(path)}: ${(error as Error).message}`, {
        option: 'trustState',
        cause: error,
      });
    }
    const release = await this.lock(`${path}.lock`);
    try {
      const current = options.replace ? undefined : await this.readFile(path);
      const b64 = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('base64') : undefined);
      // The file's root must be ours, or the one this run started from; anything else this run never chained from.
      if (current && current.root !== b64(record.root) && current.root !== b64(options.base))
        return `${gun}: another job recorded another root for it in ${path} during this run; this run's record is not written`;
      const next = merge(current, server, gun, record);
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o644 });
      await rename(temp, path); // atomic: a reader sees the old file or the new one, never half of either
      return undefined;
    } catch (error) {
      if (error instanceof StateError) throw error;
      throw new StateError('STATE_WRITE_FAILED', `cannot write ${path}: ${(error as Error).message}`, {
        option: 'trustState',
        cause: error,
      });
    } finally {
      await release();
    }
  }

  private async readFile(path: string): Promise<StateFile | undefined> {
    let text: string;
    try {
      const info = await stat(path);
      if (info.size > MAX_STATE_BYTES) throw this.corrupt(path, `it is ${info.size} bytes`);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (error instanceof StateError) throw error;
      throw this.corrupt(path, (error as Error).message);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw this.corrupt(path, 'it is not JSON');
    }
    if (!isStateFile(value)) throw this.corrupt(path, `it is not a trust-state file of format ${FORMAT}`);
    return value;
  }

  private corrupt(path: string, why: string): StateError {
    return new StateError(
      'STATE_CORRUPT',
      `${path} is corrupt (${why}); it is not reset silently, since that would accept a rollback: restore it from its cache, or remove it to trust on first use again (and pin trusted-root-keys)`,
      { option: 'trustState' },
    );
  }

  /**
   * An exclusive lock file holding a token of ours, so that release removes only our own lock. One
   * left by a crashed writer is taken over once stale: renamed away atomically (one waiter wins),
   * and put back if it turns out to be a live one after all. The remaining window, two takeovers of
   * one stale lock within microseconds, costs at worst a merge that keeps lower versions for a run.
   */
  private async lock(path: string): Promise<() => Promise<void>> {
    const token = `${process.pid}.${randomBytes(8).toString('hex')}`;
    const started = Date.now();
    for (;;) {
      try {
        await writeFile(path, token, { flag: 'wx' });
        return async () => {
          const held = await readFile(path, 'utf8').catch(() => '');
          if (held === token) await rm(path, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StateError('STATE_WRITE_FAILED', `cannot lock ${path}: ${(error as Error).message}`, {
            option: 'trustState',
            cause: error,
          });
        }
      }
      if (Date.now() - started > LOCK_WAIT_MS)
        throw new StateError('STATE_LOCKED', `${path} is held by another writer for more than ${LOCK_WAIT_MS / 1000} s`, {
          option: 'trustState',
        });
      await this.takeOverIfStale(path);
      await sleep(25 + Math.random() * 50);
    }
  }

  private async takeOverIfStale(path: string): Promise<void> {
    const info = await stat(path).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs <= STALE_LOCK_MS) return;
    const stale = await readFile(path, 'utf8').catch(() => undefined);
    const aside = `${path}.${randomBytes(8).toString('hex')}.stale`;
    if (
      !(await rename(path, aside).then(
        () => true,
        () => false,
      ))
    )
      return; // another waiter took it first
    const taken = await readFile(aside, 'utf8').catch(() => undefined);
    // A live lock renamed by mistake goes back, unless a new one is already there.
    if (taken !== stale) await link(aside, path).catch(() => undefined);
    await rm(aside, { force: true });
  }
}

/**
 * Our verified state merged into the file another job may have written (whose root is ours or the
 * one we started from): the higher version of everything wins.
 */
function merge(current: StateFile | undefined, server: string, gun: string, record: RepositoryRecord): StateFile {
  const versions: Record<string, number> = { ...(current?.versions ?? {}) };
  for (const [role, version] of record.versions) versions[role] = Math.max(version, versions[role] ?? 0);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const newer = (role: string) => !current || (record.versions.get(role) ?? 0) >= (current.versions[role] ?? 0);
  return {
    format: FORMAT,
    server,
    gun,
    root: newer('root') ? b64(record.root) : current!.root,
    timestamp: newer('timestamp') ? b64(record.timestamp) : current!.timestamp,
    snapshot: newer('snapshot') ? b64(record.snapshot) : current!.snapshot,
    versions,
  };
}
