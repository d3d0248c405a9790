import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_INPUTS, withSecretFiles } from '../../src/action/secret-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'dct-secrets-'));

function reader(inputs: Record<string, string>) {
  return withSecretFiles((name) => inputs[name] ?? '');
}

describe('every secret input has a -file twin', () => {
  it('covers the passphrases, the password and the key inputs', () => {
    expect(SECRET_INPUTS).toEqual(
      expect.arrayContaining(['registry-password', 'signer-key', 'signer-key-passphrase', 'new-key-passphrase']),
    );
  });

  it('reads the file, dropping one trailing newline only', () => {
    writeFileSync(join(dir, 'pass'), 'pass phrase\n\n');
    expect(reader({ 'signer-key-passphrase-file': join(dir, 'pass') })('signer-key-passphrase')).toBe('pass phrase\n');
    expect(reader({ 'registry-password': 'direct' })('registry-password')).toBe('direct');
  });

  it('refuses both at once, a missing file and a directory, naming the -file input and no secret', () => {
    writeFileSync(join(dir, 'pw'), 'hunter2');
    expect(() => reader({ 'registry-password': 'hunter2', 'registry-password-file': join(dir, 'pw') })('registry-password')).toThrow(
      expect.objectContaining({ input: 'registry-password-file', message: 'give registry-password or registry-password-file, not both' }),
    );
    expect(() => reader({ 'root-key-file': join(dir, 'nope') })('root-key')).toThrow(expect.objectContaining({ input: 'root-key-file' }));
    expect(() => reader({ 'root-key-file': dir })('root-key')).toThrow(/is not a file/);
  });

  it('leaves other inputs alone', () => {
    expect(reader({ images: 'a', 'images-file': 'b' })('images')).toBe('a');
  });
});
