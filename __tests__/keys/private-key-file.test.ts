import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSigner, parseKeySource } from '../../src/keys/resolve.js';
import { publicKeyFromPem } from '../../src/tuf/keys.js';
import { verifySignature } from '../../src/tuf/signatures.js';
import { FIXTURES, fixtureText } from '../support/fixtures.js';

const ALICE_ID = '28b67f31db9176930d59d1cb3d2354d6ea6b246faf2b7196d793ba5874bdfb4c';

function open(value: string, passphrase = '') {
  return openSigner({
    input: 'signer-key',
    passphraseInput: 'signer-key-passphrase',
    source: parseKeySource('signer-key', value),
    passphrase,
  });
}

async function idOf(value: string, passphrase = ''): Promise<string> {
  return (await (await open(value, passphrase)).publicKey()).id;
}

describe('keys from secrets', () => {
  it('decrypts a key docker trust key generate wrote, to the key ID docker gave it', async () => {
    expect(await idOf(fixtureText('keys/alice-docker.key'), 'repopass123')).toBe(ALICE_ID);
  });

  it('matches the public key file docker wrote', () => {
    const pub = fixtureText('keys/alice.pub');
    expect(publicKeyFromPem(pub).id).toBe(ALICE_ID);
  });

  it('reads the same key from a file path and from base64', async () => {
    const path = join(FIXTURES, 'keys/alice-docker.key');
    expect(await idOf(path, 'repopass123')).toBe(ALICE_ID);
    expect(await idOf(Buffer.from(readFileSync(path)).toString('base64'), 'repopass123')).toBe(ALICE_ID);
  });

  it('reads notary CLI, SEC1, PKCS#8 and OpenSSL (HMAC-SHA256 PRF) forms of one key to one ID', async () => {
    const ids = await Promise.all([
      idOf(fixtureText('keys/bob-notary-delegation.key'), 'delegpass1'),
      idOf(fixtureText('keys/bob-sec1.key')),
      idOf(fixtureText('keys/bob-pkcs8.key')),
      idOf(fixtureText('keys/bob-openssl-encrypted.key'), 'openssl-pass'),
    ]);
    expect(new Set(ids).size).toBe(1);
  });

  it('reads a certificate as an ecdsa-x509 key whose ID notary lists for it', () => {
    const key = publicKeyFromPem(fixtureText('keys/bob.crt'));
    expect(key.keytype).toBe('ecdsa-x509');
    // notary-repo's targets/releases lists bob.crt under this ID (delegation add, --all-paths)
    expect(key.id).toBe('1a8beb5aece05ecad4e37ffd9cfa9fa16364cab46fde5421d81e4c6c09dbd138');
  });

  it('signs in notary format: raw r||s that verifies as method ecdsa', async () => {
    const signer = await open(fixtureText('keys/bob-sec1.key'));
    const message = new TextEncoder().encode('{"a":1}');
    const sig = await signer.sign(message);
    expect(sig).toHaveLength(64);
    expect(verifySignature(await signer.publicKey(), 'ecdsa', sig, message)).toBe(true);
  });

  it('names the passphrase input on a wrong or missing passphrase', async () => {
    await expect(open(fixtureText('keys/alice-docker.key'), 'nope')).rejects.toThrow(
      "input 'signer-key-passphrase': wrong passphrase (the key did not decrypt) for 'signer-key'",
    );
    await expect(open(fixtureText('keys/alice-docker.key'))).rejects.toThrow(/signer-key-passphrase': the key is encrypted/);
  });

  it('rejects what is not a key, naming the input and the expected forms', () => {
    expect(() => parseKeySource('signer-key', 'not a key')).toThrow(/^input 'signer-key': expected a PEM private key/);
    expect(() => parseKeySource('signer-key', '')).toThrow(/input 'signer-key'/);
  });

  it('rejects RSA keys with a clear message', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(open(pem)).rejects.toThrow("input 'signer-key': unsupported key type RSA: an ECDSA P-256 key is required");
  });
});
