import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closedPort } from './ports.js';
import { listeningPort } from './stack.js';

/**
 * Debian's tinyproxy, a real forward proxy, in a temp dir on a loopback port: CONNECT for https,
 * absolute-URI requests for http. Its log (LogLevel Connect) records every request it was asked
 * to forward, which is what the proxy tests read. Stopped by the PID started here.
 */
export class Tinyproxy {
  private child?: ChildProcess;
  port = 0;

  private constructor(private readonly dir: string) {}

  static async start(parent: string): Promise<Tinyproxy> {
    const proxy = new Tinyproxy(mkdtempSync(join(parent, 'tinyproxy-')));
    // tinyproxy takes no port 0: a free port is picked and the start retried if something took it meanwhile.
    for (let attempt = 1; ; attempt++) {
      try {
        await proxy.launch(await closedPort());
        return proxy;
      } catch (error) {
        proxy.stop();
        if (attempt >= 5) throw error;
      }
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private get logFile(): string {
    return join(this.dir, 'tinyproxy.log');
  }

  private async launch(port: number): Promise<void> {
    const config = join(this.dir, 'tinyproxy.conf');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Timeout 60',
        `LogFile "${this.logFile}"`,
        'LogLevel Connect',
        'MaxClients 64',
        'Allow 127.0.0.1',
        'DisableViaHeader Yes',
        '',
      ].join('\n'),
    );
    const child = spawn('tinyproxy', ['-d', '-c', config], { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (listeningPort(child.pid!) !== port) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`tinyproxy did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.port = port;
  }

  /** What tinyproxy was asked to forward, in order: `CONNECT host:port` and `GET http://…`. */
  requests(): string[] {
    if (!existsSync(this.logFile)) return [];
    return [...readFileSync(this.logFile, 'utf8').matchAll(/Request \(file descriptor \d+\): (\S+ \S+) HTTP/g)].map((m) => m[1]!);
  }

  stop(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
