import http from 'node:http';
import https from 'node:https';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { HttpError } from '../errors.js';
import { basicAuthorization, oauthTokenForm, parseChallenges, tokenOf, tokenRealm, tokenRequestUrl, type Credentials } from './auth.js';
import { abortedError, connectionError, deadlineError, idleError, shown, tooLargeError } from './failures.js';
import { backoff, retryAfterMs } from './retry.js';
import { proxyAgent, proxyFor, shownProxy, type ProxySettings } from './proxy.js';

/**
 * HTTP for the Notary server and registries over node:http(s), not fetch: it needs a per-client
 * CA bundle (`notary-ca`), responses read as a capped stream (a hostile server cannot make us
 * buffer more than the cap), bounded retries and deadlines, and the registry token flow on 401.
 * Redirects are never followed (node:http does not): a 3xx comes back as it is, so credentials
 * never travel to a Location the server picked.
 */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Uint8Array;
}

export interface HttpRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** The most bytes to read from the body; more fails the request (never retried). */
  maxBytes: number;
  /** Auth scope to ask a token for, when the server's challenge carries none. */
  scope?: string;
  /** Retry on connection errors and 5xx/429 (default true). */
  retry?: boolean;
}

export interface HttpClientOptions {
  /** Extra CA certificates (PEM) trusted besides the system's. */
  extraCa?: string;
  /** The run's proxy settings: every request, token realms included, goes by them. */
  proxy?: ProxySettings;
  /**
   * Credentials for the server a request goes to (its URL: scheme and host), the registry or Notary
   * server, never a token realm's host (see `authorize`). The scheme is there so that the lookup can
   * refuse plain HTTP. A helper may run: async.
   */
  credentials?: (target: URL) => Promise<Credentials | undefined>;
  /** Idle timeout: the longest wait for the next byte (default 30 s). Retried, like a dropped connection. */
  timeoutMs?: number;
  /**
   * The longest one attempt may take, connect, headers and the whole body together (default 120 s),
   * so a server dripping a byte at a time cannot hold a job. Not retried: each retry would be as slow.
   */
  requestDeadlineMs?: number;
  /** The command's deadline: once it aborts, requests in flight, waits and later requests fail with HTTP_ABORTED. */
  signal?: AbortSignal;
  /** The longest Retry-After (on 429 and 503) waited for (default 30 s); a longer one returns the response at once. */
  maxRetryAfterMs?: number;
  /** Attempts per request, the first included. */
  attempts?: number;
  backoffMs?: number;
  userAgent?: string;
}

