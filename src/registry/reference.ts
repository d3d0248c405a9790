import { RegistryError } from '../errors.js';
import { DOCKER_HUB } from '../util/hosts.js';
import { quoted } from '../util/redact.js';

/**
 * Image references as docker normalizes them (distribution/reference ParseNormalizedNamed):
 * a first component with `.` or `:` or equal to `localhost` is a registry, otherwise docker.io;
 * single-component Docker Hub names get `library/`. The GUN is `<registry>/<repository>`.
 */
export interface ImageReference {
  /** As the user wrote it. */
  original: string;
  /** `docker.io` or `host[:port]`. */
  registry: string;
  /** Path in the registry, e.g. `library/alpine`. */
  repository: string;
  tag: string;
  /** `sha256:<hex>` when the reference pins one as well. */
  digest?: string;
}

export { DOCKER_HUB };
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOMAIN =
  /^(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

export function gunOf(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The host the registry API answers on (Docker Hub's API is not at docker.io). */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

function referenceError(message: string): RegistryError {
  return new RegistryError('REFERENCE_INVALID', message, { option: 'images' });
}

/** `tagRequired: false` for commands that act on the repository (init, signers, rotation): the tag is ignored. */
export function parseImageReference(value: string, tagRequired = true): ImageReference {
  const fail = (why: string): never => {
    throw referenceError(`${quoted(value)} is not a valid image reference: ${why}; expected [registry[:port]/]repository:tag`);
  };
  let rest = value.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) fail('the digest must be sha256:<64 hex>');
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = '';
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!tag && tagRequired) fail('a tag is required (the tag is what gets signed)');
  if (tag && !TAG.test(tag)) fail(`${quoted(tag)} is not a valid tag`);
  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  let repository = rest;
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))) {
    if (!DOMAIN.test(first)) fail(`${quoted(first)} is not a valid registry host`);
    registry = first === 'index.docker.io' ? DOCKER_HUB : first;
    repository = rest.slice(slash + 1);
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!repository || !repository.split('/').every((c) => PATH_COMPONENT.test(c))) {
    fail('the repository must be lowercase letters, digits and separators');
  }
  if (Buffer.byteLength(`${registry}/${repository}`) > 255) fail('the name is longer than 255 characters');
  return { original: value.trim(), registry, repository, tag, ...(digest ? { digest } : {}) };
}

/** `images` input: one per line or comma-separated. */
export function parseImageList(text: string, tagRequired = true): ImageReference[] {
  const items = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0)
    throw referenceError('no image given; expected one or more [registry[:port]/]repository:tag, one per line or comma-separated');
  return items.map((item) => parseImageReference(item, tagRequired));
}
