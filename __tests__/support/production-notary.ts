import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { DbRelay } from './db-relay.js';
import { execSync } from './exec.js';
import { NOTARY_SERVER_SCHEMA, NOTARY_SIGNER_SCHEMA } from './notary-schema.js';
import { PostgresServer } from './postgres.js';
import { listeningPort, waitFor, type LocalStack } from './stack.js';

/**
 * Notary as it is deployed: notary-server with PostgreSQL storage and a remote trust service,
 * notary-signer behind mutual TLS (gRPC) keeping its keys in its own PostgreSQL database,
 * encrypted with the passphrase of its default alias; both reach the database through a relay that
 * holds every chunk ~1 ms each way (db-relay.ts), as a database on another host would.
 *
 * Configuration follows notary v0.7.0: cmd/notary-server/config.go (trust_service: type remote,
 * hostname, port, tls_ca_file, tls_client_cert, tls_client_key, key_algorithm; storage: backend,
 * db_url), cmd/notary-signer/config.go (server.grpc_addr, tls_cert_file, tls_key_file,
 * client_ca_file, which turns on RequireAndVerifyClientCert; storage.default_alias, the
 * passphrase from NOTARY_SIGNER_<ALIAS>), fixtures/server-config.postgres.json and
 * fixtures/signer-config.postgres.json.
 *
 * Three throwaway CAs keep the roles apart: the stack's (notary-server's HTTPS, as LocalStack
 * makes it), one for notary-signer's server certificate (notary-server's tls_ca_file), and the
 * client CA that notary-server's client certificate chains to (notary-signer's client_ca_file).
 * Every process is stopped by the PID started here, also when a test fails.
 */

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The signer's default alias; its passphrase is in NOTARY_SIGNER_DCTSIGN_KEYS (upper-cased alias). */
export const SIGNER_ALIAS = 'dctsign_keys';

