import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { InputError, KeyError } from '../errors.js';
import { generateKeyFile, type GeneratedKey } from '../keys/generate.js';
import { quoted } from '../util/redact.js';
import type { GenerateKeySettings, Runtime } from './inputs.js';

/** generate-key: the key made, its public key written if asked, `key-id` and `public-key` out. */
export async function runGenerateKey(settings: GenerateKeySettings, runtime: Runtime): Promise<void> {
  const { destination, role } = settings;
  let key: GeneratedKey;
  try {
    if (destination.kind === 'file') {
      key = generateKeyFile({ path: destination.path, role, passphrase: settings.secret });
    } else {
      // Loaded only when used: the native addon is needed for nothing else.
      const { generateTokenKey } = await import('../keys/pkcs11-generate.js');
      key = await generateTokenKey(destination.uri, { pin: settings.secret.toString('utf8'), role, ...runtime.pkcs11 });
    }
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    const input =
      error.code === 'KEY_WRONG_PASSPHRASE' || error.code === 'KEY_PASSPHRASE_REQUIRED' || error.code === 'KEY_PIN_LOCKED'
        ? 'new-key-passphrase'
        : destination.kind === 'file'
          ? 'key-file'
          : 'new-key';
    throw new InputError(input, error.message);
  } finally {
    settings.secret.fill(0);
  }
  if (destination.publicKeyFile) writePublicKey(destination.publicKeyFile, key.publicPem);
  core.setOutput('key-id', key.keyId);
  core.setOutput('public-key', key.publicPem);
  const where = destination.kind === 'file' ? destination.path : 'the token';
  core.info(`Generated a ${role} key ${key.keyId} in ${where}.`);
  if (role === 'root')
    core.info(`Pin it from day one with trusted-root-keys: ${key.keyId} (its public-key ID; init also prints the certificate ID)`);
}

/** The public key next to it, as docker writes NAME.pub; never over an existing file. */
function writePublicKey(path: string, pem: string): void {
  try {
    writeFileSync(path, pem, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new InputError(
      'public-key-file',
      `${quoted(path)} ${exists ? 'exists and is never overwritten' : 'cannot be written'}; the key itself was generated`,
    );
  }
}
