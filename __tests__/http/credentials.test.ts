import { afterEach, describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { HttpClient } from '../../src/http/client.js';
import { basicAuthorization } from '../../src/http/auth.js';
import { HttpError } from '../../src/errors.js';
import { closedPort } from '../support/ports.js';
import { closeServers, failure, serve, serveBothSchemes, serveTls, TEST_CERT } from './servers.js';

afterEach(closeServers);

const CI = { username: 'ci', password: 's3cret' };
const CI_BASIC = basicAuthorization(CI);

/** A token issuer that records the Authorization header of each request and hands out `token`. */
async function tokenServer(): Promise<{ origin: string; seen: (string | undefined)[] }> {
  const seen: (string | undefined)[] = [];
  const origin = await serve((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"issued"}');
  });
  return { origin, seen };
}

/** A registry handler that wants `Bearer issued` and challenges with `challenge` otherwise. */
function bearerRegistry(challenge: string, seen: (string | undefined)[]) {
  return (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization === 'Bearer issued') res.end('{}');
    else res.writeHead(401, { 'www-authenticate': challenge }).end();
  };
}

describe('HttpClient credentials: where they go', () => {
  it('refuses a plain-http token realm for an https request: nothing sent to it, HTTP_AUTH names the realm', async () => {
    const realm = await tokenServer();
    const registry = await serveTls(bearerRegistry(`Bearer realm="${realm.origin}/token",service="registry"`, []));
    const http = new HttpClient({ extraCa: TEST_CERT, credentials: () => Promise.resolve(CI) });
    const error = await failure(http.request({ url: `${registry}/v2/a/b/manifests/1`, maxBytes: 100, scope: 'repository:a/b:pull' }));
    http.close();
    expect(error.code).toBe('HTTP_AUTH');
    expect(error.message).toContain(realm.origin);
    expect(error.message).toMatch(/not HTTPS/);
    expect(realm.seen).toEqual([]);
  });

  it('fails with HTTP_AUTH on a realm that is not an http(s) URL', async () => {
    const http = new HttpClient({ credentials: () => Promise.resolve(CI) });
    for (const realm of ['ftp://127.0.0.1/token', 'not a url']) {
      const registry = await serve(bearerRegistry(`Bearer realm="${realm}",service="registry"`, []));
      expect((await failure(http.request({ url: `${registry}/v2/`, maxBytes: 100 }))).code).toBe('HTTP_AUTH');
    }
    http.close();
  });

  it('asks for the request host’s credentials only; Basic goes back to that host, a token challenge sends them to its realm', async () => {
    // As docker does: the realm may be another host (auth.docker.io for registry-1.docker.io).
    const realm = await tokenServer();
    const bearerSeen: (string | undefined)[] = [];
    const bearer = await serve(bearerRegistry(`Bearer realm="${realm.origin}/token",service="registry"`, bearerSeen));
    const basicSeen: (string | undefined)[] = [];
    const basic = await serve((req, res) => {
      basicSeen.push(req.headers.authorization);
      const ok = req.headers.authorization === CI_BASIC;
      res.writeHead(ok ? 200 : 401, ok ? {} : { 'www-authenticate': 'Basic realm="registry"' }).end();
    });
    const asked: string[] = [];
    const http = new HttpClient({
      credentials: (target) => {
        asked.push(target.host);
        return Promise.resolve(CI);
      },
    });
    expect((await http.request({ url: `${bearer}/v2/a/b/manifests/1`, maxBytes: 100, scope: 'repository:a/b:pull' })).status).toBe(200);
    expect((await http.request({ url: `${basic}/v2/`, maxBytes: 100 })).status).toBe(200);
    http.close();
    expect(asked).toEqual([new URL(bearer).host, new URL(basic).host]);
    expect(realm.seen).toEqual([CI_BASIC]);
    expect(bearerSeen).toEqual([undefined, 'Bearer issued']);
    expect(basicSeen).toEqual([undefined, CI_BASIC]);
  });

  it('keys what it caches by origin: an authorization earned over https never rides plain http to the same host', async () => {
    const seen: { scheme: string; authorization?: string }[] = [];
    const port = await serveBothSchemes((scheme) => (req, res) => {
      seen.push({ scheme, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      if (req.headers.authorization === CI_BASIC) res.writeHead(200).end('{}');
      else res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end();
    });
    // The action layer gives nothing for plain http (action/credentials.ts); here only the cache is at stake.
    const http = new HttpClient({
      extraCa: TEST_CERT,
      credentials: (target) => Promise.resolve(target.protocol === 'https:' ? CI : undefined),
    });
    expect((await http.request({ url: `https://127.0.0.1:${port}/v2/`, maxBytes: 100 })).status).toBe(200);
    expect((await http.request({ url: `http://127.0.0.1:${port}/v2/`, maxBytes: 100 })).status).toBe(401);
    http.close();
    expect(seen.filter((r) => r.scheme === 'http' && r.authorization)).toEqual([]);
    expect(seen.filter((r) => r.scheme === 'https' && r.authorization)).toHaveLength(1);
  });

  it('returns a 3xx as is: no redirect is followed, so credentials never go to its Location', async () => {
    let elsewhere = 0;
    const other = await serve((_req, res) => {
      elsewhere++;
      res.end('{}');
    });
    const registry = await serve((req, res) => {
      if (req.headers.authorization !== CI_BASIC) res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end();
      else res.writeHead(307, { location: `${other}/v2/elsewhere` }).end();
    });
    const http = new HttpClient({ credentials: () => Promise.resolve(CI) });
    const response = await http.request({ url: `${registry}/v2/a/b/blobs/sha256:00`, maxBytes: 100 });
    http.close();
    expect([response.status, response.headers.location]).toEqual([307, `${other}/v2/elsewhere`]);
    expect(elsewhere).toBe(0);
  });
});

describe('HttpClient error text', () => {
  /** Everything an error carries that a log could print. */
  const text = (error: HttpError) =>
    JSON.stringify({ message: error.message, url: error.url, details: error.details, string: String(error) });

  it('never carries userinfo: only the origin and path of a URL with credentials in it', async () => {
    const port = await closedPort();
    const http = new HttpClient({ attempts: 1 });
    const error = await failure(http.request({ url: `http://ci:hunter2@127.0.0.1:${port}/v2/a?account=ci`, maxBytes: 100 }));
    http.close();
    expect(error.code).toBe('HTTP_CONNECTION');
    expect(text(error)).not.toMatch(/hunter2|ci:|account/);
    expect(error.url).toBe(`http://127.0.0.1:${port}/v2/a`);
  });

  it('does not echo a token realm’s query, which may carry an account', async () => {
    const realm = await serve((_req, res) => res.writeHead(401).end());
    const registry = await serve(bearerRegistry(`Bearer realm="${realm}/token?tenant=acme-private",service="registry"`, []));
    const http = new HttpClient({ credentials: () => Promise.resolve(CI) });
    const error = await failure(http.request({ url: `${registry}/v2/`, maxBytes: 100 }));
    http.close();
    expect(error.code).toBe('HTTP_AUTH');
    expect(error.message).toContain(`${realm}/token`);
    expect(text(error)).not.toMatch(/acme-private|account|s3cret/);
  });
});
