/**
 * A TCP relay on loopback between the Notary servers and their database that holds every chunk
 * for a moment each way (1 ms by default), the way a database on another host answers. It runs as
 * its own process (`tsx db-relay.ts TARGET_HOST TARGET_PORT DELAY_MS STATS_FILE`), so the
 * servers' queries keep flowing while this test process waits in a synchronous docker or notary
 * CLI call. It prints `listening PORT` once bound and keeps STATS_FILE up to date
 * (`{connections, chunks, bytes}`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TSX = join(HERE, '..', '..', 'node_modules', '.bin', 'tsx');

export interface RelayStats {
  /** Connections accepted since the relay started. */
  connections: number;
  /** Chunks held and passed on, both ways. */
  chunks: number;
  bytes: number;
}

/** The parent's handle: starts the relay process and stops it by its PID. */
export class DbRelay {
  port = 0;
  child?: ChildProcess;

  constructor(
    readonly targetHost: string,
    readonly targetPort: number,
    readonly delayMs: number,
    readonly statsFile: string,
  ) {}

  get stats(): RelayStats {
    if (!existsSync(this.statsFile)) return { connections: 0, chunks: 0, bytes: 0 };
    return JSON.parse(readFileSync(this.statsFile, 'utf8')) as RelayStats;
  }

  async start(): Promise<number> {
    const child = spawn(
      TSX,
      [fileURLToPath(import.meta.url), this.targetHost, String(this.targetPort), String(this.delayMs), this.statsFile],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    process.on('exit', () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    this.port = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`the DB relay did not start in 20 s:\n${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const port = /listening (\d+)/.exec(stdout)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(Number(port));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the DB relay exited (${code}):\n${stderr}`));
      });
    });
    return this.port;
  }

  /** By the PID started here; its connections go with it. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/** The relay itself (the child process). */
function relay(targetHost: string, targetPort: number, delayMs: number, statsFile: string): void {
  const stats: RelayStats = { connections: 0, chunks: 0, bytes: 0 };
  let dirty = true;
  const sockets = new Set<Socket>();
  // Each chunk is passed on after the delay. Timers of one duration fire in the order they were
  // set, so a direction's chunks (and its end) keep their order.
  const pipeDelayed = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      stats.chunks++;
      stats.bytes += chunk.length;
      dirty = true;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, delayMs);
    });
    from.on('end', () => setTimeout(() => to.end(), delayMs));
  };
  const server = createServer({ allowHalfOpen: true }, (client) => {
    stats.connections++;
    dirty = true;
    const upstream = createConnection({ host: targetHost, port: targetPort, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  setInterval(() => {
    if (!dirty) return;
    dirty = false;
    writeFileSync(statsFile, JSON.stringify(stats));
  }, 100);
  const stop = () => {
    for (const s of sockets) s.destroy();
    server.close();
    writeFileSync(statsFile, JSON.stringify(stats));
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [host, port, delay, stats] = process.argv.slice(2);
  relay(host!, Number(port), Number(delay), stats!);
}
