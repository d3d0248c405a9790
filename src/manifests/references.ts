import { ManifestError, isDctError } from '../errors.js';
import { parseImageReference, type ImageReference } from '../registry/reference.js';

/** The tag a container runtime pulls when a manifest names none. */
const DEFAULT_TAG = 'latest';

/**
 * The reference a manifest's `image:` means: no tag is `latest`, as the runtime pulls it. A digest
 * without a tag is refused: content trust signs tags, so there is no signature to check it against.
 */
export function manifestReference(value: string, where: string): ImageReference {
  let ref: ImageReference;
  try {
    ref = parseImageReference(value, false);
  } catch (error) {
    if (!isDctError(error)) throw error;
    throw new ManifestError('MANIFEST_INVALID', `${where}: ${error.message}`, { option: 'manifests' });
  }
  if (ref.tag) return ref;
  if (ref.digest)
    throw new ManifestError(
      'MANIFEST_INVALID',
      `${where}: ${value} pins a digest but no tag; expected name:tag@sha256:… so that the tag's signature can be checked`,
      { option: 'manifests' },
    );
  return { ...ref, tag: DEFAULT_TAG };
}

/** `<name as written>:<tag>@<digest>`: what deploys exactly the verified manifest, and still says which tag it was. */
export function pinnedValue(value: string, ref: Pick<ImageReference, 'tag'>, digest: string): string {
  const name = value.trim().replace(/@.*$/, '');
  const hasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
  return `${hasTag ? name : `${name}:${ref.tag}`}@${digest}`;
}
