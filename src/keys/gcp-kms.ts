import { createPublicKey, type KeyObject } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { AuthClient, GoogleAuth, gaxios } from 'google-auth-library';
import { KeyError, type KeyErrorCode } from '../errors.js';
import { ProxyRoutingAgent } from '../http/proxy.js';
import { PublicKey } from '../tuf/keys.js';
import { p256DerToRaw, verifySignature } from '../tuf/signatures.js';
import { crc32c } from '../util/crc32c.js';
import { quoted } from '../util/redact.js';
import type { NetworkKeyOptions } from './network-key.js';
import type { Signer } from './signer.js';

/**
 * Keys in Google Cloud KMS, named as cosign names them:
 * `gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>/cryptoKeyVersions/<v>`.
 * Credentials are Application Default Credentials, found by google-auth-library (the workload
 * identity federation file google-github-actions/auth writes, a service-account key, gcloud's
 * ADC); every request goes through that library's own request client, with our proxy agent.
 */
export interface GcpKmsKeyUri {
  uri: string;
  /** The CryptoKeyVersion's resource name, as the API spells it. */
  name: string;
  project: string;
  location: string;
  keyRing: string;
  cryptoKey: string;
  version: string;
}

/**
 * Resource IDs as Cloud KMS allows them: key ring and key IDs `[a-zA-Z0-9_-]{1,63}`; a project ID
 * (possibly domain-scoped, `example.com:proj`) or number; a location such as `global` or
 * `europe-west1`; a version number. Nothing else may reach a URL path.
 */
const KEY_NAME =
  /^projects\/([a-z0-9][a-z0-9.:-]{0,99})\/locations\/([a-z0-9-]{1,63})\/keyRings\/([A-Za-z0-9_-]{1,63})\/cryptoKeys\/([A-Za-z0-9_-]{1,63})\/cryptoKeyVersions\/([1-9][0-9]{0,18})$/;

export function parseGcpKmsUri(uri: string): GcpKmsKeyUri {
  const name = uri.startsWith('gcpkms://') ? uri.slice('gcpkms://'.length) : '';
  const m = KEY_NAME.exec(name);
  if (!m) {
    throw new KeyError(
      'KEY_INVALID',
      `${quoted(uri)} is not a Google Cloud KMS key URI; expected gcpkms://projects/<project>/locations/<location>/keyRings/<key ring>/cryptoKeys/<key>/cryptoKeyVersions/<version>`,
    );
  }
  return { uri, name, project: m[1]!, location: m[2]!, keyRing: m[3]!, cryptoKey: m[4]!, version: m[5]! };
}

const KMS_API = new URL('https://cloudkms.googleapis.com/v1/');
/** Cloud KMS accepts its own scope or cloud-platform; the narrower one is asked for. */
const KMS_SCOPES = ['https://www.googleapis.com/auth/cloudkms'];
/** Notary's keys are ECDSA P-256 over SHA-256 (notary: tuf/data/types.go ECDSASignature). */
const NOTARY_ALGORITHM = 'EC_SIGN_P256_SHA256';
/**
 * Google's data-integrity guidance: discard an answer whose checksums do not match and try again
 * "a limited number of times" (cloud.google.com/kms/docs/data-integrity-guidelines).
 */
const INTEGRITY_ATTEMPTS = 3;
/** A public key or a signature is a few hundred bytes; an answer past this is not one. */
const MAX_RESPONSE_BYTES = 1 << 20;
/** How much of a server's own words an error quotes. */
const MAX_REASON = 300;

/** 429 and 5xx are retried with the library's backoff; signing the same digest again is harmless. */
const KMS_RETRY = {
  retry: true,
  retryConfig: {
    retry: 3,
    noResponseRetries: 2,
    httpMethodsToRetry: ['GET', 'POST'],
    statusCodesToRetry: [
      [429, 429],
      [500, 599],
    ],
  },
};

type Gaxios = InstanceType<typeof gaxios.Gaxios>;

export class GcpKmsSigner implements Signer {
  readonly description: string;

