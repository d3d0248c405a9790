import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError, KeyError } from '../errors.js';
import { PublicKey } from '../tuf/keys.js';
import { publicKeyFromSpki } from '../tuf/x509.js';
import { TAG, children, expectTag, readTlv } from '../util/der.js';
import { isLoopbackHost } from '../registry/reference.js';
import type { Signer } from './signer.js';

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

export function parseKmsUri(uri: string, input: string): KmsKeyUri {
  const rest = uri.slice('awskms://'.length);
  const slash = rest.indexOf('/');
  const endpoint = slash > 0 ? rest.slice(0, slash) : undefined;
  const keyId = slash >= 0 ? rest.slice(slash + 1) : rest;
  const arn = ARN.exec(keyId);
  if (!arn && !KEY_ID.test(keyId)) {
    throw new InputError(
      input,
      `"${uri}" is not an AWS KMS key URI; expected awskms://[endpoint]/<key id, alias/name, key ARN or alias ARN>`,
    );
  }
  return { uri, keyId, ...(endpoint ? { endpoint } : {}), ...(arn ? { region: arn[1] } : {}) };
}

/** KMS signs ECDSA as DER ECDSA-Sig-Value; notary wants raw r||s, 32 bytes each for P-256. */
export function derToRawSignature(der: Uint8Array, size = 32): Uint8Array {
  const [r, s] = children(expectTag(readTlv(der).tlv, TAG.SEQUENCE, 'ECDSA signature').value).map(
    (tlv) => expectTag(tlv, TAG.INTEGER, 'INTEGER').value,
  );
  const out = new Uint8Array(2 * size);
  for (const [i, part] of [r!, s!].entries()) {
    let start = 0;
    while (start < part.length - 1 && part[start] === 0) start++;
    const value = part.subarray(start);
    if (value.length > size) throw new KeyError('AWS KMS returned a signature that is not P-256');
    out.set(value, (i + 1) * size - value.length);
  }
  return out;
}

/** One line naming the key, whatever the SDK threw. */
function kmsError(key: KmsKeyUri, operation: string, error: unknown): KeyError {
  const name = (error as { name?: string }).name ?? '';
  const message = ((error as Error).message ?? String(error)).split('\n')[0];
  const subject = `AWS KMS key ${key.keyId}`;
  switch (name) {
    case 'AccessDeniedException':
      return new KeyError(`${subject}: access denied for kms:${operation} (grant kms:${operation} on this key): ${message}`);
    case 'NotFoundException':
      return new KeyError(`${subject} was not found (check the key ID, alias and region)`);
    case 'DisabledException':
      return new KeyError(`${subject} is disabled`);
    case 'KMSInvalidStateException':
      return new KeyError(`${subject} cannot be used in its current state: ${message}`);
    case 'CredentialsProviderError':
      return new KeyError(
        `${subject}: no AWS credentials found (use aws-actions/configure-aws-credentials, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`,
      );
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
      return new KeyError(`${subject}: AWS refused the credentials (${name})`);
    default:
      return new KeyError(`${subject}: kms:${operation} failed: ${name ? `${name}: ` : ''}${message}`);
  }
}

export class AwsKmsSigner implements Signer {
  readonly method = 'ecdsa';
  readonly description: string;

  private constructor(
    private readonly key: KmsKeyUri,
    private readonly client: KMSClient,
    private readonly publicKeyValue: PublicKey,
  ) {
    this.description = `AWS KMS ${key.keyId}`;
  }

  /** Reads the public key once and checks the key can sign as notary needs (P-256, SIGN_VERIFY). */
  static async open(uri: string, input: string): Promise<AwsKmsSigner> {
    const key = parseKmsUri(uri, input);
    const endpoint = key.endpoint ? `${isLoopbackHost(key.endpoint) ? 'http' : 'https'}://${key.endpoint}` : undefined;
    // Throttling and 5xx are retried by the SDK's standard strategy, with a bound.
    const client = new KMSClient({
      maxAttempts: 5,
      retryMode: 'standard',
      ...(key.region ? { region: key.region } : {}),
      ...(endpoint ? { endpoint } : {}),
    });
    try {
      const response = await client.send(new GetPublicKeyCommand({ KeyId: key.keyId })).catch((error: unknown) => {
        throw kmsError(key, 'GetPublicKey', error);
      });
      if (response.KeySpec !== 'ECC_NIST_P256') {
        throw new KeyError(`AWS KMS key ${key.keyId} has KeySpec ${response.KeySpec ?? 'unknown'}; notary needs ECC_NIST_P256`);
      }
      if (response.KeyUsage !== 'SIGN_VERIFY') {
        throw new KeyError(`AWS KMS key ${key.keyId} has KeyUsage ${response.KeyUsage ?? 'unknown'}; signing needs SIGN_VERIFY`);
      }
      if (!response.PublicKey) throw new KeyError(`AWS KMS key ${key.keyId}: GetPublicKey returned no public key`);
      return new AwsKmsSigner(key, client, PublicKey.fromKeyObject(publicKeyFromSpki(response.PublicKey)));
    } catch (error) {
      client.destroy();
      if (error instanceof KeyError) throw new InputError(input, error.message);
      throw error;
    }
  }

  publicKey(): Promise<PublicKey> {
    return Promise.resolve(this.publicKeyValue);
  }

  /** The digest is computed here: metadata outgrows KMS's 4096-byte message limit. */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    const response = await this.client
      .send(new SignCommand({ KeyId: this.key.keyId, Message: sha256(data), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }))
      .catch((error: unknown) => {
        throw kmsError(this.key, 'Sign', error);
      });
    if (!response.Signature) throw new KeyError(`AWS KMS key ${this.key.keyId}: Sign returned no signature`);
    return derToRawSignature(response.Signature);
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }
}
