import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from './exec.js';
import { closedPort } from './ports.js';

/**
 * A private PostgreSQL (Debian's `postgresql` package) in a temp dir: `initdb`, then the
 * `postgres` server itself as a child process of this one, as the non-root `postgres` user (the
 * server refuses root), on a free loopback port, with its unix socket in the temp dir. Stopped by
 * the PID started here (a fast shutdown, SIGINT), also when a test fails.
 *
 * Local connections (the unix socket, only for the superuser's set-up from here) are trusted; TCP
 * from 127.0.0.1 needs the user's password (SCRAM-SHA-256), as a database on another host would.
 */

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The newest /usr/lib/postgresql/<version>/bin with initdb and postgres. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter(
          (v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')),
        )
        .sort((a, b) => parseFloat(b) - parseFloat(a))
    : [];
  if (!versions.length) throw new Error(`no PostgreSQL under ${root}/<version>/bin: apt-get install postgresql`);
  return join(root, versions[0]!, 'bin');
}

function userIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name} (the postgresql package creates it)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A SQL string literal. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export class PostgresServer {
  port = 0;
  child?: ChildProcess;
  readonly bin = postgresBinDir();
  private readonly ids = userIds('postgres');

  private constructor(readonly dir: string) {}

  get dataDir(): string {
    return join(this.dir, 'data');
  }
  /** The directory of the unix socket (`host` for the local, trusted connections). */
  get socketDir(): string {
    return this.dir;
  }
  get log(): string {
    return join(this.dir, 'postgres.log');
  }

  /** `initdb`, then the server on a free loopback port. */
  static async start(): Promise<PostgresServer> {
    const server = new PostgresServer(mkdtempSync(join(tmpdir(), 'dct-pg-')));
    try {
      chownSync(server.dir, server.ids.uid, server.ids.gid);
      execSync(
        'runuser',
        [
          '-u',
          'postgres',
          '--',
          join(server.bin, 'initdb'),
          '-D',
          server.dataDir,
          '-U',
          'postgres',
          '--auth-local=trust',
          '--auth-host=scram-sha-256',
          '-E',
          'UTF8',
          '--locale=C',
          '--no-sync',
        ],
        { stdio: 'pipe', cwd: server.dir },
      );
      // Nothing but loopback, whatever initdb wrote.
      writeFileSync(join(server.dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n');
      await server.run();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Starts `postgres` on a port found free; another one if something took it in between. */
  private async run(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const port = await closedPort();
      const started = Date.now();
      const child = spawn(
        join(this.bin, 'postgres'),
        [
          '-D',
          this.dataDir,
          '-p',
          String(port),
          '-k',
          this.socketDir,
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'max_connections=100',
          '-c',
          'log_min_messages=warning',
          '-c',
          'log_min_error_statement=error',
        ],
        {
          uid: this.ids.uid,
          gid: this.ids.gid,
          cwd: this.dir,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { PATH: process.env.PATH, LANG: 'C' },
        },
      );
      running.add(child);
      child.stdout?.on('data', (d: Buffer) => appendFileSync(this.log, d));
      child.stderr?.on('data', (d: Buffer) => appendFileSync(this.log, d));
      this.child = child;
      this.port = port;
      while (Date.now() - started < 30_000 && child.exitCode === null) {
        if (await this.ready()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      const log = existsSync(this.log) ? readFileSync(this.log, 'utf8').slice(-2000) : '';
      if (child.exitCode === null) child.kill('SIGKILL');
      running.delete(child);
      if (attempt < 3 && /could not bind|already in use/i.test(log)) continue;
      throw new Error(`postgres did not start (exit ${child.exitCode}):\n${log}`);
    }
  }

  private ready(): Promise<boolean> {
    return new Promise((resolve) => {
      execFile(join(this.bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(this.port), '-t', '1'], (error) => resolve(!error));
    });
  }

  /**
   * SQL through psql on the unix socket, as `user` (trusted locally); stops at the first error.
   * Asynchronous: a relay in this process may carry the servers' connections meanwhile.
   */
  psql(database: string, sql: string, user = 'postgres'): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        join(this.bin, 'psql'),
        [
          '-X',
          '-q',
          '-A',
          '-t',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          this.socketDir,
          '-p',
          String(this.port),
          '-U',
          user,
          '-d',
          database,
          '-f',
          '-',
        ],
        { timeout: 60_000, encoding: 'utf8' },
        (error, stdout, stderr) => (error ? reject(new Error(`psql ${database}: ${error.message}\n${stderr}`)) : resolve(stdout.trim())),
      ).stdin!.end(sql);
    });
  }

  /** A login user with a password, and a database it owns. */
  async createDatabase(name: string, user: string, password: string): Promise<void> {
    await this.psql('postgres', `CREATE ROLE "${user}" LOGIN PASSWORD ${sqlLiteral(password)};\n`);
    await this.psql('postgres', `CREATE DATABASE "${name}" OWNER "${user}";\n`);
  }

  /** Stops the server by its PID: a fast shutdown (SIGINT), SIGKILL after 10 s. The temp dir goes too. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGINT');
      });
    }
    if (child) running.delete(child);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
