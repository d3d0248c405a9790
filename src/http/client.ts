import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { HttpError } from '../errors.js';
import { basicAuthorization, parseChallenges, type Credentials } from './auth.js';

/**
 * HTTP for the Notary server and registries over node:http(s), not fetch: it needs a per-client
 * CA bundle (`notary-ca`), responses read as a capped stream (a hostile server cannot make us
 * buffer more than the cap), bounded retries, and the registry token flow on 401.
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
  /** Credentials for a host (`host:port`), for basic auth and token requests (a helper may run: async). */
  credentials?: (host: string) => Promise<Credentials | undefined>;
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  attempts?: number;
  backoffMs?: number;
  userAgent?: string;
}

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  /** Authorization headers that worked, by host and scope, so later requests skip the 401. */
  private readonly authCache = new Map<string, string>();
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 16,
      ca: options.extraCa ? [...rootCertificates, options.extraCa] : undefined,
    });
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.backoffMs = options.backoffMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }

  /** A request with auth (401 -> token or basic, once) and retries. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const cacheKey = `${url.host}|${req.scope ?? ''}`;
    const cached = this.authCache.get(cacheKey);
    const headers = { ...req.headers };
    if (cached) headers.authorization = cached;
    let response = await this.send({ ...req, headers });
    if (response.status === 401) {
      const authorization = await this.authorize(url, response, req.scope);
      if (authorization) {
        response = await this.send({ ...req, headers: { ...req.headers, authorization } });
        if (response.status !== 401) this.authCache.set(cacheKey, authorization);
      }
    }
    return response;
  }

  private async authorize(url: URL, response: HttpResponse, scope: string | undefined): Promise<string | undefined> {
    const credentials = await this.options.credentials?.(url.host);
    for (const challenge of parseChallenges(response.headers['www-authenticate'])) {
      if (challenge.scheme === 'bearer' && challenge.params.realm) {
        return `Bearer ${await this.fetchToken(challenge.params, scope, credentials)}`;
      }
      if (challenge.scheme === 'basic' && credentials) return basicAuthorization(credentials);
    }
    return undefined;
  }

  /** docker/distribution token flow: GET realm?service=&scope= (basic auth when we have credentials). */
  private async fetchToken(
    params: Record<string, string>,
    scope: string | undefined,
    credentials: Credentials | undefined,
  ): Promise<string> {
    const realm = new URL(params.realm!);
    if (params.service) realm.searchParams.set('service', params.service);
    for (const s of new Set([params.scope, scope].filter((x): x is string => !!x))) realm.searchParams.append('scope', s);
    if (credentials) realm.searchParams.set('account', credentials.username);
    const headers: Record<string, string> = credentials ? { authorization: basicAuthorization(credentials) } : {};
    const response = await this.send({ url: realm.toString(), headers, maxBytes: 1 << 20 });
    if (response.status !== 200) {
      throw new HttpError(
        'HTTP_AUTH',
        `token request to ${realm.origin}${realm.pathname} failed with HTTP ${response.status}${credentials ? (response.status === 401 ? ' (the credentials were refused)' : '') : ' (no credentials configured)'}`,
        realm.toString(),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(response.body).toString('utf8'));
    } catch {
      body = undefined;
    }
    const token =
      typeof body === 'object' && body !== null
        ? ((body as Record<string, unknown>).token ?? (body as Record<string, unknown>).access_token)
        : undefined;
    if (typeof token !== 'string' || !token)
      throw new HttpError('HTTP_AUTH', `token response from ${realm.origin} has no token`, realm.toString());
    return token;
  }

  /** One request with retries on connection errors and 5xx/429. */
  private async send(req: HttpRequest): Promise<HttpResponse> {
    let lastError: unknown;
    const attempts = req.retry === false ? 1 : this.attempts;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
      try {
        const response = await this.once(req);
        if ((response.status >= 500 || response.status === 429) && attempt < attempts - 1) {
          lastError = new HttpError('HTTP_STATUS', `HTTP ${response.status}`, req.url);
          continue;
        }
        return response;
      } catch (error) {
        lastError = error;
        if (!(error instanceof HttpError) || !error.retryable) throw error;
      }
    }
    throw lastError;
  }

  private once(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    const transport = isHttps ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: req.method ?? 'GET',
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          headers: {
            'user-agent': this.options.userAgent ?? 'dct-sign',
            ...req.headers,
            ...(req.body ? { 'content-length': String(req.body.length) } : {}),
          },
          timeout: this.timeoutMs,
        },
        (response) => {
          const declared = Number(response.headers['content-length'] ?? NaN);
          // A HEAD response declares the length of a body it does not send.
          if (req.method !== 'HEAD' && declared > req.maxBytes) {
            response.destroy();
            reject(
              new HttpError(
                'HTTP_TOO_LARGE',
                `response from ${url.origin}${url.pathname} declares ${declared} bytes, more than the ${req.maxBytes} allowed`,
                req.url,
              ),
            );
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > req.maxBytes) {
              response.destroy();
              reject(
                new HttpError(
                  'HTTP_TOO_LARGE',
                  `response from ${url.origin}${url.pathname} is larger than the ${req.maxBytes} bytes allowed`,
                  req.url,
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: new Uint8Array(Buffer.concat(chunks)) }),
          );
          response.on('error', (error: NodeJS.ErrnoException) => reject(connectionError(req.url, error)));
        },
      );
      request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      request.on('error', (error: NodeJS.ErrnoException) => reject(connectionError(req.url, error)));
      request.end(req.body ? Buffer.from(req.body) : undefined);
    });
  }
}

function connectionError(url: string, error: NodeJS.ErrnoException): HttpError {
  if (error instanceof HttpError) return error;
  const errno = error.code ?? 'ERROR';
  const reason = `${error.message}${error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''}`;
  return new HttpError(errno === 'ETIMEDOUT' ? 'HTTP_TIMEOUT' : 'HTTP_CONNECTION', `cannot reach ${new URL(url).origin}: ${reason}`, url, {
    errno,
    reason,
    retryable: RETRYABLE_CODES.has(errno),
  });
}
