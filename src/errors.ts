/**
 * Every error dct-sign throws: one base class and one `code` union per area, in the style of
 * sigstore-js (packages/verify/src/error.ts). Callers branch on `code`, never on message text.
 * Messages say what failed and what was expected, and never carry key material or credentials.
 */

/** A command option whose value an error is about; the action layer names the input it came from. */
export type OptionName =
  | 'images'
  | 'notaryServer'
  | 'ociLayout'
  | 'signer'
  | 'role'
  | 'signerKey'
  | 'rootKey'
  | 'repositoryKey'
  | 'newKey'
  | 'snapshotKey'
  | 'signerPublicKey'
  | 'trustState'
  | 'policy'
  | 'manifests'
  | 'trustedRootKeys';

export type InputErrorCode = 'INPUT_REQUIRED' | 'INPUT_INVALID' | 'INPUT_CONFLICT';

export type KeyErrorCode =
  /** Not a key we can use: malformed, not P-256, an unsupported format. */
  | 'KEY_INVALID'
  | 'KEY_PASSPHRASE_REQUIRED'
  | 'KEY_WRONG_PASSPHRASE'
  | 'KEY_PIN_LOCKED'
  /** The key store has no such key, or the URI names none. */
  | 'KEY_NOT_FOUND'
  | 'KEY_ACCESS_DENIED'
  /** The key store (KMS, PKCS#11 module) failed or cannot be loaded. */
  | 'KEY_STORE_ERROR'
  /** A key that is not the one the role lists. */
  | 'KEY_NOT_IN_ROLE'
  | 'KEY_SIGN_FAILED'
  /** A key file or token object that already exists: never overwritten. */
  | 'KEY_EXISTS'
  | 'KEY_WRITE_FAILED';

export type HttpErrorCode =
  | 'HTTP_CONNECTION'
  /** No answer in time: idle too long, or the request's overall deadline passed. */
  | 'HTTP_TIMEOUT'
  /** The command's deadline passed; every request in flight is stopped. */
  | 'HTTP_ABORTED'
  | 'HTTP_TOO_LARGE'
  | 'HTTP_AUTH'
  | 'HTTP_STATUS';

export type RegistryErrorCode =
  | 'REFERENCE_INVALID'
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_TAG_NOT_FOUND'
  | 'REGISTRY_ACCESS_DENIED'
  | 'REGISTRY_BAD_RESPONSE'
  | 'REGISTRY_DIGEST_MISMATCH'
  | 'REGISTRY_TAG_MOVED'
  | 'REGISTRY_PUSH_FAILED'
  | 'OCI_LAYOUT_INVALID';

export type NotaryErrorCode =
  | 'NOTARY_UNREACHABLE'
  /** The server answered too slowly: idle too long, or past the request's deadline. */
  | 'NOTARY_TIMEOUT'
  /** The server refused an update built on an older version (notary: server/errors/errors.go ErrOldVersion). */
  | 'NOTARY_STALE_VERSION'
  | 'NOTARY_HTTP_ERROR'
  | 'NOTARY_ACCESS_DENIED'
  /** The server does not hold the snapshot key, and the update carried no snapshot. */
  | 'NOTARY_SNAPSHOT_KEY_MISSING'
  | 'NOTARY_BAD_RESPONSE'
  | 'NOTARY_REPOSITORY_EXISTS';

export type VerificationErrorCode =
  | 'METADATA_MALFORMED'
  | 'METADATA_MISSING'
  | 'THRESHOLD_NOT_MET'
  | 'EXPIRED'
  | 'ROLLBACK'
  | 'HASH_MISMATCH'
  | 'ROOT_NOT_TRUSTED'
  | 'CERTIFICATE_INVALID'
  | 'TOO_MANY_DELEGATIONS'
  | 'TOO_MANY_ROOT_VERSIONS'
  /** A root that does not chain from the root trusted before (a version missing, or not signed by the previous keys). */
  | 'ROOT_CHAIN_BROKEN'
  | 'METADATA_TOO_LARGE'
  | 'ROLE_INVALID'
  | 'ROLE_MISSING'
  | 'TARGET_NOT_SIGNED'
  | 'TARGET_MISMATCH'
  | 'PUBLISHED_MISMATCH'
  /** Several images failed a verify; each was reported on its own. */
  | 'IMAGES_FAILED';

export type DockerErrorCode = 'DOCKER_UNAVAILABLE' | 'DOCKER_PUSH_FAILED';

