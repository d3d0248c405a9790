import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpClient } from '../../src/http/client.js';
import { closeServers, serve } from './servers.js';

afterEach(closeServers);

/** A server that answers `first` once, then 200; the times its requests arrived. */
async function flaky(status: number, headers: Record<string, string>): Promise<{ url: string; arrivals: number[] }> {
  const arrivals: number[] = [];
  const url = await serve((_req, res) => {
    arrivals.push(Date.now());
    if (arrivals.length === 1) res.writeHead(status, headers).end();
    else res.end('ok');
  });
  return { url, arrivals };
}

describe('HttpClient Retry-After', () => {
  it('waits a delta-seconds Retry-After on 429 before retrying', async () => {
    const { url, arrivals } = await flaky(429, { 'retry-after': '1' });
    const http = new HttpClient({ backoffMs: 1, maxRetryAfterMs: 2_000 });
    expect((await http.request({ url, maxBytes: 100 })).status).toBe(200);
    http.close();
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it('waits an HTTP-date Retry-After on 503 before retrying', async () => {
    // toUTCString drops the milliseconds: the wait is between 1 and 2 s.
    const { url, arrivals } = await flaky(503, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() });
    const http = new HttpClient({ backoffMs: 1, maxRetryAfterMs: 3_000 });
    expect((await http.request({ url, maxBytes: 100 })).status).toBe(200);
    http.close();
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(900);
  });

  it('returns the response at once when Retry-After asks for more than maxRetryAfterMs', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(calls % 2 ? 503 : 429, { 'retry-after': calls % 2 ? '3600' : new Date(Date.now() + 3_600_000).toUTCString() }).end();
    });
    const http = new HttpClient({ backoffMs: 1, attempts: 4, maxRetryAfterMs: 1_000 });
    const started = Date.now();
    expect((await http.request({ url, maxBytes: 100 })).status).toBe(503);
    expect((await http.request({ url, maxBytes: 100 })).status).toBe(429);
    http.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(calls).toBe(2);
  });

  it('retries at once on Retry-After: 0, and keeps the backoff when the header is missing or malformed', async () => {
    const zero = await flaky(503, { 'retry-after': '0' });
    const malformed = await flaky(429, { 'retry-after': 'soon' });
    const missing = await flaky(503, {});
    const http = new HttpClient({ backoffMs: 1, maxRetryAfterMs: 1_000 });
    for (const { url } of [zero, malformed, missing]) expect((await http.request({ url, maxBytes: 100 })).status).toBe(200);
    http.close();
    for (const { arrivals } of [zero, malformed, missing]) expect(arrivals).toHaveLength(2);
  });
});
