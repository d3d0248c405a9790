import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryError } from '../errors.js';
import { quoted } from '../util/redact.js';

/**
 * An OCI image layout on disk (image-spec layout.md), as `docker buildx build --output type=oci`,
 * kaniko, buildah and skopeo write it: `oci-layout`, `index.json`, `blobs/<alg>/<hex>`.
 */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
export const REF_NAME = 'org.opencontainers.image.ref.name';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function isDescriptor(value: unknown): value is Descriptor {
  const d = value as Descriptor;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.mediaType === 'string' &&
    typeof d.digest === 'string' &&
    DIGEST.test(d.digest) &&
    Number.isSafeInteger(d.size) &&
    d.size >= 0
  );
}

function layoutError(message: string): RegistryError {
  return new RegistryError('OCI_LAYOUT_INVALID', message, { option: 'ociLayout' });
}

export class OciLayout {
  private constructor(
    readonly dir: string,
    readonly manifests: Descriptor[],
  ) {}

  static open(dir: string): OciLayout {
    const fail = (why: string): never => {
      throw layoutError(`${quoted(dir)} is not an OCI image layout: ${why}`);
    };
    if (!existsSync(join(dir, 'oci-layout')) || !existsSync(join(dir, 'index.json'))) fail('expected the files oci-layout and index.json');
    let index: { manifests?: unknown };
    try {
      index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests?: unknown };
    } catch {
      return fail('index.json is not JSON');
    }
    if (!Array.isArray(index.manifests) || !index.manifests.every(isDescriptor)) fail('index.json must list manifests as descriptors');
    return new OciLayout(dir, index.manifests as Descriptor[]);
  }

  /** The descriptor a tag names: ref.name equal to the tag, or a full reference ending in `:tag`. */
  find(tag: string): Descriptor {
    const match = this.manifests.find((d) => {
      const name = d.annotations?.[REF_NAME];
      return name === tag || (name !== undefined && name.endsWith(`:${tag}`) && !name.includes('@'));
    });
    if (!match) {
      const names = this.manifests.map((d) => d.annotations?.[REF_NAME]).filter(Boolean);
      throw layoutError(`${this.dir} has no image named ${tag} (its ${REF_NAME} values: ${names.join(', ') || 'none'})`);
    }
    return match;
  }

  blobPath(digest: string): string {
    const [alg, hex] = digest.split(':');
    return join(this.dir, 'blobs', alg!, hex!);
  }

  /** A manifest or config, read whole and checked against its digest and size. */
  readBlob(descriptor: Descriptor): Uint8Array {
    const path = this.blobPath(descriptor.digest);
    if (!existsSync(path)) throw layoutError(`${this.dir} lacks blob ${descriptor.digest}`);
    const bytes = new Uint8Array(readFileSync(path));
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (digest !== descriptor.digest || bytes.length !== descriptor.size) {
      throw layoutError(`${this.dir}: blob ${descriptor.digest} does not match its digest or size (corrupt layout)`);
    }
    return bytes;
  }

  blobSize(descriptor: Descriptor): number {
    const path = this.blobPath(descriptor.digest);
    if (!existsSync(path)) throw layoutError(`${this.dir} lacks blob ${descriptor.digest}`);
    return statSync(path).size;
  }
}

/** Children of a manifest: an index's manifests, or an image's config and layers. */
export function childrenOf(descriptor: Descriptor, bytes: Uint8Array): { manifests: Descriptor[]; blobs: Descriptor[] } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw layoutError(`manifest ${descriptor.digest} is not JSON`);
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  if (INDEX_TYPES.includes(descriptor.mediaType)) return { manifests: list(fields.manifests).filter(isDescriptor), blobs: [] };
  return { manifests: [], blobs: [fields.config, ...list(fields.layers)].filter(isDescriptor) };
}
