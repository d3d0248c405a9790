import { createServer } from 'node:net';

/**
 * A loopback port that nothing listens on: bound by us, then closed. Only for tests of a server
 * that is down; a server the tests start listens on port 0 (or retries when its port is taken).
 */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
