import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';

/** A loopback server the test starts on port 0 and stops; `url` is where it listens. */
abstract class LoopbackServer {
  protected server?: Server;
  url = '';
  /** Every request seen: `METHOD path authorization?`. */
  readonly requests: { method: string; path: string; authorization?: string }[] = [];

  protected abstract handle(req: IncomingMessage, res: ServerResponse): void;

  async start(tls?: { key: string; cert: string }): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      this.handle(req, res);
    };
    this.server = tls ? createHttpsServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, handler) : createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  get host(): string {
    return new URL(this.url).host;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Answers every request with 401 and the given challenge (a registry or Notary server that wants a token). */
export class ChallengeServer extends LoopbackServer {
  constructor(private readonly challenge: () => string) {
    super();
  }

  protected handle(_req: IncomingMessage, res: ServerResponse): void {
    res
      .writeHead(401, { 'www-authenticate': this.challenge(), 'content-type': 'application/json' })
      .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  }
}

/**
 * A proxy in front of a real server (plain HTTP, or HTTPS with the stack's CA) that can change an
 * answer after the real server gave it: `rewrite` sees the method, path and upstream status and may
 * return another status (a 502 after a commit) or rewrite headers (a Location on another host).
 */
export class FaultyProxy extends LoopbackServer {
  constructor(
    private readonly upstream: string,
    private readonly rewrite: (
      req: IncomingMessage,
      status: number,
      headers: Record<string, string | string[] | undefined>,
    ) => { status?: number; headers?: Record<string, string> } | undefined,
    private readonly ca?: string,
    /** A status to answer with instead of forwarding at all (the request never reaches the server). */
    private readonly intercept: (req: IncomingMessage) => number | undefined = () => undefined,
  ) {
    super();
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    const blocked = this.intercept(req);
    if (blocked !== undefined) {
      req.resume();
      res.writeHead(blocked, { 'content-type': 'text/plain' }).end('bad gateway');
      return;
    }
    const target = new URL(req.url ?? '/', this.upstream);
    const send = target.protocol === 'https:' ? httpsRequest : request;
    const headers = { ...req.headers, host: target.host };
    const proxied = send(target, { method: req.method, headers, ...(this.ca ? { ca: readFileSync(this.ca) } : {}) }, (up) => {
      const change = this.rewrite(req, up.statusCode ?? 502, up.headers);
      if (change?.status !== undefined) {
        up.resume();
        res.writeHead(change.status, { 'content-type': 'text/plain' }).end('bad gateway');
        return;
      }
      res.writeHead(up.statusCode ?? 502, { ...up.headers, ...(change?.headers ?? {}) });
      up.pipe(res);
    });
    proxied.on('error', () => res.writeHead(502).end());
    req.pipe(proxied);
  }
}
