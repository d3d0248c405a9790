import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError, KeyError } from '../errors.js';
import { MemorySigner } from './memory-signer.js';
import { WrongPassphraseError, parsePrivateKeyPem } from './private-key-file.js';
import type { PublicKey } from '../tuf/keys.js';
import type { Signer } from './signer.js';

/** Where a key input points: chosen once, from the value's form (action-interface.md `signer-key`). */
export type KeySource =
  { kind: 'pem'; pem: string; origin: 'text' | 'base64' | 'file' } | { kind: 'awskms'; uri: string } | { kind: 'pkcs11'; uri: string };

const EXPECTED = 'a PEM private key, the base64 of one, a file path, an awskms:// URI or a pkcs11: URI';

/** Reads the form of a key input; `mask` receives every secret form found (for core.setSecret). */
export function parseKeySource(input: string, value: string, mask: (secret: string) => void = () => undefined): KeySource {
  const text = value.trim();
  if (text.startsWith('awskms://')) return { kind: 'awskms', uri: text };
  if (text.startsWith('pkcs11:')) return { kind: 'pkcs11', uri: text };
  if (text.includes('-----BEGIN')) {
    maskPem(text, mask);
    return { kind: 'pem', pem: text, origin: 'text' };
  }
  if (!text.includes('\n') && text.length < 4096 && existsSync(text) && statSync(text).isFile()) {
    const pem = readFileSync(text, 'utf8');
    maskPem(pem, mask);
    if (!pem.includes('-----BEGIN')) throw new InputError(input, `file ${text} holds no PEM block; expected ${EXPECTED}`);
    return { kind: 'pem', pem, origin: 'file' };
  }
  const compact = text.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const pem = Buffer.from(compact, 'base64').toString('utf8');
    if (pem.includes('-----BEGIN')) {
      mask(compact);
      maskPem(pem, mask);
      return { kind: 'pem', pem, origin: 'base64' };
    }
  }
  throw new InputError(input, `expected ${EXPECTED}`);
}

/** The runner masks line by line, so register each line of a key as well as the whole. */
function maskPem(pem: string, mask: (secret: string) => void): void {
  mask(pem);
  for (const line of pem.split(/\r?\n/)) if (line.length >= 8 && !line.startsWith('-----') && !line.includes(':')) mask(line);
}

export interface KeyInput {
  /** The input's name, e.g. `signer-key`, for messages. */
  input: string;
  passphraseInput: string;
  source: KeySource;
  passphrase: string;
  /** For hardware keys: told before each signature (a touch may be needed). */
  notice?: (message: string) => void;
}

/** One Signer for a key input, whatever backend it needs. */
export async function openSigner(key: KeyInput): Promise<Signer> {
  const { source } = key;
  switch (source.kind) {
    case 'pem':
      try {
        const { scalar, headers } = parsePrivateKeyPem(source.pem, key.passphrase);
        const role = headers.role ? ` (role: ${headers.role})` : '';
        return await Promise.resolve(new MemorySigner(scalar, `${key.input}${role}`));
      } catch (error) {
        if (error instanceof WrongPassphraseError) throw new InputError(key.passphraseInput, `${error.message} for '${key.input}'`);
        if (error instanceof KeyError) throw new InputError(key.input, error.message);
        throw error;
      }
    case 'awskms': {
      // Loaded only when used: the SDK is large and most runs never need it.
      const { AwsKmsSigner } = await import('./aws-kms.js');
      return AwsKmsSigner.open(source.uri, key.input);
    }
    case 'pkcs11': {
      // Loaded only when used: the native addon is needed for nothing else.
      const { Pkcs11Signer } = await import('./pkcs11.js');
      return Pkcs11Signer.open(source.uri, {
        input: key.input,
        passphraseInput: key.passphraseInput,
        pin: key.passphrase,
        notice: key.notice,
      });
    }
  }
}

/** The public key behind a key input (for add-signer from a KMS key or a token). */
export async function publicKeyOf(key: KeyInput): Promise<PublicKey> {
  const signer = await openSigner(key);
  try {
    return await signer.publicKey();
  } finally {
    await signer.close();
  }
}