  private constructor(
    private readonly key: GcpKmsKeyUri,
    private readonly client: AuthClient,
    private readonly agent: ProxyRoutingAgent,
    private readonly signal: AbortSignal | undefined,
    readonly publicKey: PublicKey,
  ) {
    this.description = `Google Cloud KMS ${key.name}`;
  }

  /**
   * Finds the credentials and reads the public key once; the key version must be
   * EC_SIGN_P256_SHA256. No project lookup is made: the key's project is given to the library,
   * which would otherwise ask gcloud, the metadata server or cloudresourcemanager for one.
   */
  static async open(uri: string, options: NetworkKeyOptions): Promise<GcpKmsSigner> {
    const key = parseGcpKmsUri(uri);
    const agent = new ProxyRoutingAgent(options.proxy);
    try {
      // Defaults of every request the client makes: the token exchange, impersonation and KMS alike.
      const transporter: Gaxios = new gaxios.Gaxios({
        agent,
        maxContentLength: MAX_RESPONSE_BYTES,
        ...(options.requestTimeoutMs ? { timeout: options.requestTimeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const auth = new GoogleAuth({ scopes: KMS_SCOPES, projectId: key.project, clientOptions: { transporter } });
      let client: AuthClient;
      try {
        client = await auth.getClient();
      } catch (error) {
        throw credentialsNotLoaded(key, error);
      }
      routeEveryRequest(client, transporter);
      const publicKey = await readPublicKey(key, client, options.signal);
      return new GcpKmsSigner(key, client, agent, options.signal, publicKey);
    } catch (error) {
      agent.destroy();
      throw error;
    }
  }

  /** The digest is computed here: the API takes at most 64 KiB of data, and metadata can be larger. */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    const { key } = this;
    const digest = sha256(data);
    let failure = '';
    for (let attempt = 0; attempt < INTEGRITY_ATTEMPTS; attempt++) {
      const body = await call(key, this.client, this.signal, 'asymmetricSign', {
        url: new URL(`${key.name}:asymmetricSign`, KMS_API),
        method: 'POST',
        data: { digest: { sha256: Buffer.from(digest).toString('base64') }, digestCrc32c: String(crc32c(digest)) },
      });
      const answer = signAnswerOf(body);
      if (!answer) throw new KeyError('KEY_SIGN_FAILED', `${key.uri}: Cloud KMS's answer to asymmetricSign is not a signature`);
      if (answer.name !== key.name)
        throw new KeyError('KEY_SIGN_FAILED', `${key.uri}: Cloud KMS signed with ${quoted(answer.name)}, not the key version asked for`);
      // Integrity failures are the network's or the server's: the request is sent again.
      if (!answer.verifiedDigestCrc32c) failure = 'Cloud KMS did not confirm the digest checksum (verifiedDigestCrc32c)';
      else if (answer.signatureCrc32c !== crc32c(answer.signature)) failure = 'the signature does not match its checksum (signatureCrc32c)';
      else return this.rawSignature(answer.signature, data);
    }
    throw new KeyError('KEY_SIGN_FAILED', `${key.uri}: ${failure}, ${INTEGRITY_ATTEMPTS} times`);
  }

  /** Cloud KMS signs ECDSA as a DER ECDSA-Sig-Value; notary wants raw r||s, checked against the key read at open. */
  private rawSignature(der: Uint8Array, data: Uint8Array): Uint8Array {
    const signature = p256DerToRaw(der);
    if (!signature)
      throw new KeyError('KEY_SIGN_FAILED', `${this.key.uri}: Cloud KMS returned a signature that is not a DER P-256 ECDSA signature`);
    if (!verifySignature(this.publicKey, 'ecdsa', signature, data))
      throw new KeyError(
        'KEY_SIGN_FAILED',
        `${this.key.uri}: Cloud KMS returned a signature that does not verify with the key's public key`,
      );
    return signature;
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }
}

async function readPublicKey(key: GcpKmsKeyUri, client: AuthClient, signal: AbortSignal | undefined): Promise<PublicKey> {
  for (let attempt = 0; attempt < INTEGRITY_ATTEMPTS; attempt++) {
    const body = await call(key, client, signal, 'getPublicKey', { url: new URL(`${key.name}/publicKey`, KMS_API), method: 'GET' });
    const answer = publicKeyAnswerOf(body);
    if (!answer) throw new KeyError('KEY_STORE_ERROR', `${key.uri}: Cloud KMS's answer to getPublicKey is not a public key`);
    if (answer.name !== key.name)
      throw new KeyError('KEY_STORE_ERROR', `${key.uri}: Cloud KMS answered with the public key of ${quoted(answer.name)}`);
    if (answer.pemCrc32c !== crc32c(Buffer.from(answer.pem, 'utf8'))) continue;
    if (answer.algorithm !== NOTARY_ALGORITHM) {
      throw new KeyError(
        'KEY_INVALID',
        `${key.uri}: the key version's algorithm is ${quoted(answer.algorithm, 60)}; notary needs ${NOTARY_ALGORITHM}`,
      );
    }
    let keyObject: KeyObject;
    try {
      keyObject = createPublicKey(answer.pem);
    } catch {
      throw new KeyError('KEY_STORE_ERROR', `${key.uri}: Cloud KMS returned a public key that does not parse`);
    }
    if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
      throw new KeyError('KEY_STORE_ERROR', `${key.uri}: Cloud KMS returned a public key that is not P-256 for an ${NOTARY_ALGORITHM} key`);
    return PublicKey.fromKeyObject(keyObject);
  }
  throw new KeyError('KEY_STORE_ERROR', `${key.uri}: the public key does not match its checksum (pemCrc32c), ${INTEGRITY_ATTEMPTS} times`);
}

/** One KMS call through the client (which adds and renews the access token); its failure becomes one line naming the key. */
async function call(
  key: GcpKmsKeyUri,
  client: AuthClient,
  signal: AbortSignal | undefined,
  operation: KmsOperation,
  request: { url: URL; method: 'GET' | 'POST'; data?: unknown },
): Promise<unknown> {
  try {
    const response = await client.request<unknown>({ ...request, responseType: 'json', ...KMS_RETRY });
    return response.data;
  } catch (error) {
    throw requestError(key, operation, error, signal);
  }
}

type KmsOperation = 'getPublicKey' | 'asymmetricSign';

/** What each operation needs (cloud.google.com/kms/docs/reference/permissions-and-roles). */
const PERMISSION_HINT: Record<KmsOperation, string> = {
  getPublicKey:
    'cloudkms.cryptoKeyVersions.viewPublicKey: grant the identity roles/cloudkms.signerVerifier on the key, or roles/cloudkms.publicKeyViewer to read its public key only',
  asymmetricSign: 'cloudkms.cryptoKeyVersions.useToSign: grant the identity roles/cloudkms.signerVerifier on the key',
};

/** What to check when a token endpoint refuses, by host. */
const TOKEN_HINT: Record<string, string> = {
  'sts.googleapis.com': 'check the workload identity provider: its audience, issuer and attribute condition',
  'iamcredentials.googleapis.com': 'the federated identity needs roles/iam.workloadIdentityUser on the service account it impersonates',
  'oauth2.googleapis.com': 'check the service-account key, or run gcloud auth application-default login again',
};

/**
 * The parts of a failed request that say what happened. The library's errors are GaxiosErrors, or
 * plain Errors with a GaxiosError's fields copied onto them (oauth2common.js
 * getErrorFromOAuthErrorResponse, for the STS exchange).
 */
interface RequestFailure {
  url?: URL;
  status?: number;
  body?: unknown;
  code?: string;
  /** No answer came before the request's deadline (or an abort). */
  aborted: boolean;
  message: string;
}

function failureOf(error: unknown): RequestFailure {
  const record = isRecord(error) ? error : {};
  const config = isRecord(record.config) ? record.config : {};
  const response = isRecord(record.response) ? record.response : undefined;
  let url: URL | undefined;
  try {
    url = config.url instanceof URL ? config.url : typeof config.url === 'string' ? new URL(config.url) : undefined;
  } catch {
    url = undefined;
  }
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const code = typeof record.code === 'string' ? record.code : undefined;
  // node-fetch rejects an aborted request with its AbortError, which gaxios keeps as `error`.
  const cause = isRecord(record.error) ? record.error : isRecord(record.cause) ? record.cause : {};
  const aborted = code === 'TimeoutError' || code === 'AbortError' || cause.name === 'AbortError' || cause.name === 'TimeoutError';
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...(url ? { url } : {}),
    ...(status !== undefined ? { status, body: response?.data } : {}),
    ...(code ? { code } : {}),
    aborted,
    message,
  };
}

function requestError(key: GcpKmsKeyUri, operation: KmsOperation, error: unknown, signal: AbortSignal | undefined): KeyError {
  const failure = failureOf(error);
  const fail = (code: KeyErrorCode, text: string) => new KeyError(code, `${key.uri}: ${text}`);
  if (signal?.aborted) return fail('KEY_STORE_ERROR', `Cloud KMS ${operation} was stopped with the command (its deadline passed)`);
  if (failure.url?.host !== KMS_API.host) return tokenError(key, failure);
  if (failure.status === undefined) return fail('KEY_STORE_ERROR', `Cloud KMS ${operation}: ${unreachable(failure)}`);
  const api = apiErrorOf(failure.body);
  const words = api?.message ? `: ${api.message}` : '';
  switch (api?.status) {
    case 'NOT_FOUND':
      return fail('KEY_NOT_FOUND', `Cloud KMS has no such key version (${operation} answered NOT_FOUND${words})`);
    case 'PERMISSION_DENIED':
      return fail('KEY_ACCESS_DENIED', `Cloud KMS denied ${operation} (PERMISSION_DENIED${words}); it needs ${PERMISSION_HINT[operation]}`);
    case 'UNAUTHENTICATED':
      return fail('KEY_ACCESS_DENIED', `Cloud KMS refused the access token (UNAUTHENTICATED${words})`);
    case 'FAILED_PRECONDITION':
      return fail(
        'KEY_NOT_FOUND',
        `the key version cannot be used in its current state (${operation} answered FAILED_PRECONDITION${words})`,
      );
    default:
      return fail('KEY_STORE_ERROR', `Cloud KMS ${operation} failed: HTTP ${failure.status}${api?.status ? ` ${api.status}` : ''}${words}`);
  }
}

/** A failure before KMS answered: getting the access token (STS, impersonation, OAuth) or the subject token. */
function tokenError(key: GcpKmsKeyUri, failure: RequestFailure): KeyError {
  const host = failure.url?.host;
  const fail = (code: KeyErrorCode, text: string) => new KeyError(code, `${key.uri}: ${text}`);
  if (!host) return fail('KEY_ACCESS_DENIED', `the Google credentials could not be used: ${reason(failure.message)}`);
  if (failure.status === undefined) return fail('KEY_STORE_ERROR', `no access token: ${unreachable(failure)}`);
  const words = oauthErrorOf(failure.body) ?? apiErrorOf(failure.body)?.message ?? reason(failure.message);
  const hint = TOKEN_HINT[host];
  if (failure.status >= 400 && failure.status < 500)
    return fail('KEY_ACCESS_DENIED', `${host} refused the credentials (HTTP ${failure.status}: ${words})${hint ? `; ${hint}` : ''}`);
  return fail('KEY_STORE_ERROR', `${host} could not issue an access token (HTTP ${failure.status}: ${words})`);
}

function unreachable(failure: RequestFailure): string {
  const host = failure.url?.host ?? 'the server';
  if (failure.aborted) return `${host} did not answer in time`;
  return `could not reach ${host}: ${failure.code ?? reason(failure.message)}`;
}

/**
 * google-auth-library's words when it finds no credentials at all (googleauth.js
 * GoogleAuthExceptionMessages.NO_ADC_FOUND); the library exports no code for it.
 */
const NO_ADC_FOUND = 'Could not load the default credentials';

function credentialsNotLoaded(key: GcpKmsKeyUri, error: unknown): KeyError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith(NO_ADC_FOUND)) {
    return new KeyError(
      'KEY_ACCESS_DENIED',
      `${key.uri}: no Google credentials found (use google-github-actions/auth, or set GOOGLE_APPLICATION_CREDENTIALS to a credential file)`,
    );
  }
  // A JSON parser's message quotes the text around the fault, which may be a private key.
  if (error instanceof SyntaxError)
    return new KeyError(
      'KEY_ACCESS_DENIED',
      `${key.uri}: the Google credential file is not JSON (GOOGLE_APPLICATION_CREDENTIALS or gcloud's ADC)`,
    );
  return new KeyError('KEY_ACCESS_DENIED', `${key.uri}: the Google credentials could not be loaded: ${reason(message)}`);
}

