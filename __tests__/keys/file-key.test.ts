import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { openPemKey, readPrivateKeyPem } from '../../src/keys/file-key.js';
import { publicKeyFromPem } from '../../src/tuf/keys.js';
import { verifySignature } from '../../src/tuf/signatures.js';
import { fixtureText } from '../support/fixtures.js';

const ALICE_ID = '28b67f31db9176930d59d1cb3d2354d6ea6b246faf2b7196d793ba5874bdfb4c';

function idOf(pem: string, passphrase = ''): string {
  return openPemKey(pem, Buffer.from(passphrase)).publicKey.id;
}

describe('keys from secrets', () => {
  it('decrypts a key docker trust key generate wrote, to the key ID docker gave it', () => {
    expect(idOf(fixtureText('keys/alice-docker.key'), 'repopass123')).toBe(ALICE_ID);
    expect(readPrivateKeyPem(fixtureText('keys/alice-docker.key'), Buffer.from('repopass123')).headers).toEqual({ role: 'alice' });
  });

  it('matches the public key file docker wrote', () => {
    expect(publicKeyFromPem(fixtureText('keys/alice.pub')).id).toBe(ALICE_ID);
  });

  it('reads notary CLI, SEC1, PKCS#8 and OpenSSL (HMAC-SHA256 PRF) forms of one key to one ID', () => {
    const ids = [
      idOf(fixtureText('keys/bob-notary-delegation.key'), 'delegpass1'),
      idOf(fixtureText('keys/bob-sec1.key')),
      idOf(fixtureText('keys/bob-pkcs8.key')),
      idOf(fixtureText('keys/bob-openssl-encrypted.key'), 'openssl-pass'),
    ];
    expect(new Set(ids).size).toBe(1);
  });

  it('reads a certificate as an ecdsa-x509 key whose ID notary lists for it', () => {
    const key = publicKeyFromPem(fixtureText('keys/bob.crt'));
    expect(key.keytype).toBe('ecdsa-x509');
    // notary-repo's targets/releases lists bob.crt under this ID (delegation add, --all-paths)
    expect(key.id).toBe('1a8beb5aece05ecad4e37ffd9cfa9fa16364cab46fde5421d81e4c6c09dbd138');
  });

  it('signs in notary format: raw r||s that verifies as method ecdsa', async () => {
    const signer = openPemKey(fixtureText('keys/bob-sec1.key'));
    const message = new TextEncoder().encode('{"a":1}');
    const sig = await signer.sign(message);
    expect(sig).toHaveLength(64);
    expect(verifySignature(signer.publicKey, 'ecdsa', sig, message)).toBe(true);
    await signer.close();
    await expect(signer.sign(message)).rejects.toThrow(expect.objectContaining({ code: 'KEY_SIGN_FAILED' }));
  });

  it('tells a wrong or missing passphrase apart from a bad key, by code', () => {
    const encrypted = fixtureText('keys/alice-docker.key');
    expect(() => openPemKey(encrypted, Buffer.from('nope'))).toThrow(
      expect.objectContaining({ code: 'KEY_WRONG_PASSPHRASE', message: 'wrong passphrase (the key did not decrypt)' }),
    );
    expect(() => openPemKey(encrypted)).toThrow(expect.objectContaining({ code: 'KEY_PASSPHRASE_REQUIRED' }));
    expect(() => openPemKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toThrow(
      expect.objectContaining({ code: 'KEY_INVALID', message: 'malformed PRIVATE KEY' }),
    );
  });

  it('rejects RSA and other curves with a clear message', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => openPemKey(rsa)).toThrow('unsupported key type RSA: an ECDSA P-256 key is required');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => openPemKey(p384)).toThrow('unsupported EC curve: an ECDSA P-256 key is required');
  });
});
