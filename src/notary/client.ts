import { randomBytes } from 'node:crypto';
import { NotaryError } from '../errors.js';
import { HttpError, type HttpClient, type HttpResponse } from '../http/client.js';
import { JsonReader } from '../tuf/guard.js';
import { PublicKey } from '../tuf/keys.js';
import type { FetchOptions, MetadataSource } from '../tuf/trusted-repository.js';

/**
 * The Notary server's HTTP API for one repository (GUN), per N:server/server.go:
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
   * One atomic update: every changed role in one multipart POST (N:storage/httpstore.go
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
   * The public key the server holds for its role (N:server/handlers/default.go getKeyHandler):
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
      const value = JSON.parse(Buffer.from(response.body).toString('utf8')) as unknown;
      return PublicKey.fromJSON(new JsonReader(`${role}.key`), value, 'key');
    } catch (error) {
      throw new NotaryError(`Notary server ${this.serverUrl}, ${this.gun} ${what}: ${(error as Error).message}`);
    }
  }

  private async call(request: Parameters<HttpClient['request']>[0], what: string): Promise<HttpResponse> {
    try {
      return await this.http.request(request);
    } catch (error) {
      if (error instanceof HttpError) throw new NotaryError(`Notary server ${this.serverUrl}, ${this.gun} ${what}: ${error.message}`);
      throw error;
    }
  }

  private error(response: HttpResponse, what: string): NotaryError {
    const { code, detail } = parseErrorBody(response.body);
    let hint = '';
    if (/does not hold current snapshot key/i.test(detail)) {
      hint =
        ' (the snapshot key of this repository is not held by the server: give it as snapshot-key, or move it to the server with command: rotate-key, role: snapshot, server-managed: true)';
    } else if (response.status === 401) {
      hint = ' (set registry-username/registry-password, or docker login to the registry)';
    }
    const text = [code, detail].filter(Boolean).join(': ') || Buffer.from(response.body.subarray(0, 200)).toString('utf8').trim();
    return new NotaryError(
      `Notary server ${this.serverUrl}, ${this.gun} ${what}: HTTP ${response.status}${text ? ` ${text}` : ''}${hint}`,
      response.status,
      code,
    );
  }
}

/** `{"errors":[{"code","message","detail":{"Name","Error":{...}}}]}` (N:server/errors/errors.go). */
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