/**
 * google-auth-library makes some requests with a Gaxios of its own, which reads HTTPS_PROXY by
 * itself and keeps neither our NO_PROXY rules nor the deadline: an external account's STS
 * exchange (baseexternalclient.js builds its StsCredentials without the transporter;
 * googleapis/google-cloud-node#8292), and every request of gcloud's impersonated_service_account
 * ADC (googleauth.js fromImpersonatedJSON passes no options to either client). Each is pointed
 * at ours; the fields are the library's, hence the structural checks.
 */
function routeEveryRequest(client: AuthClient, transporter: Gaxios, depth = 0): void {
  client.transporter = transporter;
  const internals: Record<string, unknown> = { ...client };
  for (const field of ['stsCredential', 'supplierContext']) {
    const holder = internals[field];
    if (isRecord(holder) && 'transporter' in holder) holder.transporter = transporter;
  }
  if (internals.sourceClient instanceof AuthClient && depth < 3) routeEveryRequest(internals.sourceClient, transporter, depth + 1);
}

/** A Google API error body (AIP-193): `{"error": {"code", "message", "status"}}`. */
function apiErrorOf(body: unknown): { status?: string; message?: string } | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { status, message } = body.error;
  return {
    ...(typeof status === 'string' && /^[A-Z_]{1,40}$/.test(status) ? { status } : {}),
    ...(typeof message === 'string' ? { message: reason(message) } : {}),
  };
}

