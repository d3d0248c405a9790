import { generateKeyPairSync } from 'node:crypto';
import { KeyObjectSigner } from '../../src/keys/file-key.js';

/** A fresh P-256 key held in memory, as a Signer. */
export function newP256Signer(name = 'test key'): KeyObjectSigner {
  return new KeyObjectSigner(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey, name);
}

/** A fresh P-256 key pair as PEM: PKCS#8 private key and SPKI public key. */
export function newKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A fresh P-256 private key as PKCS#8 PEM, as a key input takes it. */
export function newKeyPem(): string {
  return newKeyPair().privatePem;
}
