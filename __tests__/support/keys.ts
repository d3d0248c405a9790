import { generateKeyPairSync } from 'node:crypto';
import { MemorySigner } from '../../src/keys/memory-signer.js';

/** A fresh P-256 key held in memory, as a Signer. */
export function newP256Signer(name = 'test key'): MemorySigner {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' });
  return new MemorySigner(new Uint8Array(Buffer.from(jwk.d!, 'base64url')), name);
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
