import type { TrustPolicy } from '../policy/trust-policy.js';
import type { VerifySettings } from './inputs.js';
import type { ManifestFile } from './manifests.js';

/**
 * verify's files, read before anything is sent: the policy (when the `policy` input names one) and
 * the manifests. Their modules, and the YAML and glob libraries under them, load only for runs
 * that use them: a plain verify or a sign does not pay for them at start-up.
 */
export async function readVerifyFiles(settings: VerifySettings): Promise<{ policy: TrustPolicy; manifests: ManifestFile[] }> {
  const policy =
    'policy' in settings.trust ? settings.trust.policy : (await import('./policy-file.js')).readPolicyFile(settings.trust.policyFile);
  const manifests = settings.manifests.trim() ? (await import('./manifests.js')).readManifests(settings.manifests) : [];
  return { policy, manifests };
}