function openssl(args: string[], cwd: string): void {
  execSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** A P-256 CA, and a leaf it signs for 127.0.0.1/localhost with the given extended key usage. */
function makeCa(dir: string, name: string, subject: string): void {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  openssl(['req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${subject}`, '-days', '30', '-out', `${name}.crt`], dir);
}

function makeLeaf(dir: string, ca: string, name: string, subject: string, usage: 'serverAuth' | 'clientAuth'): void {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${subject}`, '-out', `${name}.csr`], dir);
  writeFileSync(
    join(dir, `${name}.ext`),
    `subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=${usage}\nkeyUsage=critical,digitalSignature\n`,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    ],
    dir,
  );
}

function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill(signal);
  });
}

function alive(child: ChildProcess | undefined): child is ChildProcess {
  return !!child && child.exitCode === null && child.signalCode === null;
}

export interface ProductionNotaryOptions {
  /** The relay's delay per chunk and direction (ms). */
  dbDelayMs?: number;
}

export class ProductionNotary {
  readonly dir: string;
  server?: ChildProcess;
  signer?: ChildProcess;
  serverPort = 0;
  signerPort = 0;
  /** notary-server and notary-signer start counts (restarts show here). */
  starts = 0;
  private readonly passwords = {
    server: `server-${Math.random().toString(36).slice(2)}`,
    signer: `signer-${Math.random().toString(36).slice(2)}`,
  };
  /** The signer's key passphrase: without it notary-signer can neither store nor read a key. */
  readonly signerPassphrase = `alias-${Math.random().toString(36).slice(2)}`;

  private constructor(
    readonly stack: LocalStack,
    readonly postgres: PostgresServer,
    readonly relay: DbRelay,
  ) {
    this.dir = join(stack.dir, 'production-notary');
  }

  get signerLog(): string {
    return join(this.dir, 'notary-signer.log');
  }
  /** notary-server logs where the stack's own would (stack.notaryRequests and publishCount read it). */
  get serverLog(): string {
    return this.stack.notaryLog;
  }

  /**
   * PostgreSQL with the two databases and their schemas, the relay, notary-signer, then
   * notary-server, attached to `stack` (started with `notary: 'external'`).
   */
  static async start(stack: LocalStack, options: ProductionNotaryOptions = {}): Promise<ProductionNotary> {
    const postgres = await PostgresServer.start();
    const relay = new DbRelay('127.0.0.1', postgres.port, options.dbDelayMs ?? 1, join(stack.dir, 'db-relay.json'));
    const notary = new ProductionNotary(stack, postgres, relay);
    try {
      mkdirSync(notary.dir, { recursive: true });
      await postgres.createDatabase('notaryserver', 'server', notary.passwords.server);
      await postgres.createDatabase('notarysigner', 'signer', notary.passwords.signer);
      // Tables owned by the users the servers log in as (PostgreSQL 15: only a database's owner creates in public).
      await postgres.psql('notaryserver', NOTARY_SERVER_SCHEMA, 'server');
      await postgres.psql('notarysigner', NOTARY_SIGNER_SCHEMA, 'signer');
      await relay.start();
      notary.makeCertificates();
      await notary.startServers();
    } catch (error) {
      await notary.stop();
      throw error;
    }
    return notary;
  }

  private makeCertificates(): void {
    makeCa(this.dir, 'signer-ca', 'dct-sign test notary-signer CA');
    makeLeaf(this.dir, 'signer-ca', 'notary-signer', 'notary-signer', 'serverAuth');
    makeCa(this.dir, 'client-ca', 'dct-sign test notary-signer client CA');
    makeLeaf(this.dir, 'client-ca', 'notary-server-client', 'notary-server', 'clientAuth');
  }

  private dbUrl(user: 'server' | 'signer', database: string): string {
    return `postgres://${user}:${this.passwords[user]}@127.0.0.1:${this.relay.port}/${database}?sslmode=disable`;
  }

  private writeConfigs(): void {
    const d = this.dir;
    const signer = {
      server: {
        grpc_addr: `127.0.0.1:${this.signerPort}`,
        tls_cert_file: join(d, 'notary-signer.crt'),
        tls_key_file: join(d, 'notary-signer.key'),
        client_ca_file: join(d, 'client-ca.crt'),
      },
      logging: { level: 'info' },
      storage: { backend: 'postgres', db_url: this.dbUrl('signer', 'notarysigner'), default_alias: SIGNER_ALIAS },
    };
    const server = {
      server: {
        http_addr: `127.0.0.1:${this.serverPort}`,
        tls_key_file: join(this.stack.dir, 'server.key'),
        tls_cert_file: join(this.stack.dir, 'server.crt'),
      },
      trust_service: {
        type: 'remote',
        hostname: '127.0.0.1',
        port: String(this.signerPort),
        tls_ca_file: join(d, 'signer-ca.crt'),
        tls_client_cert: join(d, 'notary-server-client.crt'),
        tls_client_key: join(d, 'notary-server-client.key'),
        key_algorithm: 'ecdsa',
      },
      storage: { backend: 'postgres', db_url: this.dbUrl('server', 'notaryserver') },
      logging: { level: 'info' },
    };
    writeFileSync(join(d, 'signer.json'), JSON.stringify(signer, null, 2));
    writeFileSync(join(d, 'server.json'), JSON.stringify(server, null, 2));
  }

  private spawnLogged(command: string, args: string[], log: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
    const child = spawn(command, args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout?.on('data', (d: Buffer) => appendFileSync(log, d));
    child.stderr?.on('data', (d: Buffer) => appendFileSync(log, d));
    running.add(child);
    return child;
  }

  /**
   * notary-signer, then notary-server, on the ports they had before (port 0 the first time: the
   * ports are read from /proc afterwards); on a fresh port when another process took the old one.
   */
  async startServers(): Promise<void> {
    if (alive(this.server) || alive(this.signer)) throw new Error('notary-server or notary-signer is still running');
    this.starts++;
    await this.startSigner();
    await this.startServer();
  }

  private async startSigner(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.writeConfigs();
      const env: NodeJS.ProcessEnv = { ...process.env, [`NOTARY_SIGNER_${SIGNER_ALIAS.toUpperCase()}`]: this.signerPassphrase };
      const child = this.spawnLogged('notary-signer', ['-config', join(this.dir, 'signer.json')], this.signerLog, env);
      this.signer = child;
      const wanted = this.signerPort;
      try {
        await waitFor(
          'notary-signer',
          () => {
            const port = listeningPort(child.pid!);
            if (port) this.signerPort = port;
            return !!port;
          },
          child,
          this.signerLog,
        );
        return;
      } catch (error) {
        if (attempt === 1 && wanted !== 0 && this.logTail(this.signerLog).includes('address already in use')) {
          this.signerPort = 0;
          continue;
        }
        throw error;
      }
    }
  }

  private async startServer(): Promise<void> {
    const ca = readFileSync(this.stack.caFile, 'utf8');
    for (let attempt = 1; ; attempt++) {
      this.writeConfigs();
      const child = this.spawnLogged('notary-server', ['-config', join(this.dir, 'server.json')], this.serverLog);
      this.server = child;
      const wanted = this.serverPort;
      try {
        await waitFor(
          'notary-server',
          () =>
            new Promise<boolean>((resolve) => {
              const port = listeningPort(child.pid!);
              if (!port) return resolve(false);
              this.serverPort = port;
              https
                .get(`https://127.0.0.1:${port}/_notary_server/health`, { ca }, (res) => {
                  res.resume();
                  resolve(res.statusCode === 200);
                })
                .on('error', () => resolve(false));
            }),
          child,
          this.serverLog,
        );
        this.stack.attachNotary(this.serverPort);
        return;
      } catch (error) {
        if (attempt === 1 && wanted !== 0 && this.logTail(this.serverLog).includes('address already in use')) {
          this.serverPort = 0;
          continue;
        }
        throw error;
      }
    }
  }

  private logTail(file: string): string {
    return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
  }

  /** Stops notary-server and notary-signer by their PIDs (SIGTERM); the database and the relay stay. */
  async stopServers(): Promise<void> {
    await stopChild(this.server);
    await stopChild(this.signer);
  }

  async restartServers(): Promise<void> {
    await this.stopServers();
    await this.startServers();
  }

  /** A query on notary-server's database (rows as `a|b` lines), straight on PostgreSQL's socket. */
  serverDb(sql: string): Promise<string> {
    return this.postgres.psql('notaryserver', sql);
  }

  /** A query on notary-signer's database. */
  signerDb(sql: string): Promise<string> {
    return this.postgres.psql('notarysigner', sql);
  }

  /** Everything, by PID: the servers, the relay, then PostgreSQL (and its temp dir). */
  async stop(): Promise<void> {
    await this.stopServers();
    await this.relay.stop();
    await this.postgres.stop();
  }
}
