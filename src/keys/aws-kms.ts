import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { sha256 } from '@noble/hashes/sha2.js';
import { KeyError, type KeyErrorCode } from '../errors.js';
import { PublicKey } from '../tuf/keys.js';
import { p256DerToRaw, verifySignature } from '../tuf/signatures.js';
import { publicKeyFromSpki } from '../tuf/x509.js';
import { isLoopbackHost } from '../util/hosts.js';
import { NO_PROXY_SETTINGS, ProxyRoutingAgent } from '../http/proxy.js';
import type { NetworkKeyOptions } from './network-key.js';
import type { Signer } from './signer.js';
import { quoted } from '../util/redact.js';

/**
 * Keys in AWS KMS, named as cosign names them: `awskms://[endpoint]/<key id | alias/name | key ARN
 * | alias ARN>`. Credentials, region and endpoint come from the SDK's default chains (so
 * aws-actions/configure-aws-credentials, AWS_ENDPOINT_URL(_KMS) and profiles just work); the
 * region of an ARN wins, and an endpoint in the URI wins.
 */
export interface KmsKeyUri {
  uri: string;
  endpoint?: string;
  keyId: string;
  region?: string;
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]{1,250})$/;
const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

export function parseKmsUri(uri: string): KmsKeyUri {
  const rest = uri.slice('awskms://'.length);
  const slash = rest.indexOf('/');
  const endpoint = slash > 0 ? rest.slice(0, slash) : undefined;
  const keyId = slash >= 0 ? rest.slice(slash + 1) : rest;
  const arn = ARN.exec(keyId);
  if (!arn && !KEY_ID.test(keyId)) {
    throw new KeyError(
      'KEY_INVALID',
      `${quoted(uri)} is not an AWS KMS key URI; expected awskms://[endpoint]/<key id, alias/name, key ARN or alias ARN>`,
    );
  }
  return { uri, keyId, ...(endpoint ? { endpoint } : {}), ...(arn ? { region: arn[1] } : {}) };
}

/** KMS signs ECDSA as a DER ECDSA-Sig-Value; notary wants raw r||s, 32 bytes each for P-256. */
export function derToRawSignature(der: Uint8Array): Uint8Array {
  const raw = p256DerToRaw(der);
  if (!raw) throw new KeyError('KEY_SIGN_FAILED', 'AWS KMS returned a signature that is not a DER P-256 ECDSA signature');
  return raw;
}

/** One line naming the key, whatever the SDK threw. */
function kmsError(key: KmsKeyUri, operation: string, error: unknown): KeyError {
  const name = (error as { name?: string }).name ?? '';
  const message = ((error as Error).message ?? String(error)).split('\n')[0];
  const subject = `AWS KMS key ${key.keyId}`;
  const fail = (code: KeyErrorCode, text: string) => new KeyError(code, text, { cause: error });
  switch (name) {
    case 'AccessDeniedException':
      return fail('KEY_ACCESS_DENIED', `${subject}: access denied for kms:${operation} (grant kms:${operation} on this key): ${message}`);
    case 'NotFoundException':
      return fail('KEY_NOT_FOUND', `${subject} was not found (check the key ID, alias and region)`);
    case 'DisabledException':
      return fail('KEY_NOT_FOUND', `${subject} is disabled`);
    case 'KMSInvalidStateException':
      return fail('KEY_NOT_FOUND', `${subject} cannot be used in its current state: ${message}`);
    case 'CredentialsProviderError':
      return fail(
        'KEY_ACCESS_DENIED',
        `${subject}: no AWS credentials found (use aws-actions/configure-aws-credentials, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`,
      );
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
      return fail('KEY_ACCESS_DENIED', `${subject}: AWS refused the credentials (${name})`);
    default:
      return fail('KEY_STORE_ERROR', `${subject}: kms:${operation} failed: ${name ? `${name}: ` : ''}${message}`);
  }
}

export class AwsKmsSigner implements Signer {
  readonly description: string;

