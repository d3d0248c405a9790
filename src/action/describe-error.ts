import { InputError, NotaryError, isDctError, oneLine, type DctError, type ErrorCode, type OptionName } from '../errors.js';
import { isAzureContainerRegistry } from '../util/hosts.js';

/** The input each command option comes from: the one table that ties errors below to input names. */
export const INPUT_OF_OPTION: Record<OptionName, string> = {
  images: 'images',
  notaryServer: 'notary-server',
  ociLayout: 'oci-layout',
  signer: 'signer',
  role: 'role',
  signerKey: 'signer-key',
  rootKey: 'root-key',
  repositoryKey: 'repository-key',
  newKey: 'new-key',
  snapshotKey: 'snapshot-key',
  signerPublicKey: 'signer-public-key',
  trustState: 'trust-state',
  policy: 'policy',
  manifests: 'manifests',
  trustedRootKeys: 'trusted-root-keys',
};

/** What to do next, for errors whose fix is an input the lower layers cannot name. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  REGISTRY_ACCESS_DENIED: 'set registry-username/registry-password or docker login',
  NOTARY_ACCESS_DENIED: 'set registry-username/registry-password, or docker login to the registry',
  NOTARY_SNAPSHOT_KEY_MISSING:
    'the snapshot key of this repository is not held by the server: give it as snapshot-key, or move it to the server with command: rotate-key, role: snapshot, server-managed: true',
};

const ACR_LOGIN =
  'log in with azure/login then az acr login, or set registry-username/registry-password to a service principal (or 00000000-0000-0000-0000-000000000000 and an az acr login --expose-token token); repository-scoped tokens cannot use content trust';

/**
 * Azure Container Registry's refusals, by what the identity probably lacks: AcrPull to read,
 * AcrPush to push, AcrImageSigner (with content trust enabled, Premium tier) to sign.
 */
const ACR_HINTS: Partial<Record<ErrorCode, string>> = {
  REGISTRY_ACCESS_DENIED: `Azure Container Registry: the identity needs the AcrPull role to read (AcrPush to push); ${ACR_LOGIN}`,
  NOTARY_ACCESS_DENIED: `Azure Container Registry: signing needs the AcrImageSigner role beside AcrPush, and content trust enabled on the registry (Premium tier: az acr config content-trust update --status enabled); ${ACR_LOGIN}`,
};

/** The host an error is about: the one it names, or a Notary error's server. */
function hostOf(error: DctError): string | undefined {
  if (error.host) return error.host;
  if (error instanceof NotaryError && error.details.server) {
    try {
      return new URL(error.details.server).host;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function hintFor(error: DctError): string | undefined {
  const code: ErrorCode = error.code;
  const host = hostOf(error);
  return (host && isAzureContainerRegistry(host) ? ACR_HINTS[code] : undefined) ?? HINTS[code];
}

/** One line for the job log, whatever was thrown: the input at fault first, then the cause and the fix. */
export function describeError(error: unknown): string {
  if (error instanceof InputError) return oneLine(`input '${error.input}': ${error.message}`);
  if (isDctError(error)) {
    const hint = hintFor(error);
    const text = `${error.message}${hint ? ` (${hint})` : ''}`;
    return oneLine(error.option ? `input '${INPUT_OF_OPTION[error.option]}': ${text}` : text);
  }
  const text = error instanceof Error ? error.message : String(error);
  return oneLine(text) || 'unknown error';
}
