import { sha256Hex } from '../tuf/encoding.js';
import { HttpError, RegistryError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import { isLoopbackHost } from '../util/hosts.js';
import { registryApiHost, type ImageReference } from './reference.js';

/** Every manifest kind a tag may point at; DCT signs whichever the registry serves. */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

const MAX_MANIFEST_BYTES = 4 << 20;

export interface ResolvedManifest {
  /**
   * `sha256:<hex>` of the manifest: hashed here from a GET (the header checked against it), or the
   * `Docker-Content-Digest` of a HEAD. Either way the registry says which content the tag names;
   * only a digest the build gives (a push, `@sha256:`) can hold it to another. A header that lies
   * about the bytes only makes pulls fail: clients check what they pull against the signed digest.
   */
  digest: string;
  size: number;
  mediaType: string;
}

/** The manifest's media type, from its Content-Type without parameters. */
function mediaTypeOf(response: HttpResponse): string {
  return (
    String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim() || 'application/octet-stream'
  );
}

/** TLS failures (system error codes) that mean "this server speaks plain HTTP". */
const PLAIN_HTTP_HINTS = ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ECONNRESET'];

export class RegistryClient {
  private readonly bases = new Map<string, Promise<string>>();

  constructor(
    private readonly http: HttpClient,
    private readonly insecureRegistries: readonly string[] = [],
  ) {}

  /** https://host, or http://host for a loopback or listed insecure registry that does not speak TLS. */
  baseUrl(registry: string): Promise<string> {
    let base = this.bases.get(registry);
    if (!base) {
      base = this.probe(registry);
      this.bases.set(registry, base);
    }
    return base;
  }

  private async probe(registry: string): Promise<string> {
    const host = registryApiHost(registry);
    const mayUseHttp = isLoopbackHost(host) || this.insecureRegistries.includes(registry) || this.insecureRegistries.includes(host);
    try {
      await this.http.request({ url: `https://${host}/v2/`, maxBytes: 1 << 16, retry: !mayUseHttp });
      return `https://${host}`;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (mayUseHttp && PLAIN_HTTP_HINTS.includes(error.details.errno ?? '')) return `http://${host}`;
      throw new RegistryError('REGISTRY_UNREACHABLE', `registry ${registry} is not reachable over HTTPS: ${error.message}`, {
        cause: error,
      });
    }
  }

  /** GET or HEAD of a tag's manifest; connection failures and a missing tag become clear errors. */
  private async requestManifest(ref: ImageReference, method: 'GET' | 'HEAD'): Promise<HttpResponse> {
    const name = `${ref.registry}/${ref.repository}:${ref.tag}`;
    let response: HttpResponse;
    try {
      const base = await this.baseUrl(ref.registry);
      response = await this.http.request({
        method,
        url: `${base}/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag)}`,
        headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
        maxBytes: method === 'HEAD' ? 0 : MAX_MANIFEST_BYTES,
        scope: `repository:${ref.repository}:pull`,
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.code === 'HTTP_AUTH')
        throw new RegistryError('REGISTRY_ACCESS_DENIED', `cannot log in to the registry for ${name}: ${error.message}`, {
          cause: error,
          host: ref.registry,
        });
      throw new RegistryError('REGISTRY_UNREACHABLE', `cannot read ${name} from the registry: ${error.message}`, { cause: error });
    }
    if (response.status === 404)
      throw new RegistryError('REGISTRY_TAG_NOT_FOUND', `${name} is not in the registry (no manifest for tag ${ref.tag})`);
    return response;
  }

  /** The manifest a tag points at now: its digest (hashed here) and size, what DCT signs. */
  async resolve(ref: ImageReference): Promise<ResolvedManifest> {
    const name = `${ref.registry}/${ref.repository}:${ref.tag}`;
    const response = await this.requestManifest(ref, 'GET');
    if (response.status === 401 || response.status === 403) {
      throw new RegistryError('REGISTRY_ACCESS_DENIED', `the registry refused access to ${name} (HTTP ${response.status})`, {
        host: ref.registry,
      });
    }
    if (response.status !== 200)
      throw new RegistryError('REGISTRY_BAD_RESPONSE', `the registry answered HTTP ${response.status} for ${name}`);
    const digest = `sha256:${sha256Hex(response.body)}`;
    const header = response.headers['docker-content-digest'];
    if (typeof header === 'string' && header.startsWith('sha256:') && header !== digest) {
      throw new RegistryError(
        'REGISTRY_DIGEST_MISMATCH',
        `the registry's Docker-Content-Digest ${header} for ${name} does not match the manifest it served (${digest})`,
      );
    }
    return { digest, size: response.body.length, mediaType: mediaTypeOf(response) };
  }

  /**
   * Where a tag points now, by HEAD: the registry's Docker-Content-Digest and Content-Length,
   * cheaper than a GET. For confirming a digest resolved earlier, and for verify (deploys pull by
   * the signed digest, which names its own content).
   */
  async head(ref: ImageReference): Promise<ResolvedManifest> {
    const response = await this.requestManifest(ref, 'HEAD');
    const digest = response.headers['docker-content-digest'];
    const size = Number(response.headers['content-length']);
    // A registry that answers HEAD without a usable digest (or refuses it) gets the full GET.
    if (response.status !== 200 || typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest) || !Number.isSafeInteger(size)) {
      return this.resolve(ref);
    }
    return { digest, size, mediaType: mediaTypeOf(response) };
  }
}
