import { createServer, type Server } from 'node:http';

/**
 * A compromised or broken Notary server: serves whatever bytes the test gives it for each role,
 * by name, by checksum (ignoring which checksum was asked for, as a lying server would) and by
 * version. `endless` roles stream data without end, to prove reads are capped.
 */
export class HostileNotary {
  files = new Map<string, Uint8Array>();
  /** Files of other repositories, by GUN; every other GUN gets `files`. */
  readonly repositories = new Map<string, Map<string, Uint8Array>>();
  readonly endless = new Set<string>();
  /** Roles served one byte every `dripMs`, to prove a request has an overall deadline. */
  readonly drip = new Set<string>();
  dripMs = 200;
  readonly requests: string[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      this.requests.push(path);
      if (path === '/v2/' || path === '/_notary_server/health') return void res.writeHead(200).end('{}');
      const m = /^\/v2\/(.+?)\/_trust\/tuf\/(.+)\.json$/.exec(path);
      if (!m) return void res.writeHead(404).end();
      const files = this.repositories.get(m[1]!) ?? this.files;
      let name = m[2]!;
      const version = /^(\d+)\.(.+)$/.exec(name);
      const checksum = /^(.+)\.[a-f0-9]{64}$/.exec(name);
      if (checksum) name = checksum[1]!;
      else if (version) name = `${version[1]}.${version[2]}`;
      if (this.endless.has(name)) {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 64 * 1024 * 1024 && !res.destroyed && res.write(chunk)) sent += chunk.length;
          if (sent < 64 * 1024 * 1024 && !res.destroyed) res.once('drain', pump);
          else res.end();
        };
        return void pump();
      }
      if (this.drip.has(name)) {
        res.writeHead(200, { 'content-length': '1000000' });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), this.dripMs);
        res.on('close', () => clearInterval(timer));
        return;
      }
      const bytes = files.get(name);
      if (!bytes) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"METADATA_NOT_FOUND"}]}');
      res.writeHead(200).end(Buffer.from(bytes));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