/** An OAuth 2.0 error body (RFC 6749 5.2), as STS and the OAuth endpoint answer: `error`, `error_description`. */
function oauthErrorOf(body: unknown): string | undefined {
  if (!isRecord(body) || typeof body.error !== 'string') return undefined;
  const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
  return reason(`${body.error}${description}`);
}

/** A server's or library's words, on one line and cut to a length a log line can hold. */
function reason(text: string): string {
  const line = text.replace(/\p{Cc}+/gu, ' ').trim();
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line;
}

interface PublicKeyAnswer {
  name: string;
  pem: string;
  algorithm: string;
  pemCrc32c: number;
}

interface SignAnswer {
  name: string;
  signature: Uint8Array;
  signatureCrc32c: number;
  verifiedDigestCrc32c: boolean;
}

/** `GET .../publicKey`'s PublicKey message (cloud.google.com/kms/docs/reference/rest/v1/PublicKey). */
function publicKeyAnswerOf(body: unknown): PublicKeyAnswer | undefined {
  if (!isRecord(body)) return undefined;
  const { name, pem, algorithm } = body;
  const pemCrc32c = checksumOf(body.pemCrc32c);
  if (typeof name !== 'string' || typeof pem !== 'string' || typeof algorithm !== 'string' || pemCrc32c === undefined) return undefined;
  return { name, pem, algorithm, pemCrc32c };
}

/** `POST ...:asymmetricSign`'s AsymmetricSignResponse; `verifiedDigestCrc32c` is omitted when false (proto3 JSON). */
function signAnswerOf(body: unknown): SignAnswer | undefined {
  if (!isRecord(body)) return undefined;
  const { name, signature } = body;
  const signatureCrc32c = checksumOf(body.signatureCrc32c);
  if (typeof name !== 'string' || typeof signature !== 'string' || signatureCrc32c === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(signature)) return undefined;
  const verified = body.verifiedDigestCrc32c;
  if (verified !== undefined && typeof verified !== 'boolean') return undefined;
  return { name, signature: new Uint8Array(Buffer.from(signature, 'base64')), signatureCrc32c, verifiedDigestCrc32c: verified === true };
}

/** An Int64Value checksum: a decimal string in proto3 JSON (a number is taken too), at most 2^32-1. */
function checksumOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
