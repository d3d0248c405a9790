import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseKeySource, type KeyInput } from '../keys/resolve.js';
import { parseImageList, type ImageReference } from '../registry/reference.js';
import { PublicKey, publicKeyFromPem } from '../tuf/keys.js';
import { isDelegationName } from '../tuf/metadata.js';

/** Typed, validated settings from the action's inputs (action-interface.md); the only reader of inputs. */
export const COMMANDS = ['sign', 'verify', 'init', 'add-signer', 'remove-signer', 'rotate-key'] as const;
export type Command = (typeof COMMANDS)[number];

export interface Settings {
  command: Command;
  images: ImageReference[];
  push: boolean;
  /** Push the tags from this OCI image layout through the registry API (no docker daemon). */
  ociLayout?: string;
  notaryServer?: string;
  notaryCa?: string;
  insecureRegistries: string[];
  registryCredentials?: { username: string; password: string };
  signer: string;
  signerKey?: KeyInput;
  pinnedRootKeyIds: Set<string>;
  requiredSigners: string[];
  expiryWarningDays: number;
  rootKey?: KeyInput;
  repositoryKey?: KeyInput;
  newKey?: KeyInput;
  snapshotKey?: KeyInput;
  /** A PEM public key, or a key input (KMS, token) to read the public key from. */
  signerPublicKey?: PublicKeyInput;
  role?: string;
  serverManaged: boolean;
}

export type PublicKeyInput = PublicKey | KeyInput;
export type InputReader = (name: string) => string;
export type Masker = (secret: string) => void;

function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (!value) return fallback;
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off)$/i.test(value)) return false;
  throw new InputError(name, `"${value}" is not a boolean; expected true or false`);
}

const SIGNER_NAME = /^[a-z0-9][a-z0-9_-]*$/;

function parseServerUrl(value: string): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('notary-server', `"${value}" is not a URL; expected https://host[:port]`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError('notary-server', `"${value}" must use https:// (or http:// for a test server)`);
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    throw new InputError('notary-server', `"${value}" must be a bare server URL, https://host[:port]`);
  return `${url.protocol}//${url.host}`;
}

function parseCa(value: string): string | undefined {
  if (!value) return undefined;
  const text = value.includes('-----BEGIN') ? value : existsSync(value) ? readFileSync(value, 'utf8') : '';
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError('notary-ca', 'expected PEM certificate text or the path of a PEM file');
  return text;
}

const KEY_ID = /^[a-f0-9]{64}$/;

/** Root key IDs (hex) or root certificates (PEM); a certificate pins both of its IDs. */
export function parseTrustedRootKeys(value: string): Set<string> {
  const pins = new Set<string>();
  const pemBlocks = value.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  for (const pem of pemBlocks) {
    try {
      const key = publicKeyFromPem(pem);
      pins.add(key.id).add(key.canonicalId);
    } catch {
      throw new InputError('trusted-root-keys', 'a certificate does not parse; expected PEM root certificates or 64-hex root key IDs');
    }
  }
  for (const item of list(value.replace(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g, ''))) {
    const id = item.toLowerCase();
    if (!KEY_ID.test(id))
      throw new InputError('trusted-root-keys', `"${item}" is not a key ID; expected 64 hex characters or a PEM root certificate`);
    pins.add(id);
  }
  return pins;
}

function keyInput(read: InputReader, mask: Masker, input: string, required: boolean): KeyInput | undefined {
  const value = read(input);
  const passphraseInput = `${input}-passphrase`;
  const passphrase = read(passphraseInput);
  if (passphrase) mask(passphrase);
  if (!value) {
    if (required)
      throw new InputError(
        input,
        'is required; expected a PEM private key, the base64 of one, a file path, an awskms:// URI or a pkcs11: URI',
      );
    return undefined;
  }
  // parseKeySource masks every secret form it finds (the PEM, its lines, its base64).
  return { input, passphraseInput, source: parseKeySource(input, value, mask), passphrase };
}

