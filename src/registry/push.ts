import { closeSync, openSync, readSync } from 'node:fs';
import { HttpError, RegistryError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import { mapLimit } from '../util/concurrency.js';
import type { RegistryClient, ResolvedManifest } from './client.js';
import { childrenOf, type Descriptor, type OciLayout } from './oci-layout.js';
import { gunOf, type ImageReference } from './reference.js';

/**
 * Daemonless push through the registry API (distribution spec "push"): blobs are checked with
 * HEAD and uploaded only when missing (a cross-repository mount first when this run already put
 * the blob in another repository of the registry), then child manifests by digest, then the
 * tagged manifest. Large blobs go up in chunks so memory stays flat.
 */
export const CHUNK_BYTES = 8 << 20;
/** Blob uploads and manifest PUTs in flight at once, per tag. */
const UPLOAD_CONCURRENCY = 6;

export class LayoutPusher {
  /**
   * Where this run has put (or is putting) each blob, per registry: the repository to mount it
   * from. Kept as promises so a second repository waits for the first upload, then mounts.
   */
  private readonly blobHomes = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly http: HttpClient,
    private readonly registry: RegistryClient,
    private readonly layout: OciLayout,
  ) {}

  async push(ref: ImageReference): Promise<ResolvedManifest> {
    const top = this.layout.find(ref.tag);
    const base = await this.registry.baseUrl(ref.registry);
    const name = ref.repository;
    const scope = `repository:${name}:pull,push`;

    // The manifest graph, children before parents, each manifest once.
    const manifests: { descriptor: Descriptor; bytes: Uint8Array }[] = [];
    const blobs = new Map<string, Descriptor>();
    const seen = new Set<string>();
    const walk = (descriptor: Descriptor) => {
      if (seen.has(descriptor.digest)) return;
      seen.add(descriptor.digest);
      const bytes = this.layout.readBlob(descriptor);
      const children = childrenOf(descriptor, bytes);
      children.manifests.forEach(walk);
      for (const blob of children.blobs) blobs.set(blob.digest, blob);
      manifests.push({ descriptor, bytes });
    };
    walk(top);

    await mapLimit([...blobs.values()], UPLOAD_CONCURRENCY, (blob) => this.pushBlob(base, ref, blob, scope));
    // Child manifests by digest (in parallel), then the tag's own manifest.
    const children = manifests.slice(0, -1);
    await mapLimit(children, UPLOAD_CONCURRENCY, (m) =>
      this.putManifest(base, ref, m.descriptor.digest, m.descriptor.mediaType, m.bytes, scope),
    );
    const topBytes = manifests[manifests.length - 1]!.bytes;
    const digest = await this.putManifest(base, ref, ref.tag, top.mediaType, topBytes, scope);
    if (digest !== top.digest)
      throw new RegistryError(
        'REGISTRY_DIGEST_MISMATCH',
        `${gunOf(ref)}:${ref.tag}: the registry stored ${digest} for the manifest ${top.digest} we pushed`,
      );
    return { digest: top.digest, size: topBytes.length, mediaType: top.mediaType };
  }

  private async call(what: string, request: Parameters<HttpClient['request']>[0]): Promise<HttpResponse> {
    try {
      return await this.http.request(request);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new RegistryError('REGISTRY_PUSH_FAILED', `${what}: ${error.message}`, { cause: error });
    }
  }

  private fail(what: string, response: HttpResponse): never {
    const body = Buffer.from(response.body.subarray(0, 300)).toString('utf8').trim();
    throw new RegistryError('REGISTRY_PUSH_FAILED', `${what}: the registry answered HTTP ${response.status}${body ? ` ${body}` : ''}`);
  }

  private pushBlob(base: string, ref: ImageReference, blob: Descriptor, scope: string): Promise<void> {
    const home = `${ref.registry}|${blob.digest}`;
    const earlier = this.blobHomes.get(home);
    const upload = (async () => {
      const from = earlier ? await earlier.catch(() => undefined) : undefined;
      await this.uploadBlob(base, ref, blob, scope, from);
      return ref.repository;
    })();
    // Later repositories mount from here once this upload (or mount) has finished.
    this.blobHomes.set(
      home,
      upload.catch(() => undefined),
    );
    return upload.then(() => undefined);
  }

  private async uploadBlob(base: string, ref: ImageReference, blob: Descriptor, scope: string, from: string | undefined): Promise<void> {
    const name = ref.repository;
    const what = `push blob ${blob.digest.slice(0, 19)} to ${gunOf(ref)}`;
    const head = await this.call(what, { method: 'HEAD', url: `${base}/v2/${name}/blobs/${blob.digest}`, maxBytes: 0, scope });
    if (head.status === 200) return;
    const size = this.layout.blobSize(blob);
    if (size !== blob.size)
      throw new RegistryError('OCI_LAYOUT_INVALID', `${what}: the layout's blob is ${size} bytes, its descriptor says ${blob.size}`);
    let start: HttpResponse;
    if (from && from !== name) {
      start = await this.call(what, {
        method: 'POST',
        url: `${base}/v2/${name}/blobs/uploads/?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(from)}`,
        maxBytes: 1 << 16,
        scope,
        retry: false,
      });
      if (start.status === 201) return; // mounted: the registry offered it
    } else {
      start = await this.call(what, { method: 'POST', url: `${base}/v2/${name}/blobs/uploads/`, maxBytes: 1 << 16, scope, retry: false });
    }
    if (start.status !== 202) this.fail(what, start);
    let location = this.location(base, start, what);
    const fd = openSync(this.layout.blobPath(blob.digest), 'r');
    try {
      if (size <= CHUNK_BYTES) {
        const body = readChunk(fd, 0, size);
        const put = await this.call(what, {
          method: 'PUT',
          url: withDigest(location, blob.digest),
          headers: { 'content-type': 'application/octet-stream' },
          body,
          maxBytes: 1 << 16,
          scope,
          retry: false,
        });
        if (put.status !== 201) this.fail(what, put);
      } else {
        for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
          const body = readChunk(fd, offset, Math.min(CHUNK_BYTES, size - offset));
          const patch = await this.call(what, {
            method: 'PATCH',
            url: location,
            headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + body.length - 1}` },
            body,
            maxBytes: 1 << 16,
            scope,
            retry: false,
          });
          if (patch.status !== 202) this.fail(what, patch);
          location = this.location(base, patch, what);
        }
        const put = await this.call(what, {
          method: 'PUT',
          url: withDigest(location, blob.digest),
          maxBytes: 1 << 16,
          scope,
          retry: false,
        });
        if (put.status !== 201) this.fail(what, put);
      }
    } finally {
      closeSync(fd);
    }
  }

  private location(base: string, response: HttpResponse, what: string): string {
    const location = response.headers.location;
    if (typeof location !== 'string' || !location)
      throw new RegistryError('REGISTRY_PUSH_FAILED', `${what}: the registry gave no upload location`);
    const url = new URL(location, base);
    // The blob goes where the registry says (another host is common), but never down from https to http.
    if (new URL(base).protocol === 'https:' && url.protocol !== 'https:')
      throw new RegistryError(
        'REGISTRY_PUSH_FAILED',
        `${what}: the registry sent the upload to ${url.protocol}//${url.host}, not over HTTPS`,
      );
    return url.toString();
  }

  /** PUT a manifest by tag or digest; returns the digest the registry says it stored. */
  private async putManifest(
    base: string,
    ref: ImageReference,
    reference: string,
    mediaType: string,
    bytes: Uint8Array,
    scope: string,
  ): Promise<string> {
    const what = `push manifest ${reference} to ${gunOf(ref)}`;
    const response = await this.call(what, {
      method: 'PUT',
      url: `${base}/v2/${ref.repository}/manifests/${encodeURIComponent(reference)}`,
      headers: { 'content-type': mediaType },
      body: bytes,
      maxBytes: 1 << 16,
      scope,
    });
    if (response.status !== 201) this.fail(what, response);
    return String(response.headers['docker-content-digest'] ?? '');
  }
}

function readChunk(fd: number, offset: number, length: number): Uint8Array {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, offset + read);
    if (n === 0) throw new RegistryError('OCI_LAYOUT_INVALID', 'the layout blob ended early');
    read += n;
  }
  return new Uint8Array(buffer);
}

function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.toString();
}
