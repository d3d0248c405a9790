import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StateError } from '../errors.js';
import type { TrustedRepository } from '../tuf/trusted-repository.js';

/**
 * The TUF client's state kept across runs, per Notary server and repository, as notary's client
 * cache keeps it (notary: client/client.go NewFileCachedRepository, `tuf/<gun>/metadata/`): the
 * root it trusts, the last timestamp and snapshot, and the highest version of every role seen.
 * A later run chains every root from the recorded one and refuses any lower version (rollback),
 * which protects across runs what the version checks of one run protect within it.
 *
 * Decisions: no file is first use (trust starts now); a file that does not parse is never reset
 * silently (that would reopen the rollback it guards against) but fails naming it; two jobs
 * writing the same state serialize on a lock file and merge, keeping the higher of each version.
 */
export interface RepositoryState {
  /** Bytes of the root trusted last time. */
  root: Uint8Array;
  versions: Map<string, number>;
  timestamp?: Uint8Array;
  snapshot?: Uint8Array;
}

const FORMAT = 1;
/** How long a writer waits for another's lock, and when a lock is old enough to be a crashed writer's. */
const LOCK_WAIT_MS = 15_000;
const STALE_LOCK_MS = 120_000;
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
  private readonly pending = new Map<string, { server: string; gun: string; repo: TrustedRepository }>();

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
      ...(file.timestamp ? { timestamp: new Uint8Array(Buffer.from(file.timestamp, 'base64')) } : {}),
      ...(file.snapshot ? { snapshot: new Uint8Array(Buffer.from(file.snapshot, 'base64')) } : {}),
    };
  }

  /** Remembers a verified repository; the latest record of a repository in a run wins. */
  record(server: string, gun: string, repo: TrustedRepository): void {
    this.pending.set(`${server} ${gun}`, { server, gun, repo });
  }

  /** Writes every recorded repository, each merged with what another job may have written since it was read. */
  async flush(): Promise<void> {
    for (const { server, gun, repo } of this.pending.values()) await this.write(server, gun, repo);
    this.pending.clear();
  }

  private async write(server: string, gun: string, repo: TrustedRepository): Promise<void> {
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
      const current = await this.readFile(path);
      const next = merge(current, server, gun, repo);
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o644 });
      await rename(temp, path); // atomic: a reader sees the old file or the new one, never half of either
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

  /** An exclusive lock file; one left by a writer that crashed is taken over once it is stale. */
  private async lock(path: string): Promise<() => Promise<void>> {
    const started = Date.now();
    for (;;) {
      try {
        const handle = await open(path, 'wx');
        await handle.close();
        return () => rm(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StateError('STATE_WRITE_FAILED', `cannot lock ${path}: ${(error as Error).message}`, {
            option: 'trustState',
            cause: error,
          });
        }
      }
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(path, { force: true });
      else if (Date.now() - started > LOCK_WAIT_MS)
        throw new StateError('STATE_LOCKED', `${path} is held by another writer for more than ${LOCK_WAIT_MS / 1000} s`, {
          option: 'trustState',
        });
      else await sleep(25 + Math.random() * 50);
    }
  }
}

/** Our verified state merged into the file another job may have written: the higher version of everything wins. */
function merge(current: StateFile | undefined, server: string, gun: string, repo: TrustedRepository): StateFile {
  const versions: Record<string, number> = { ...(current?.versions ?? {}) };
  const ours = new Map<string, number>([
    ['root', repo.root.signed.version],
    ['timestamp', repo.timestamp.signed.version],
    ['snapshot', repo.snapshot.signed.version],
    ...[...repo.roles].map(([name, role]): [string, number] => [name, role.file.signed.version]),
  ]);
  for (const [role, version] of ours) versions[role] = Math.max(version, versions[role] ?? 0);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const newer = (role: string) => !current || ours.get(role)! >= (current.versions[role] ?? 0);
  return {
    format: FORMAT,
    server,
    gun,
    root: newer('root') ? b64(repo.root.bytes) : current!.root,
    timestamp: newer('timestamp') ? b64(repo.timestamp.bytes) : current!.timestamp,
    snapshot: newer('snapshot') ? b64(repo.snapshot.bytes) : current!.snapshot,
    versions,
  };
}
