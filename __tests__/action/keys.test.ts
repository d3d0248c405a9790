import { describe, expect, it } from '@jest/globals';
import { parseKeySource, type KeySetting } from '../../src/action/key-inputs.js';
import { KeyRing } from '../../src/action/keys.js';
import { fixtureText } from '../support/fixtures.js';
import { newKeyPem } from '../support/keys.js';

function setting(input: string, pem: string, secret = ''): KeySetting {
  return { input, secretInput: `${input}-passphrase`, source: parseKeySource(input, pem, () => undefined), secret: Buffer.from(secret) };
}

describe('KeyRing: keys opened from their settings, errors naming the input', () => {
  it('opens a key, zeroes its passphrase, and closes every key it opened', async () => {
    const ring = new KeyRing({});
    const alice = setting('signer-key', fixtureText('keys/alice-docker.key'), 'repopass123');
    const signer = await ring.signer(alice);
    expect(signer.publicKey.id).toBe('28b67f31db9176930d59d1cb3d2354d6ea6b246faf2b7196d793ba5874bdfb4c');
    expect(alice.secret.every((b) => b === 0)).toBe(true);
    await ring.close();
    await expect(signer.sign(new Uint8Array([1]))).rejects.toThrow(/is closed/);
  });

  it('names the passphrase input for a wrong or missing passphrase, and the key input for a bad key', async () => {
    const ring = new KeyRing({});
    await expect(ring.signer(setting('signer-key', fixtureText('keys/alice-docker.key'), 'nope'))).rejects.toThrow(
      expect.objectContaining({ input: 'signer-key-passphrase', message: "wrong passphrase (the key did not decrypt) for 'signer-key'" }),
    );
    await expect(ring.signer(setting('root-key', fixtureText('keys/alice-docker.key')))).rejects.toThrow(
      expect.objectContaining({ input: 'root-key-passphrase' }),
    );
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(ring.signer(setting('new-key', rsa))).rejects.toThrow(
      expect.objectContaining({ input: 'new-key', message: 'unsupported key type RSA: an ECDSA P-256 key is required' }),
    );
    await ring.close();
  });

  it('reads a public key from a key setting and leaves the PEM form as it is', async () => {
    const ring = new KeyRing({});
    const pem = newKeyPem();
    const fromStore = await ring.publicKey({ kind: 'store', key: setting('signer-public-key', pem) });
    expect(fromStore.keytype).toBe('ecdsa');
    expect(await ring.publicKey({ kind: 'pem', key: fromStore })).toBe(fromStore);
    await ring.close();
  });
});
