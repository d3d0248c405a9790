import type { ImageResult } from '../commands/sign.js';
import type { TrustPolicy } from '../policy/trust-policy.js';
import { gunOf, type ImageReference } from '../registry/reference.js';
import type { VerifySettings } from './inputs.js';

/** What verify checks, once its files are read, and how the manifests are pinned afterwards. */
export interface VerifyPlan {
  policy: TrustPolicy;
  /** `images`, then each distinct manifest image once. */
  images: ImageReference[];
  /** Where each manifest image was found, for its failure message. */
  foundIn?: ReadonlyMap<ImageReference, readonly string[]>;
  /** Rewrites the manifests to the digests verified; returns the files that changed. Absent without manifests. */
  pin?: (results: readonly ImageResult[]) => string[];
}

/**
 * verify's files, read before anything is sent: the policy (when the `policy` input names one) and
 * the manifests. Their modules, and the YAML and glob libraries under them, load only for runs
 * that use them: a plain verify or a sign does not pay for them at start-up.
 */
export async function readVerifyFiles(settings: VerifySettings): Promise<VerifyPlan> {
  const policy =
    'policy' in settings.trust ? settings.trust.policy : (await import('./policy-file.js')).readPolicyFile(settings.trust.policyFile);
  if (!settings.manifests.trim()) return { policy, images: settings.images };
  const manifests = await import('./manifests.js');
  const files = manifests.readManifests(settings.manifests);
  const { images, foundIn, refOf } = manifests.imagesToVerify(settings.images, files);
  const pin = (results: readonly ImageResult[]) => {
    // One digest per tag of a repository: what its one registry look-up answered, and its signers signed.
    const digests = new Map(results.map((r) => [`${r.repository}:${r.tag}`, r.digest]));
    return manifests.pinManifests(files, refOf, (ref) => digests.get(`${gunOf(ref)}:${ref.tag}`));
  };
  return { policy, images, foundIn, pin };
}
