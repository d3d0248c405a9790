import { createServer, request, type Server } from 'node:http';

/**
 * A loopback proxy in front of the real registry in which a tag "moves" after it was first read:
 * GETs pass through, but HEADs for `from` are answered from `to`, as if someone re-pushed the tag
 * between our resolve and our publish.
 */
export class MovingRegistry {
  private server?: Server;
  port = 0;
  /** Every request seen: `METHOD path -> status`. */
  readonly requests: string[] = [];

  constructor(
    private readonly upstream: string,
    private readonly from: string,
    private readonly to: string,
  ) {}

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let path = req.url ?? '/';
      if (req.method === 'HEAD' && path.endsWith(`/manifests/${this.from}`)) path = path.replace(/[^/]+$/, this.to);
      const proxied = request(
        `http://${this.upstream}${path}`,
        // The client's Host is kept, so upload Locations the registry builds point back at the proxy.
        { method: req.method, headers: req.headers },
        (up) => {
          this.requests.push(`${req.method} ${path} -> ${up.statusCode}`);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      proxied.on('error', () => res.writeHead(502).end());
      req.pipe(proxied);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
