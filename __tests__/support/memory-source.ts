import { sha256Hex } from '../../src/tuf/encoding.js';
import type { FetchOptions, MetadataSource } from '../../src/tuf/load-repository.js';
import { fixture } from './fixtures.js';

/** Serves metadata files from memory the way notary-server does (by role, checksum or version). */
export class MemorySource implements MetadataSource {
  readonly files = new Map<string, Uint8Array>();
  readonly requests: string[] = [];
  /** The size cap each request was made with, by request name (as in `requests`). */
  readonly maxBytes = new Map<string, number>();
  /** Requests served at most: a loader that loops without end fails instead of hanging the test. */
  requestLimit = 10_000;

  static fromFixtures(repo: string, roles: string[]): MemorySource {
    const source = new MemorySource();
    for (const role of roles) source.files.set(role, fixture(`${repo}/${role}.json`));
    return source;
  }

  static of(files: ReadonlyMap<string, Uint8Array>): MemorySource {
    const source = new MemorySource();
    for (const [name, bytes] of files) source.files.set(name, bytes);
    return source;
  }

  fetch(role: string, options: FetchOptions): Promise<Uint8Array | undefined> {
    if (this.requests.length >= this.requestLimit)
      return Promise.reject(new Error(`MemorySource: more than ${this.requestLimit} requests`));
    const name = options.version ? `${options.version}.${role}` : options.checksum ? `${role}.${options.checksum.slice(0, 8)}` : role;
    this.requests.push(name);
    this.maxBytes.set(name, options.maxBytes);
    const key = options.version ? `${options.version}.${role}` : role;
    const bytes = this.files.get(key);
    if (bytes && options.checksum && sha256Hex(bytes) !== options.checksum) return Promise.resolve(undefined);
    if (bytes && bytes.length > options.maxBytes) return Promise.reject(new Error(`response larger than ${options.maxBytes}`));
    return Promise.resolve(bytes);
  }
}
