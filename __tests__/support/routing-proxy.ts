import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from './exec.js';

/**
 * A CONNECT proxy for tests that serves public host names locally: a tunnel to a mapped host
 * (`myvault.vault.azure.net:443`, `cloudkms.googleapis.com:443`) goes to a loopback port, and
 * anything else is refused with 403 and logged, so a probe of a metadata address
 * (169.254.169.254, metadata.google.internal) never leaves the machine. Tests set it as
 * HTTPS_PROXY and HTTP_PROXY, with NO_PROXY for their loopback servers; the SDKs' own TLS and
 * host checks stay on (the served certificate is for the public name, from a test CA in
 * NODE_EXTRA_CA_CERTS).
 */
export class RoutingProxy {
  /** Every request seen: `CONNECT host:port` or `GET http://...`, and whether it was routed. */
  readonly log: { request: string; routed: boolean }[] = [];
  private readonly routes = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  url = '';

  /** Sends tunnels for `host:port` (port 443 when omitted) to 127.0.0.1:`localPort`. */
  route(host: string, localPort: number): void {
    this.routes.set(host.includes(':') ? host.toLowerCase() : `${host.toLowerCase()}:443`, localPort);
  }

  /** The requests for `host` seen so far. */
  requestsFor(host: string): string[] {
    return this.log.filter((entry) => entry.request.toLowerCase().includes(host.toLowerCase())).map((entry) => entry.request);
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      // Plain-http requests through the proxy (absolute URI form): refused, only logged.
      this.log.push({ request: `${request.method} ${request.url}`, routed: false });
      response.writeHead(403, { connection: 'close' }).end('not routed by the test proxy\n');
    });
    server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => this.tunnel(request, client, head));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('routing proxy has no port');
    this.url = `http://127.0.0.1:${address.port}`;
  }

  private tunnel(request: IncomingMessage, client: Socket, head: Buffer): void {
    const target = (request.url ?? '').toLowerCase();
    const port = this.routes.get(target);
    this.log.push({ request: `CONNECT ${target}`, routed: port !== undefined });
    if (port === undefined) {
      client.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A throwaway CA and a server certificate for `names` (DNS names), as PEM files in `dir`. */
export function testCertificate(dir: string, names: string[]): { caFile: string; keyFile: string; certFile: string } {
  const run = (args: string[]) => execSync('openssl', args, { cwd: dir });
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'public-ca.key']);
  run([
    'req',
    '-x509',
    '-new',
    '-key',
    'public-ca.key',
    '-subj',
    '/CN=dct-sign test CA for public names',
    '-days',
    '2',
    '-out',
    'public-ca.crt',
  ]);
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'public-server.key']);
  run(['req', '-new', '-key', 'public-server.key', '-subj', `/CN=${names[0]}`, '-out', 'public-server.csr']);
  writeFileSync(join(dir, 'public-server.ext'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\n`);
  run([
    'x509',
    '-req',
    '-in',
    'public-server.csr',
    '-CA',
    'public-ca.crt',
    '-CAkey',
    'public-ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'public-server.ext',
    '-out',
    'public-server.crt',
  ]);
  return { caFile: join(dir, 'public-ca.crt'), keyFile: join(dir, 'public-server.key'), certFile: join(dir, 'public-server.crt') };
}
