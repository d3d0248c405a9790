import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKeySource, readKeySetting } from '../../src/action/key-inputs.js';
import { FIXTURES } from '../support/fixtures.js';

const PEM = readFileSync(join(FIXTURES, 'keys/alice-docker.key'), 'utf8');

describe('the forms of a key input', () => {
  it.each([
    ['PEM text', PEM, 'pem'],
    ['a file path', join(FIXTURES, 'keys/alice-docker.key'), 'pem'],
    ['base64 of the PEM', Buffer.from(PEM).toString('base64'), 'pem'],
    ['an AWS KMS URI', 'awskms:///alias/ci', 'awskms'],
    ['a PKCS#11 URI', 'pkcs11:token=dct;object=signer', 'pkcs11'],
  ])('%s', (_name, value, kind) => {
    expect(parseKeySource('signer-key', value, () => undefined).kind).toBe(kind);
  });

  it('masks the PEM, each line of it, and its base64', () => {
    const masked: string[] = [];
    const base64 = Buffer.from(PEM).toString('base64');
    parseKeySource('signer-key', base64, (secret) => masked.push(secret));
    expect(masked).toContain(base64);
    expect(masked).toContain(PEM);
    for (const line of PEM.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(masked).toContain(line);
  });

  it('refuses what is not a key, naming the input and the forms expected', () => {
    expect(() => parseKeySource('root-key', 'not a key', () => undefined)).toThrow(
      expect.objectContaining({
        input: 'root-key',
        message: expect.stringMatching(/^expected a PEM private key, the base64 of one, a file path/),
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'dct-key-'));
    writeFileSync(join(dir, 'empty.key'), 'nothing here');
    expect(() => parseKeySource('root-key', join(dir, 'empty.key'), () => undefined)).toThrow(/holds no PEM block/);
  });

  it('reads the passphrase from <input>-passphrase, masked, as a buffer', () => {
    const masked: string[] = [];
    const inputs: Record<string, string> = { 'new-key': PEM, 'new-key-passphrase': 'pass phrase' };
    const setting = readKeySetting(
      (name) => inputs[name] ?? '',
      (s) => masked.push(s),
      'new-key',
    )!;
    expect(setting).toMatchObject({ input: 'new-key', secretInput: 'new-key-passphrase' });
    expect(setting.secret.toString()).toBe('pass phrase');
    expect(masked).toContain('pass phrase');
    expect(
      readKeySetting(
        () => '',
        () => undefined,
        'new-key',
      ),
    ).toBeUndefined();
  });
});