/** DER that does not parse (wrapped into the caller's area at the boundary), or a value canonical JSON cannot encode. */
export type EncodingErrorCode = 'DER_MALFORMED' | 'JSON_NOT_CANONICAL';

/** The TUF client state kept across runs (`trust-state`). */
export type StateErrorCode = 'STATE_CORRUPT' | 'STATE_LOCKED' | 'STATE_WRITE_FAILED';

/** The deploy gate's trust policy: a repository that no rule admits, or that two rules claim equally. */
export type PolicyErrorCode = 'POLICY_NO_MATCH' | 'POLICY_AMBIGUOUS';

/** A deployment manifest whose `image:` values cannot be read or pinned. */
export type ManifestErrorCode = 'MANIFEST_INVALID' | 'MANIFEST_WRITE_FAILED';

/** An environment variable dct-sign reads (a proxy, a key store's address) that does not parse. */
export type SettingErrorCode = 'SETTING_INVALID';

/** A broken invariant: a step called out of order, a bug in dct-sign rather than in its inputs. */
export type InternalErrorCode = 'INTERNAL';

export type ErrorCode =
  | InternalErrorCode
  | InputErrorCode
  | KeyErrorCode
  | HttpErrorCode
  | RegistryErrorCode
  | NotaryErrorCode
  | VerificationErrorCode
  | DockerErrorCode
  | StateErrorCode
  | SettingErrorCode
  | PolicyErrorCode
  | ManifestErrorCode
  | EncodingErrorCode;

export interface ErrorOptions {
  cause?: unknown;
  /** The command option the error is about (its input is named in the message the user sees). */
  option?: OptionName;
  /** The registry or Notary host the error is about, for hints that depend on who runs it (Azure Container Registry's roles). */
  host?: string;
}

/** Base of every error dct-sign throws. */
export class DctError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly option?: OptionName;
  readonly host?: string;

  constructor(code: C, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.option) this.option = options.option;
    if (options.host) this.host = options.host;
    this.name = new.target.name;
  }
}

/** Narrows to DctError with its code union (a plain `instanceof` check loses the type argument). */
export function isDctError(error: unknown): error is DctError {
  return error instanceof DctError;
}

/** A bad action input: `input` is the input's name, known only to the action layer. */
export class InputError extends DctError<InputErrorCode> {
  constructor(
    readonly input: string,
    message: string,
    code: InputErrorCode = 'INPUT_INVALID',
  ) {
    super(code, message);
  }
}

export class KeyError extends DctError<KeyErrorCode> {}

export class HttpError extends DctError<HttpErrorCode> {
  constructor(
    code: HttpErrorCode,
    message: string,
    readonly url: string,
    readonly details: {
      /** The system or TLS error code (ECONNREFUSED, ERR_SSL_WRONG_VERSION_NUMBER...). */
      errno?: string;
      /** The system's own words, without the URL (for messages that name the server themselves). */
      reason?: string;
      retryable?: boolean;
    } = {},
  ) {
    super(code, message);
  }

  get retryable(): boolean {
    return this.details.retryable ?? false;
  }
}

export class RegistryError extends DctError<RegistryErrorCode> {}

export class NotaryError extends DctError<NotaryErrorCode> {
  constructor(
    code: NotaryErrorCode,
    message: string,
    readonly details: { server: string; status?: number; serverCode?: string; reason?: string } = { server: '' },
    options: ErrorOptions = {},
  ) {
    super(code, message, options);
  }
}

/** Trust data that does not verify: never retried, never worked around. */
export class VerificationError extends DctError<VerificationErrorCode> {}

export class PolicyError extends DctError<PolicyErrorCode> {}

export class ManifestError extends DctError<ManifestErrorCode> {}

export class DockerError extends DctError<DockerErrorCode> {}

export class StateError extends DctError<StateErrorCode> {}

export class EncodingError extends DctError<EncodingErrorCode> {}

export class InternalError extends DctError<InternalErrorCode> {
  constructor(message: string) {
    super('INTERNAL', `internal error: ${message}`);
  }
}

/** The message without line breaks: a job log shows one line per error. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A bad environment setting (`HTTPS_PROXY`, `VAULT_ADDR`...): `variable` is its name; its value is never echoed. */
export class SettingError extends DctError<SettingErrorCode> {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super('SETTING_INVALID', `${variable}: ${message}`);
  }
}
