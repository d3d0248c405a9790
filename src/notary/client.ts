import { randomBytes } from 'node:crypto';
import { HttpError, NotaryError, type NotaryErrorCode } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import { JsonReader, parseJsonObject } from '../tuf/guard.js';
import { PublicKey } from '../tuf/keys.js';
import type { FetchOptions, MetadataSource } from '../tuf/load-repository.js';

/**
 * The Notary server's HTTP API for one repository (GUN), per notary: server/server.go:
 * GET `<role>.json`, `<role>.<sha256>.json`, `<version>.<role>.json`; POST a multipart update.
 */
export interface MetadataFile {
  role: string;
  bytes: Uint8Array;
}

export class NotaryClient implements MetadataSource {
  private readonly base: string;
  readonly requests: string[] = [];

  constructor(
    private readonly http: HttpClient,
    readonly serverUrl: string,
    readonly gun: string,
  ) {
    this.base = `${serverUrl.replace(/\/+$/, '')}/v2/${gun}/_trust/tuf/`;
  }

  async fetch(role: string, options: FetchOptions): Promise<Uint8Array | undefined> {
    const name = options.version
      ? `${options.version}.${role}.json`
      : options.checksum
        ? `${role}.${options.checksum}.json`
        : `${role}.json`;
    this.requests.push(name);
    const response = await this.call(
      { url: this.base + name, maxBytes: options.maxBytes, scope: `repository:${this.gun}:pull` },
      `GET ${name}`,
    );
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.error(response, `GET ${name}`);
    return response.body;
  }

  /**
   * One atomic update: every changed role in one multipart POST (notary: storage/httpstore.go
   * NewMultiPartMetaRequest). The server stores all or nothing, and generates the timestamp
   * (and the snapshot when it holds the snapshot key).
   */
  async publish(files: readonly MetadataFile[]): Promise<void> {
    const boundary = `dct-sign-${randomBytes(12).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const file of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.role}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.from(file.bytes),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await this.call(
      {
        method: 'POST',
        url: this.base,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: new Uint8Array(Buffer.concat(parts)),
        maxBytes: 1 << 20,
        scope: `repository:${this.gun}:push,pull`,
        // A 5xx after the server committed would make a retry fail as a stale version; the
        // caller re-reads and decides instead.
        retry: false,
      },
      'publish',
    );
    if (response.status !== 200) throw this.error(response, 'publish');
  }

  /**
   * The public key the server holds for its role (notary: server/handlers/default.go getKeyHandler):
   * GET returns (and first creates) it; `rotate` POSTs for a new one (needs `*` access).
   */
  async serverKey(role: 'timestamp' | 'snapshot', rotate = false): Promise<PublicKey> {
    const what = `${rotate ? 'POST' : 'GET'} ${role}.key`;
    const response = await this.call(
      {
        method: rotate ? 'POST' : 'GET',
        url: `${this.base}${role}.key`,
        maxBytes: 1 << 16,
        scope: `repository:${this.gun}:${rotate ? '*' : 'push,pull'}`,
        retry: !rotate,
      },
      what,
    );
    if (response.status !== 200) throw this.error(response, what);
    try {
      return PublicKey.fromJSON(new JsonReader(`${role}.key`), parseJsonObject(response.body, `${role}.key`), 'key');
    } catch (error) {
      throw new NotaryError('NOTARY_BAD_RESPONSE', `${this.where(what)}: ${(error as Error).message}`, { server: this.serverUrl });
    }
  }

  private where(what: string): string {
    return `Notary server ${this.serverUrl}, ${this.gun} ${what}`;
  }

  private async call(request: Parameters<HttpClient['request']>[0], what: string): Promise<HttpResponse> {
    try {
      return await this.http.request(request);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const code =
        error.code === 'HTTP_CONNECTION'
          ? 'NOTARY_UNREACHABLE'
          : error.code === 'HTTP_TIMEOUT'
            ? 'NOTARY_TIMEOUT'
            : error.code === 'HTTP_AUTH'
              ? 'NOTARY_ACCESS_DENIED'
              : 'NOTARY_HTTP_ERROR';
      throw new NotaryError(
        code,
        `${this.where(what)}: ${error.message}`,
        { server: this.serverUrl, ...(error.details.reason ? { reason: error.details.reason } : {}) },
        { cause: error },
      );
    }
  }

  private error(response: HttpResponse, what: string): NotaryError {
    const { code, detail } = parseErrorBody(response.body);
    const text = [code, detail].filter(Boolean).join(': ') || Buffer.from(response.body.subarray(0, 200)).toString('utf8').trim();
    return new NotaryError(
      errorCode(response.status, code, detail),
      `${this.where(what)}: HTTP ${response.status}${text ? ` ${text}` : ''}`,
      {
        server: this.serverUrl,
        status: response.status,
        serverCode: code,
      },
    );
  }
}

function errorCode(status: number, serverCode: string, detail: string): NotaryErrorCode {
  if (status === 400 && serverCode === 'VERSION') return 'NOTARY_STALE_VERSION';
  if (status === 401 || status === 403) return 'NOTARY_ACCESS_DENIED';
  // The server's own words for an update without a snapshot it cannot make (notary: server/handlers/validation.go).
  if (/does not hold current snapshot key/i.test(detail)) return 'NOTARY_SNAPSHOT_KEY_MISSING';
  return 'NOTARY_HTTP_ERROR';
}

/** `{"errors":[{"code","message","detail":{"Name","Error":{...}}}]}` (notary: server/errors/errors.go). */
export function parseErrorBody(body: Uint8Array): { code: string; detail: string } {
  try {
    const value = JSON.parse(Buffer.from(body.subarray(0, 1 << 16)).toString('utf8')) as unknown;
    const first = (value as { errors?: unknown[] }).errors?.[0] as { code?: unknown; message?: unknown; detail?: unknown } | undefined;
    if (!first) return { code: '', detail: '' };
    const code = typeof first.code === 'string' ? first.code : '';
    const parts = [typeof first.message === 'string' ? first.message : ''];
    if (first.detail !== undefined && first.detail !== null) parts.push(JSON.stringify(first.detail));
    return { code, detail: parts.filter(Boolean).join(' ').slice(0, 500) };
  } catch {
    return { code: '', detail: '' };
  }
}
