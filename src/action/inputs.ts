import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError, KeyError, isDctError } from '../errors.js';
import type { Credentials } from '../http/auth.js';
import { parseImageList, type ImageReference } from '../registry/reference.js';
import { publicKeyFromPem } from '../tuf/keys.js';
import { isDelegationName } from '../tuf/metadata.js';
import { readKeySetting, readPublicKeySetting, type KeySetting, type Masker, type PublicKeySetting } from './key-inputs.js';

/**
 * The action's inputs (action-interface.md) read and checked in one place, into one settings type
 * per command, in the manner of actions/checkout's input-helper. Nothing below the action layer
 * knows an input's name or reads the environment: it gets these typed settings.
 */
export const COMMANDS = ['sign', 'verify', 'init', 'add-signer', 'remove-signer', 'rotate-key'] as const;
export type Command = (typeof COMMANDS)[number];

/** What every command reads trust data with. */
export interface CommonSettings {
  images: ImageReference[];
  /** The `notary-server` input, else DOCKER_CONTENT_TRUST_SERVER; else docker's default per registry. */
  notaryServer?: string;
  /** PEM of an extra CA for the Notary server and the registry. */
  notaryCa?: string;
  insecureRegistries: string[];
  registryCredentials?: Credentials;
  /** Root key IDs (TUF or canonical) from `trusted-root-keys`. */
  pinnedRootKeyIds: Set<string>;
  expiryWarningDays: number;
}

export interface SignSettings extends CommonSettings {
  command: 'sign';
  push: boolean;
  ociLayout?: string;
  signer: string;
  signerKey: KeySetting;
  snapshotKey?: KeySetting;
}

export interface VerifySettings extends CommonSettings {
  command: 'verify';
  requiredSigners: string[];
}

export interface InitSettings extends CommonSettings {
  command: 'init';
  rootKey: KeySetting;
  repositoryKey: KeySetting;
  /** The snapshot key when `server-managed: false`; absent, the server holds it. */
  snapshotKey?: KeySetting;
}

export interface AddSignerSettings extends CommonSettings {
  command: 'add-signer';
  signer: string;
  signerPublicKey: PublicKeySetting;
  repositoryKey: KeySetting;
  snapshotKey?: KeySetting;
}

export interface RemoveSignerSettings extends CommonSettings {
  command: 'remove-signer';
  signer: string;
  repositoryKey: KeySetting;
  snapshotKey?: KeySetting;
}

/** The key rotation asked for, with exactly the keys it needs. */
export type RotationSettings =
  | { role: 'root' | 'targets'; rootKey: KeySetting; newKey: KeySetting }
  | { role: 'snapshot'; rootKey: KeySetting; newKey?: KeySetting }
  | { role: 'timestamp'; rootKey: KeySetting }
  | { role: `targets/${string}`; repositoryKey: KeySetting; newKey: KeySetting };

export interface RotateKeySettings extends CommonSettings {
  command: 'rotate-key';
  rotation: RotationSettings;
  snapshotKey?: KeySetting;
}

export type Settings = SignSettings | VerifySettings | InitSettings | AddSignerSettings | RemoveSignerSettings | RotateKeySettings;

/** What the runner's environment configures besides inputs: the tools and modules dct-sign runs. */
export interface Runtime {
  dockerPath: string;
  dockerConfigDir: string;
  /** The environment the docker CLI runs with. */
  dockerEnv: Record<string, string>;
  pkcs11: { defaultModule?: string; addonPath?: string };
}

export type InputReader = (name: string) => string;

export function readRuntime(env: NodeJS.ProcessEnv): Runtime {
  const dockerEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) dockerEnv[name] = value;
  return {
    dockerPath: env.DCT_SIGN_DOCKER || 'docker',
    dockerConfigDir: env.DOCKER_CONFIG || join(homedir(), '.docker'),
    dockerEnv,
    pkcs11: { defaultModule: env.PKCS11_MODULE || undefined, addonPath: env.DCT_SIGN_PKCS11JS || undefined },
  };
}

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

/** Signer names as docker allows them (docker/cli: cli/command/trust/signer_add.go validSignerName). */
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
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Root key IDs (hex) or root certificates (PEM); a certificate pins both of its IDs. */
export function parseTrustedRootKeys(value: string): Set<string> {
  const pins = new Set<string>();
  for (const pem of value.match(PEM_CERTIFICATE) ?? []) {
    try {
      const key = publicKeyFromPem(pem);
      pins.add(key.id).add(key.canonicalId);
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      throw new InputError('trusted-root-keys', 'a certificate does not parse; expected PEM root certificates or 64-hex root key IDs');
    }
  }
  for (const item of list(value.replace(PEM_CERTIFICATE, ''))) {
    const id = item.toLowerCase();
    if (!KEY_ID.test(id))
      throw new InputError('trusted-root-keys', `"${item}" is not a key ID; expected 64 hex characters or a PEM root certificate`);
    pins.add(id);
  }
  return pins;
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
    if (!statSync(file).isFile())
      throw new InputError('images-file', `${file} is not a file; expected a file with one image reference per line`);
    text = `${text}\n${readFileSync(file, 'utf8')}`;
  }
  try {
    return parseImageList(text, tagRequired);
  } catch (error) {
    if (isDctError(error) && error.option === 'images') throw new InputError('images', error.message);
    throw error;
  }
}

function readSigner(read: InputReader): string {
  const signer = read('signer') || 'releases';
  if (!SIGNER_NAME.test(signer))
    throw new InputError(
      'signer',
      `"${signer}" is not a signer name; expected lowercase letters, digits, - and _ (e.g. releases or alice)`,
    );
  return signer;
}

