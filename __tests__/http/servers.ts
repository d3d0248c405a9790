import { HttpError } from '../../src/errors.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A throwaway certificate for 127.0.0.1 (SAN IP:127.0.0.1, P-256, valid until 2126), made once with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 -subj /CN=127.0.0.1
 * -addext subjectAltName=IP:127.0.0.1`: unit tests start no child processes. It guards nothing.
 */
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUbugLNAI3e48FUilQT8/+1ROkSDswCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMTE5MDkzMVoYDzIxMjYxMTA3
MTkwOTMxWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATJDif3Py8tY/pUZbD7Lt1OAibrRHoEJfYLxZ0yL9ejDbyRzwtZqeS7
6w2hwqcn4Im5IFhg7XPVxTu+B4XVhrCoo2QwYjAdBgNVHQ4EFgQUARIjo0HMaEtS
4yoP8Gjj5sikBvowHwYDVR0jBBgwFoAUARIjo0HMaEtS4yoP8Gjj5sikBvowDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IANI/eYT2lLS5Ky4SgMTp8i5DVpFFU5FjdNUXGm/SLbiAiAydAKumL7BY2ra9/nb
+4dSEX2Lr+PWh+fJuKCn+8FF3A==
-----END CERTIFICATE-----
`;

const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgm5yMuqu8xtqAN2tJ
wKL+RLr979a7NaMPCwKL2Terb1ChRANCAATJDif3Py8tY/pUZbD7Lt1OAibrRHoE
JfYLxZ0yL9ejDbyRzwtZqeS76w2hwqcn4Im5IFhg7XPVxTu+B4XVhrCo
-----END PRIVATE KEY-----
`;

const servers: Server[] = [];
const sniffers: import('node:net').Server[] = [];
const sockets = new Set<Socket>();

async function listen(server: Server, scheme: 'http' | 'https'): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `${scheme}://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** An in-process HTTP server on 127.0.0.1, a port of its own; its origin. */
export function serve(handler: Handler): Promise<string> {
  return listen(createServer(handler), 'http');
}

/** The same over TLS with TEST_CERT (trust it with the client's `extraCa`). */
export function serveTls(handler: Handler): Promise<string> {
  return listen(createTlsServer({ cert: TEST_CERT, key: TEST_KEY }, handler), 'https');
}

/** For afterEach: connections a test left open (a stalled or dripping response) are cut, then the servers closed. */
export async function closeServers(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await Promise.all(sniffers.splice(0).map((sniffer) => new Promise<void>((resolve) => sniffer.close(() => resolve()))));
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
}

/** The request's rejection as an HttpError, or a failure of the test if it resolves or throws something else. */
export async function failure(pending: Promise<unknown>): Promise<HttpError> {
  const error = await pending.then(
    () => new Error('the request succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw error;
  return error;
}

/**
 * One port that speaks both HTTPS and plain HTTP (a TLS handshake starts with byte 0x16), so that
 * `https://127.0.0.1:P` and `http://127.0.0.1:P` name one host: the case a cache keyed by host
 * alone gets wrong. The handler is told which scheme it was.
 */
export async function serveBothSchemes(handler: (scheme: 'http' | 'https') => Handler): Promise<number> {
  const plain = createServer(handler('http'));
  const secure = createTlsServer({ cert: TEST_CERT, key: TEST_KEY }, handler('https'));
  const sniffer = createNetServer((socket: Socket) => {
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (!first) {
        socket.destroy();
        return;
      }
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
  });
  servers.push(plain, secure);
  sniffers.push(sniffer);
  sniffer.on('connection', (socket: Socket) => sockets.add(socket.once('close', () => sockets.delete(socket))));
  await new Promise<void>((resolve) => sniffer.listen(0, '127.0.0.1', resolve));
  const address = sniffer.address();
  return typeof address === 'object' && address ? address.port : 0;
}
