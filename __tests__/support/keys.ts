import { generateKeyPairSync } from 'node:crypto';
import { MemorySigner } from '../../src/keys/memory-signer.js';

/** A fresh P-256 key held in memory, as a Signer. */
export function newP256Signer(name = 'test key'): MemorySigner {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' });
  return new MemorySigner(new Uint8Array(Buffer.from(jwk.d!, 'base64url')), name);
}
