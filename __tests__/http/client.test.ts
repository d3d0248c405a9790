import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpClient } from '../../src/http/client.js';
import { parseChallenges } from '../../src/http/auth.js';
import { closedPort } from '../support/ports.js';
import { closeServers, serve } from './servers.js';

afterEach(closeServers);

describe('HttpClient', () => {
  it('retries 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200).end('ok');
    });
    const http = new HttpClient({ backoffMs: 1 });
    const response = await http.request({ url, maxBytes: 100 });
    http.close();
    expect([response.status, calls]).toEqual([200, 3]);
  });

  it('gives up after a bounded number of attempts on a refused connection', async () => {
    const http = new HttpClient({ backoffMs: 1, attempts: 3 });
    const port = await closedPort();
    await expect(http.request({ url: `http://127.0.0.1:${port}/`, maxBytes: 100 })).rejects.toThrow(
      /cannot reach http:\/\/127.0.0.1:\d+: .*ECONNREFUSED/,
    );
    http.close();
  });

  it('does not retry 4xx', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(400).end();
    });
    const http = new HttpClient({ backoffMs: 1 });
    expect((await http.request({ url, maxBytes: 100 })).status).toBe(400);
    http.close();
    expect(calls).toBe(1);
  });

  it('caps what it reads: a declared length over the cap, and a stream that runs past it', async () => {
    const declared = await serve((_req, res) => res.writeHead(200, { 'content-length': '1000000' }).end('x'.repeat(1_000_000)));
    let written = 0;
    const endless = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024 && !res.destroyed) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => (written = Infinity));
      pump();
    });
    const http = new HttpClient({ backoffMs: 1 });
    await expect(http.request({ url: declared, maxBytes: 1000 })).rejects.toThrow(expect.objectContaining({ code: 'HTTP_TOO_LARGE' }));
    await expect(http.request({ url: endless, maxBytes: 100_000 })).rejects.toThrow(/larger than the 100000 bytes allowed/);
    http.close();
  });

  it('follows a Bearer challenge through a token server, then reuses the token', async () => {
    // A token issuer in the protocol's shape (distribution: docs/spec/auth/token.md): Basic credentials in, a token out.
    const tokenRequests: { scope: string[]; account: string | null; authorized: boolean }[] = [];
    const realm = await serve((req, res) => {
      const query = new URL(req.url!, 'http://x').searchParams;
      const authorized = req.headers.authorization === `Basic ${Buffer.from('ci:s3cret').toString('base64')}`;
      tokenRequests.push({ scope: query.getAll('scope'), account: query.get('account'), authorized });
      res.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' }).end(authorized ? '{"token":"issued-token"}' : '{}');
    });
    let seen = 0;
    const url = await serve((req, res) => {
      if (req.headers.authorization !== 'Bearer issued-token') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}/token",service="registry",scope="repository:a/b:pull"` }).end();
        return;
      }
      seen++;
      res.writeHead(200).end('{}');
    });
    const http = new HttpClient({ credentials: () => Promise.resolve({ username: 'ci', password: 's3cret' }) });
    expect((await http.request({ url: `${url}/v2/a/b/manifests/1`, maxBytes: 100, scope: 'repository:a/b:pull' })).status).toBe(200);
    expect((await http.request({ url: `${url}/v2/a/b/manifests/2`, maxBytes: 100, scope: 'repository:a/b:pull' })).status).toBe(200);
    http.close();
    expect(seen).toBe(2);
    expect(tokenRequests).toEqual([{ scope: ['repository:a/b:pull'], account: 'ci', authorized: true }]);
  });

  it('answers a Basic challenge with the configured credentials', async () => {
    const url = await serve((req, res) => {
      const ok = req.headers.authorization === `Basic ${Buffer.from('ci:pw').toString('base64')}`;
      res.writeHead(ok ? 200 : 401, ok ? {} : { 'www-authenticate': 'Basic realm="registry"' }).end();
    });
    const http = new HttpClient({ credentials: () => Promise.resolve({ username: 'ci', password: 'pw' }) });
    expect((await http.request({ url, maxBytes: 100 })).status).toBe(200);
    http.close();
  });

  it('parses challenges with quoted commas', () => {
    expect(parseChallenges('Bearer realm="https://auth.example/token",service="a,b",scope="repository:x:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'a,b', scope: 'repository:x:pull,push' } },
    ]);
  });
});
