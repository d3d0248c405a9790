import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { PublicKey } from '../tuf/keys.js';
import type { Signer } from './signer.js';

/** SubjectPublicKeyInfo header for an uncompressed P-256 point (ecPublicKey, prime256v1). */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

export function p256PublicKey(point: Uint8Array): PublicKey {
  return new PublicKey('ecdsa', new Uint8Array(Buffer.concat([P256_SPKI_PREFIX, point])));
}

/** A P-256 key held in memory (from a secret); it never leaves this object. */
export class MemorySigner implements Signer {
  readonly method = 'ecdsa';
  private readonly key: PublicKey;

  constructor(
    private readonly scalar: Uint8Array,
    readonly description: string,
  ) {
    this.key = p256PublicKey(p256.getPublicKey(scalar, false));
  }

  publicKey(): Promise<PublicKey> {
    return Promise.resolve(this.key);
  }

  /** ECDSA over SHA-256(data), raw r||s (notary's format); RFC 6979 deterministic nonces. */
  sign(data: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(p256.sign(sha256(data), this.scalar, { prehash: false, format: 'compact' }));
  }

  close(): Promise<void> {
    this.scalar.fill(0);
    return Promise.resolve();
  }
}