export class HttpClient {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  /** Agents through a proxy, by proxy and scheme; made on first use. */
  private readonly proxyAgents = new Map<string, http.Agent>();
  /**
   * The system roots plus the extra CA, built once: given as `ca`, every connection would parse
   * all ~150 certificates again, and every request's agent key would concatenate them.
   */
  private readonly secureContext: SecureContext | undefined;
  /** Authorization headers that worked, by host and scope, so later requests skip the 401. */
  private readonly authCache = new Map<string, string>();
  /** What the signal stops: each request in flight and each wait registers its own stopper. */
  private readonly stoppers = new Set<() => void>();
  private readonly onAbort = () => [...this.stoppers].forEach((stop) => stop());
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly requestDeadlineMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.secureContext = options.extraCa ? createSecureContext({ ca: [...rootCertificates, options.extraCa] }) : undefined;
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 16,
      ...(this.secureContext ? { secureContext: this.secureContext } : {}),
    });
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.backoffMs = options.backoffMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.requestDeadlineMs = options.requestDeadlineMs ?? 120_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    // One listener for the client, not one per request: a signal warns past 10 listeners.
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  close(): void {
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
    for (const agent of this.proxyAgents.values()) agent.destroy();
  }

  /** The agent for `url`: through the proxy the settings pick for it, else direct. The extra CA applies either way. */
  private agentFor(url: URL, proxy: URL | undefined): http.Agent {
    const secure = url.protocol === 'https:';
    if (!proxy) return secure ? this.httpsAgent : this.httpAgent;
    const key = `${url.protocol}|${proxy.href}`;
    let agent = this.proxyAgents.get(key);
    if (!agent) {
      agent = proxyAgent(proxy, secure ? 'https:' : 'http:');
      this.proxyAgents.set(key, agent);
    }
    return agent;
  }

  /** A request with auth (401 -> token or basic, once) and retries. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    // By origin, scheme included: an authorization earned over https never rides a plain-http request to that host.
    const cacheKey = `${url.origin}|${req.scope ?? ''}`;
    const cached = this.authCache.get(cacheKey);
    const response = await this.send(cached ? withAuthorization(req, cached) : req);
    if (response.status !== 401) return response;
    const authorization = await this.authorize(url, response, req.scope);
    if (!authorization) return response;
    const retried = await this.send(withAuthorization(req, authorization));
    if (retried.status !== 401) this.authCache.set(cacheKey, authorization);
    return retried;
  }

  /**
   * The answer to a 401's challenges. Whose credentials go where, as docker does: they are looked
   * up for the host the request went to (the registry or Notary server), never for a realm's host;
   * a Basic answer goes back only to that host (the same URL, and the cache is keyed by host), and
   * a Bearer challenge sends them to the realm it names, which may be another host. Sources:
   * docker/cli: cli/trust/trust.go (simpleCredentialStore.Basic returns the registry's login
   * whatever URL it is asked for), distribution: registry/client/auth/session.go (fetchToken puts
   * them on the realm request). Ours on top: no plain-http realm for an https request (tokenRealm).
   */
  private async authorize(url: URL, response: HttpResponse, scope: string | undefined): Promise<string | undefined> {
    let credentials: Promise<Credentials | undefined> | undefined;
    const lookUp = () => (credentials ??= this.options.credentials?.(url) ?? Promise.resolve(undefined));
    for (const challenge of parseChallenges(response.headers['www-authenticate'])) {
      if (challenge.scheme === 'bearer' && challenge.params.realm) {
        const realm = tokenRealm(challenge.params.realm, url);
        return `Bearer ${await this.fetchToken(realm, challenge.params, scope, await lookUp())}`;
      }
      const basic = challenge.scheme === 'basic' ? await lookUp() : undefined;
      if (basic && !basic.identityToken) return basicAuthorization(basic);
    }
    return undefined;
  }

  /**
   * A token from the realm, the way docker gets one (distribution registry/client/auth/session.go):
   * an identity token is traded with the OAuth2 refresh-token grant (POST); a user name and password
   * go as Basic auth on a GET (docs/spec/auth/token.md), and when the realm does not serve GET (404
   * or 405, an OAuth2-only server) with the password grant instead.
   */
  private async fetchToken(
    realm: URL,
    params: Record<string, string>,
    scope: string | undefined,
    credentials: Credentials | undefined,
  ): Promise<string> {
    if (credentials?.identityToken) return this.postToken(realm, params, scope, credentials, 'the identity token was refused');
    const url = tokenRequestUrl(realm, params, scope, credentials);
    const headers: Record<string, string> = credentials ? { authorization: basicAuthorization(credentials) } : {};
    const response = await this.send({ url: url.toString(), headers, maxBytes: 1 << 20 });
    if (credentials && (response.status === 404 || response.status === 405))
      return this.postToken(realm, params, scope, credentials, 'the credentials were refused');
    if (response.status !== 200) {
      const hint = credentials ? (response.status === 401 ? ' (the credentials were refused)' : '') : ' (no credentials configured)';
      // Origin and path only: the query carries the account, and whatever the realm put there.
      throw new HttpError('HTTP_AUTH', `token request to ${shown(url)} failed with HTTP ${response.status}${hint}`, shown(url));
    }
    return tokenOf(response.body, url);
  }

  /** The OAuth2 token request: a form POST to the realm, never retried on 4xx. */
  private async postToken(
    realm: URL,
    params: Record<string, string>,
    scope: string | undefined,
    credentials: Credentials,
    refused: string,
  ): Promise<string> {
    const body = new Uint8Array(Buffer.from(oauthTokenForm(params, scope, credentials)));
    const response = await this.send({
      method: 'POST',
      url: realm.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      maxBytes: 1 << 20,
    });
    if (response.status !== 200) {
      const hint = response.status === 400 || response.status === 401 ? ` (${refused})` : '';
      throw new HttpError('HTTP_AUTH', `token request to ${shown(realm)} failed with HTTP ${response.status}${hint}`, shown(realm));
    }
    return tokenOf(response.body, realm);
  }

  /** One request with retries on connection errors and 5xx/429, every wait cut short by the signal. */
  private async send(req: HttpRequest): Promise<HttpResponse> {
    const attempts = req.retry === false ? 1 : this.attempts;
    for (let attempt = 1; ; attempt++) {
      let wait: number | undefined;
      try {
        const response = await this.once(req);
        wait = attempt < attempts ? this.retryWait(response, attempt) : undefined;
        if (wait === undefined) return response;
      } catch (error) {
        if (attempt >= attempts || !(error instanceof HttpError) || !error.retryable) throw error;
        wait = backoff(this.backoffMs, attempt);
      }
      await this.pause(wait, new URL(req.url));
    }
  }

  /** How long to wait before trying this response's request again, or undefined to return it. */
  private retryWait(response: HttpResponse, attempt: number): number | undefined {
    if (response.status < 500 && response.status !== 429) return undefined;
    const asked =
      response.status === 429 || response.status === 503 ? retryAfterMs(response.headers['retry-after'], Date.now()) : undefined;
    if (asked === undefined) return backoff(this.backoffMs, attempt);
    // Longer than we wait: the response goes back now, as after the last attempt, and the caller
    // reports its status; failing here instead would hide which server said so and why.
    return asked <= this.maxRetryAfterMs ? asked : undefined;
  }

  /** A wait between attempts that the signal ends at once. */
  private pause(ms: number, url: URL): Promise<void> {
    if (this.options.signal?.aborted) return Promise.reject(abortedError(url));
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        this.stoppers.delete(stop);
        reject(abortedError(url));
      };
      const timer = setTimeout(() => {
        this.stoppers.delete(stop);
        resolve();
      }, ms);
      this.stoppers.add(stop);
    });
  }

  /** One attempt: the request, its capped body, the idle timeout; `bounded` adds the deadline and the signal. */
  private once(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    if (this.options.signal?.aborted) return Promise.reject(abortedError(url));
    const proxy = this.options.proxy ? proxyFor(this.options.proxy, url) : undefined;
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: req.method ?? 'GET',
      agent: this.agentFor(url, proxy),
      // Through a CONNECT tunnel the TLS to the server is made from these options, not the agent's.
      ...(proxy && this.secureContext ? { secureContext: this.secureContext } : {}),
      headers: {
        'user-agent': this.options.userAgent ?? 'dct-sign',
        ...req.headers,
        ...(req.body ? { 'content-length': String(req.body.length) } : {}),
      },
      timeout: this.timeoutMs,
    });
    const exchange = new Promise<HttpResponse>((resolve, reject) => {
      request.on('response', (response) => void readBody(response, req, url).then(resolve, reject));
      request.on('timeout', () => request.destroy(idleError(url, this.timeoutMs)));
      request.on('error', (error: NodeJS.ErrnoException) => reject(connectionError(url, error, proxy && shownProxy(proxy))));
    });
    request.end(req.body ? Buffer.from(req.body) : undefined);
    return this.bounded(url, request, exchange);
  }

  /** The exchange, or the first of its deadline and the signal: either destroys the socket. */
  private bounded(url: URL, request: http.ClientRequest, exchange: Promise<HttpResponse>): Promise<HttpResponse> {
    let stopWith!: (error: HttpError) => void;
    const stopped = new Promise<never>((_resolve, reject) => {
      stopWith = (error) => {
        reject(error);
        request.destroy();
      };
    });
    const abort = () => stopWith(abortedError(url));
    const timer = setTimeout(() => stopWith(deadlineError(url, this.requestDeadlineMs)), this.requestDeadlineMs);
    this.stoppers.add(abort);
    return Promise.race([exchange, stopped]).finally(() => {
      clearTimeout(timer);
      this.stoppers.delete(abort);
    });
  }
}

function withAuthorization(req: HttpRequest, authorization: string): HttpRequest {
  return { ...req, headers: { ...req.headers, authorization } };
}

/** The body, read while it streams and stopped at `maxBytes`. */
function readBody(response: http.IncomingMessage, req: HttpRequest, url: URL): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length'] ?? NaN);
    // A HEAD response declares the length of a body it does not send.
    if (req.method !== 'HEAD' && declared > req.maxBytes) {
      response.destroy();
      reject(tooLargeError(url, `declares ${declared} bytes, more than the ${req.maxBytes} allowed`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= req.maxBytes) return void chunks.push(chunk);
      response.destroy();
      reject(tooLargeError(url, `is larger than the ${req.maxBytes} bytes allowed`));
    });
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: new Uint8Array(Buffer.concat(chunks)) }),
    );
    response.on('error', (error: NodeJS.ErrnoException) => reject(connectionError(url, error)));
  });
}
