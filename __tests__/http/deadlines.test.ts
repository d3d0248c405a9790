import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpClient } from '../../src/http/client.js';
import { closeServers, failure, serve } from './servers.js';

afterEach(closeServers);

describe('HttpClient request deadline', () => {
  it('fails a response that drips a byte every 50 ms at a 300 ms deadline, destroys the socket, and does not retry', async () => {
    let calls = 0;
    let closed!: Promise<void>;
    const origin = await serve((_req, res) => {
      calls++;
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const drip = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(drip));
    });
    const http = new HttpClient({ requestDeadlineMs: 300, timeoutMs: 10_000, backoffMs: 1 });
    const started = Date.now();
    const error = await failure(http.request({ url: `${origin}/v2/drip?n=1`, maxBytes: 1 << 20 }));
    const elapsed = Date.now() - started;
    http.close();
    expect([error.code, error.retryable]).toEqual(['HTTP_TIMEOUT', false]);
    expect(error.message).toContain(`${origin}/v2/drip `);
    expect(error.message).toMatch(/within its 0\.3 s deadline/);
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2_000);
    expect(calls).toBe(1);
    await closed;
  });

  it('counts the wait for headers too: a server that never answers fails at the deadline, not the idle timeout', async () => {
    const origin = await serve(() => undefined);
    const http = new HttpClient({ requestDeadlineMs: 300, timeoutMs: 10_000 });
    const started = Date.now();
    const error = await failure(http.request({ url: `${origin}/v2/`, maxBytes: 100 }));
    http.close();
    expect(error.code).toBe('HTTP_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps the idle timeout', async () => {
    const origin = await serve(() => undefined);
    const http = new HttpClient({ timeoutMs: 100, attempts: 1 });
    const error = await failure(http.request({ url: `${origin}/v2/`, maxBytes: 100 }));
    http.close();
    expect(error.code).toBe('HTTP_TIMEOUT');
    expect(error.message).toContain(`${origin}/v2/`);
  });
});

describe('HttpClient command deadline (signal)', () => {
  it('an abort fails every request in flight and every later one with HTTP_ABORTED', async () => {
    const hanging = await serve(() => undefined);
    let later = 0;
    const answering = await serve((_req, res) => {
      later++;
      res.end('ok');
    });
    const controller = new AbortController();
    const http = new HttpClient({ signal: controller.signal });
    const inFlight = [1, 2, 3].map((n) => failure(http.request({ url: `${hanging}/v2/${n}`, maxBytes: 100 })));
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const errors = await Promise.all(inFlight);
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const error of errors) {
      expect(error.code).toBe('HTTP_ABORTED');
      expect(error.message).toMatch(/the command's deadline passed/);
    }
    expect((await failure(http.request({ url: answering, maxBytes: 100 }))).code).toBe('HTTP_ABORTED');
    http.close();
    expect(later).toBe(0);
  });

  it('an abort cuts a backoff sleep short', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(503).end();
    });
    const controller = new AbortController();
    const http = new HttpClient({ signal: controller.signal, backoffMs: 60_000 });
    const pending = failure(http.request({ url, maxBytes: 100 }));
    setTimeout(() => controller.abort(), 200);
    expect((await pending).code).toBe('HTTP_ABORTED');
    http.close();
    expect(calls).toBe(1);
  });

  it('an abort cuts a Retry-After wait short', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(503, { 'retry-after': '30' }).end();
    });
    const controller = new AbortController();
    const http = new HttpClient({ signal: controller.signal, backoffMs: 1, maxRetryAfterMs: 60_000 });
    const pending = failure(http.request({ url, maxBytes: 100 }));
    setTimeout(() => controller.abort(), 200);
    expect((await pending).code).toBe('HTTP_ABORTED');
    http.close();
    expect(calls).toBe(1);
  });
});