/** `signer-public-key`: a PEM public key or certificate (text, base64 or file), as `docker trust key generate` writes it. */
function parsePublicKeyInput(value: string): PublicKeyInput | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (text.startsWith('awskms://') || text.startsWith('pkcs11:')) {
    // The PIN of a token, if any, comes from signer-key-passphrase.
    return {
      input: 'signer-public-key',
      passphraseInput: 'signer-key-passphrase',
      source: parseKeySource('signer-public-key', text),
      passphrase: '',
    };
  }
  let pem = text;
  if (!pem.includes('-----BEGIN')) {
    if (existsSync(text)) pem = readFileSync(text, 'utf8');
    else pem = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  try {
    return publicKeyFromPem(pem);
  } catch {
    throw new InputError(
      'signer-public-key',
      'expected a PEM PUBLIC KEY or CERTIFICATE (text, base64 or a file path), as docker trust key generate writes it',
    );
  }
}

function withPin(key: PublicKeyInput | undefined, pin: string): PublicKeyInput | undefined {
  return key && !(key instanceof PublicKey) ? { ...key, passphrase: pin } : key;
}

/**
 * `images`, plus the lines of `images-file`: an input travels as one environment variable, and
 * Linux caps one at 128 KiB (about 3,000 references), so large batches come from a file.
 */
function readImages(read: InputReader, tagRequired: boolean): ImageReference[] {
  const file = read('images-file');
  let text = read('images');
  if (file) {
    if (!existsSync(file)) throw new InputError('images-file', `${file} does not exist; expected a file with one image reference per line`);
    text = `${text}\n${readFileSync(file, 'utf8')}`;
  }
  return parseImageList(text, 'images', tagRequired);
}

const BASE_ROLE_NAMES = ['root', 'targets', 'snapshot', 'timestamp'];

export function readSettings(read: InputReader, mask: Masker, env: NodeJS.ProcessEnv = process.env): Settings {
  const command = (read('command') || 'sign') as Command;
  if (!COMMANDS.includes(command)) throw new InputError('command', `"${command}" is not a command; expected one of ${COMMANDS.join(', ')}`);

  const username = read('registry-username');
  const password = read('registry-password');
  if (password) mask(password);
  if (!!username !== !!password)
    throw new InputError(username ? 'registry-password' : 'registry-username', 'registry-username and registry-password go together');

  const signer = read('signer') || 'releases';
  if (!SIGNER_NAME.test(signer))
    throw new InputError(
      'signer',
      `"${signer}" is not a signer name; expected lowercase letters, digits, - and _ (e.g. releases or alice)`,
    );

  const days = read('expiry-warning-days') || '30';
  if (!/^\d+$/.test(days)) throw new InputError('expiry-warning-days', `"${days}" is not a whole number of days`);

  return {
    command,
    images: readImages(read, command === 'sign' || command === 'verify'),
    push: parseBoolean('push', read('push'), true),
    ociLayout: read('oci-layout') || undefined,
    notaryServer: parseServerUrl(read('notary-server') || env.DOCKER_CONTENT_TRUST_SERVER || ''),
    notaryCa: parseCa(read('notary-ca')),
    insecureRegistries: list(read('insecure-registries')),
    ...(username ? { registryCredentials: { username, password } } : {}),
    signer,
    signerKey: keyInput(read, mask, 'signer-key', command === 'sign'),
    pinnedRootKeyIds: parseTrustedRootKeys(read('trusted-root-keys')),
    requiredSigners: list(read('required-signers')).map((name) => {
      if (!SIGNER_NAME.test(name))
        throw new InputError('required-signers', `"${name}" is not a signer name; expected names such as releases or alice`);
      return name;
    }),
    expiryWarningDays: Number(days),
    rootKey: keyInput(read, mask, 'root-key', false),
    repositoryKey: keyInput(read, mask, 'repository-key', false),
    newKey: keyInput(read, mask, 'new-key', false),
    snapshotKey: keyInput(read, mask, 'snapshot-key', false),
    signerPublicKey: withPin(parsePublicKeyInput(read('signer-public-key')), read('signer-key-passphrase')),
    role: parseRole(read('role')),
    serverManaged: parseBoolean('server-managed', read('server-managed'), true),
  };
}

function parseRole(value: string): string | undefined {
  if (!value) return undefined;
  if (BASE_ROLE_NAMES.includes(value) || isDelegationName(value)) return value;
  throw new InputError(
    'role',
    `"${value}" is not a role; expected root, targets, snapshot, timestamp or a delegation such as targets/releases`,
  );
}
