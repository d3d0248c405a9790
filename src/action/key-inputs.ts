import { existsSync, statSync } from 'node:fs';
import { InputError, KeyError } from '../errors.js';
import { quoted } from '../util/redact.js';
import { readInputFile } from './input-files.js';
import { keyStoreOf, type KeySource } from '../keys/open.js';
import { PublicKey, publicKeyFromPem } from '../tuf/keys.js';

/** A key input as read: where the key is, and the input names that errors about it must name. */
export interface KeySetting {
  /** The input, e.g. `signer-key`. */
  input: string;
  /** The input holding its passphrase or PIN, e.g. `signer-key-passphrase`. */
  secretInput: string;
  source: KeySource;
  /** The passphrase or PIN (a Buffer, zeroed once the key is open); empty when none was given. */
  secret: Buffer;
}

/** `signer-public-key`: a PEM public key or certificate, or a key in a store to read the public key from. */
export type PublicKeySetting = { kind: 'pem'; key: PublicKey } | { kind: 'store'; key: KeySetting };

export type Masker = (secret: string) => void;

const EXPECTED =
  'a PEM private key, the base64 of one, a file path, or a key URI (awskms://, azurekms://, azurekv://, gcpkms://, hashivault:// or pkcs11:)';

/** The runner masks line by line, so register each line of a key as well as the whole. */
function maskPem(pem: string, mask: Masker): void {
  mask(pem);
  for (const line of pem.split(/\r?\n/)) if (line.length >= 8 && !line.startsWith('-----') && !line.includes(':')) mask(line);
}

/** Reads the form of a key input's value; `mask` receives every secret form found (for core.setSecret). */
export function parseKeySource(input: string, value: string, mask: Masker): KeySource {
  const text = value.trim();
  const store = keyStoreOf(text);
  if (store) return { kind: store, uri: text };
  if (text.includes('-----BEGIN')) {
    maskPem(text, mask);
    return { kind: 'pem', pem: text };
  }
  if (!text.includes('\n') && text.length < 4096 && existsSync(text) && statSync(text).isFile()) {
    const pem = readInputFile(input, text, EXPECTED);
    maskPem(pem, mask);
    if (!pem.includes('-----BEGIN')) throw new InputError(input, `file ${quoted(text)} holds no PEM block; expected ${EXPECTED}`);
    return { kind: 'pem', pem };
  }
  const compact = text.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const pem = Buffer.from(compact, 'base64').toString('utf8');
    if (pem.includes('-----BEGIN')) {
      mask(compact);
      maskPem(pem, mask);
      return { kind: 'pem', pem };
    }
  }
  throw new InputError(input, `expected ${EXPECTED}`);
}

/** A key input and its `<input>-passphrase`; undefined when the input is empty. */
export function readKeySetting(read: (name: string) => string, mask: Masker, input: string): KeySetting | undefined {
  const secretInput = `${input}-passphrase`;
  const secret = read(secretInput);
  if (secret) mask(secret);
  const value = read(input);
  if (!value) return undefined;
  return { input, secretInput, source: parseKeySource(input, value, mask), secret: Buffer.from(secret, 'utf8') };
}

/** `signer-public-key`: PEM text, base64 or a file, as `docker trust key generate` writes it; or a KMS/token URI (its PIN in `pinInput`). */
export function readPublicKeySetting(read: (name: string) => string, mask: Masker, pinInput: string): PublicKeySetting | undefined {
  const input = 'signer-public-key';
  const text = read(input).trim();
  if (!text) return undefined;
  if (keyStoreOf(text)) {
    const pin = read(pinInput);
    if (pin) mask(pin);
    return {
      kind: 'store',
      key: { input, secretInput: pinInput, source: parseKeySource(input, text, mask), secret: Buffer.from(pin, 'utf8') },
    };
  }
  let pem = text;
  if (!pem.includes('-----BEGIN')) {
    if (existsSync(text)) pem = readInputFile(input, text, 'a PEM PUBLIC KEY or CERTIFICATE file');
    else pem = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  try {
    return { kind: 'pem', key: publicKeyFromPem(pem) };
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    throw new InputError(
      input,
      'expected a PEM PUBLIC KEY or CERTIFICATE (text, base64 or a file path), as docker trust key generate writes it',
    );
  }
}