  private constructor(
    private readonly key: KmsKeyUri,
    private readonly client: KMSClient,
    readonly publicKey: PublicKey,
    private readonly sendOptions: { abortSignal?: AbortSignal },
  ) {
    this.description = `AWS KMS ${key.keyId}`;
  }

  /**
   * Reads the public key once and checks the key can sign as notary needs (P-256, SIGN_VERIFY).
   * Every call has the command's deadline: the SDK sets no timeout of its own.
   */
  static async open(uri: string, limits: NetworkKeyOptions = { proxy: NO_PROXY_SETTINGS }): Promise<AwsKmsSigner> {
    const key = parseKmsUri(uri);
    const endpoint = key.endpoint ? `${isLoopbackHost(key.endpoint) ? 'http' : 'https'}://${key.endpoint}` : undefined;
    // The SDK ignores HTTPS_PROXY; its own handler gets agents that go by our proxy settings, per
    // host, since the endpoint is resolved inside the SDK (region, AWS_ENDPOINT_URL_KMS).
    const proxied = limits.proxy.httpsProxy || limits.proxy.httpProxy;
    const agents = proxied ? { httpsAgent: new ProxyRoutingAgent(limits.proxy), httpAgent: new ProxyRoutingAgent(limits.proxy) } : {};
    const timeouts = limits.requestTimeoutMs
      ? { connectionTimeout: limits.requestTimeoutMs, requestTimeout: limits.requestTimeoutMs, throwOnRequestTimeout: true }
      : {};
    // Throttling and 5xx are retried by the SDK's standard strategy, with a bound.
    const client = new KMSClient({
      maxAttempts: 5,
      retryMode: 'standard',
      ...(key.region ? { region: key.region } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(proxied || limits.requestTimeoutMs ? { requestHandler: { ...agents, ...timeouts } } : {}),
    });
    const options = limits.signal ? { abortSignal: limits.signal } : {};
    try {
      const response = await client.send(new GetPublicKeyCommand({ KeyId: key.keyId }), options).catch((error: unknown) => {
        throw kmsError(key, 'GetPublicKey', error);
      });
      if (response.KeySpec !== 'ECC_NIST_P256') {
        throw new KeyError(
          'KEY_INVALID',
          `AWS KMS key ${key.keyId} has KeySpec ${response.KeySpec ?? 'unknown'}; notary needs ECC_NIST_P256`,
        );
      }
      if (response.KeyUsage !== 'SIGN_VERIFY') {
        throw new KeyError(
          'KEY_INVALID',
          `AWS KMS key ${key.keyId} has KeyUsage ${response.KeyUsage ?? 'unknown'}; signing needs SIGN_VERIFY`,
        );
      }
      if (!response.PublicKey) throw new KeyError('KEY_STORE_ERROR', `AWS KMS key ${key.keyId}: GetPublicKey returned no public key`);
      let publicKey: PublicKey;
      try {
        publicKey = PublicKey.fromKeyObject(publicKeyFromSpki(response.PublicKey));
      } catch (error) {
        throw new KeyError('KEY_STORE_ERROR', `AWS KMS key ${key.keyId}: GetPublicKey returned a public key that does not parse`, {
          cause: error,
        });
      }
      return new AwsKmsSigner(key, client, publicKey, options);
    } catch (error) {
      client.destroy();
      throw error;
    }
  }

  /** The digest is computed here: metadata outgrows KMS's 4096-byte message limit. */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    const response = await this.client
      .send(
        new SignCommand({ KeyId: this.key.keyId, Message: sha256(data), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
        this.sendOptions,
      )
      .catch((error: unknown) => {
        throw kmsError(this.key, 'Sign', error);
      });
    if (!response.Signature) throw new KeyError('KEY_SIGN_FAILED', `AWS KMS key ${this.key.keyId}: Sign returned no signature`);
    const signature = derToRawSignature(response.Signature);
    // A signature by another key (a misrouted alias) fails here, not at the server.
    if (!verifySignature(this.publicKey, 'ecdsa', signature, data))
      throw new KeyError('KEY_SIGN_FAILED', `AWS KMS key ${this.key.keyId} returned a signature that does not verify with its public key`);
    return signature;
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }
}
