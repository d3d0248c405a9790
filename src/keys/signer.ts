import type { PublicKey } from '../tuf/keys.js';

/**
 * The one shape of every key backend (a key from a secret, AWS KMS, a PKCS#11 token), in the
 * style of sigstore-js's Signer: opened once by its backend, which reads the public key then.
 * Notary's keys here are all ECDSA P-256, so a signature is always method `ecdsa`.
 */
export interface Signer {
  /** Where the key lives, for messages; never key material. */
  readonly description: string;
  /** The bare public key (`ecdsa`, SubjectPublicKeyInfo); a root certificate made from it shares its canonical ID. */
  readonly publicKey: PublicKey;
  /** ECDSA P-256 over SHA-256(data) as raw r||s, notary's `ecdsa` signature (never DER). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Releases sessions and handles; the key cannot sign afterwards. */
  close(): Promise<void>;
}

/** The notary signature method of every Signer (notary: tuf/data/types.go ECDSASignature). */
export const SIGNATURE_METHOD = 'ecdsa';
