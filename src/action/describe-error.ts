import { InputError, isDctError, oneLine, type ErrorCode, type OptionName } from '../errors.js';

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
};

/** What to do next, for errors whose fix is an input the lower layers cannot name. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  REGISTRY_ACCESS_DENIED: 'set registry-username/registry-password or docker login',
  NOTARY_ACCESS_DENIED: 'set registry-username/registry-password, or docker login to the registry',
  NOTARY_SNAPSHOT_KEY_MISSING:
    'the snapshot key of this repository is not held by the server: give it as snapshot-key, or move it to the server with command: rotate-key, role: snapshot, server-managed: true',
};

/** One line for the job log, whatever was thrown: the input at fault first, then the cause and the fix. */
export function describeError(error: unknown): string {
  if (error instanceof InputError) return oneLine(`input '${error.input}': ${error.message}`);
  if (isDctError(error)) {
    const code: ErrorCode = error.code;
    const hint = HINTS[code];
    const text = `${error.message}${hint ? ` (${hint})` : ''}`;
    return oneLine(error.option ? `input '${INPUT_OF_OPTION[error.option]}': ${text}` : text);
  }
  const text = error instanceof Error ? error.message : String(error);
  return oneLine(text) || 'unknown error';
}
