import type { PublicKey } from '../tuf/keys.js';

/**
 * What every key backend offers (secrets now; AWS KMS and PKCS#11 tokens behind the same shape).
 * `sign` returns a Notary signature value for its `method`: for ECDSA the raw r||s of the
 * SHA-256 of `data`, never DER.
 */
export interface Signer {
  /** Where the key came from, for messages (never key material). */
  readonly description: string;
  readonly method: 'ecdsa';
  publicKey(): Promise<PublicKey>;
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Releases sessions or handles; a no-op for in-memory keys. */
  close(): Promise<void>;
}