const KEY_FORMS = 'a PEM private key, the base64 of one, a file path, an awskms:// URI or a pkcs11: URI';

function requireKey(key: KeySetting | undefined, input: string, why: string): KeySetting {
  if (!key) throw new InputError(input, `is required ${why}; expected ${KEY_FORMS}`, 'INPUT_REQUIRED');
  return key;
}

function readCommon(read: InputReader, mask: Masker, env: NodeJS.ProcessEnv, tagRequired: boolean): CommonSettings {
  const username = read('registry-username');
  const password = read('registry-password');
  if (password) mask(password);
  if (!!username !== !!password)
    throw new InputError(username ? 'registry-password' : 'registry-username', 'registry-username and registry-password go together');
  const days = read('expiry-warning-days') || '30';
  if (!/^\d+$/.test(days)) throw new InputError('expiry-warning-days', `"${days}" is not a whole number of days`);
  return {
    images: readImages(read, tagRequired),
    notaryServer: parseServerUrl(read('notary-server') || env.DOCKER_CONTENT_TRUST_SERVER || ''),
    notaryCa: parseCa(read('notary-ca')),
    insecureRegistries: list(read('insecure-registries')),
    ...(username ? { registryCredentials: { username, password } } : {}),
    pinnedRootKeyIds: parseTrustedRootKeys(read('trusted-root-keys')),
    expiryWarningDays: Number(days),
  };
}

function readRotation(read: InputReader, mask: Masker): RotationSettings {
  const role = read('role');
  if (!role) throw new InputError('role', 'is required for command rotate-key', 'INPUT_REQUIRED');
  const serverManaged = parseBoolean('server-managed', read('server-managed'), true);
  const key = (input: string) => readKeySetting(read, mask, input);
  const rootKey = () => requireKey(key('root-key'), 'root-key', `to re-sign root when rotating the ${role} key`);
  const newKey = (why = '') => requireKey(key('new-key'), 'new-key', `to rotate the ${role} key${why}`);
  switch (role) {
    case 'root':
    case 'targets':
      return { role, rootKey: rootKey(), newKey: newKey() };
    case 'snapshot':
      return serverManaged
        ? { role, rootKey: rootKey() }
        : { role, rootKey: rootKey(), newKey: newKey(' to a key of yours (or set server-managed: true)') };
    case 'timestamp':
      return { role, rootKey: rootKey() };
  }
  if (!isDelegationName(role))
    throw new InputError(
      'role',
      `"${role}" is not a role; expected root, targets, snapshot, timestamp or a delegation such as targets/releases`,
    );
  return {
    role: role as `targets/${string}`,
    repositoryKey: requireKey(key('repository-key'), 'repository-key', `to re-sign targets when rotating the ${role} key`),
    newKey: newKey(),
  };
}

/** Every input of the command, read and checked; the first bad one fails with a one-line InputError. */
export function readSettings(read: InputReader, mask: Masker, env: NodeJS.ProcessEnv): Settings {
  const command = (read('command') || 'sign') as Command;
  if (!COMMANDS.includes(command)) throw new InputError('command', `"${command}" is not a command; expected one of ${COMMANDS.join(', ')}`);
  const common = readCommon(read, mask, env, command === 'sign' || command === 'verify');
  const key = (input: string) => readKeySetting(read, mask, input);
  const needKey = (input: string) => requireKey(key(input), input, `for command ${command}`);
  switch (command) {
    case 'sign':
      return {
        ...common,
        command,
        push: parseBoolean('push', read('push'), true),
        ociLayout: read('oci-layout') || undefined,
        signer: readSigner(read),
        signerKey: requireKey(key('signer-key'), 'signer-key', 'for command sign'),
        snapshotKey: key('snapshot-key'),
      };
    case 'verify':
      return {
        ...common,
        command,
        requiredSigners: list(read('required-signers')).map((name) => {
          if (!SIGNER_NAME.test(name))
            throw new InputError('required-signers', `"${name}" is not a signer name; expected names such as releases or alice`);
          return name;
        }),
      };
    case 'init': {
      const serverManaged = parseBoolean('server-managed', read('server-managed'), true);
      return {
        ...common,
        command,
        rootKey: needKey('root-key'),
        repositoryKey: needKey('repository-key'),
        snapshotKey: serverManaged
          ? undefined
          : requireKey(key('snapshot-key'), 'snapshot-key', 'when server-managed is false (the snapshot key is then yours)'),
      };
    }
    case 'add-signer': {
      const signer = readSigner(read);
      if (signer === 'releases')
        throw new InputError('signer', '"releases" is reserved; name the signer (e.g. ci or alice), it is added to targets/releases too');
      const signerPublicKey = readPublicKeySetting(read, mask, 'signer-key-passphrase');
      if (!signerPublicKey)
        throw new InputError(
          'signer-public-key',
          'is required for command add-signer; expected a PEM public key or certificate',
          'INPUT_REQUIRED',
        );
      return { ...common, command, signer, signerPublicKey, repositoryKey: needKey('repository-key'), snapshotKey: key('snapshot-key') };
    }
    case 'remove-signer':
      return { ...common, command, signer: readSigner(read), repositoryKey: needKey('repository-key'), snapshotKey: key('snapshot-key') };
    case 'rotate-key':
      return { ...common, command, rotation: readRotation(read, mask), snapshotKey: key('snapshot-key') };
  }
}
