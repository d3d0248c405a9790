import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError, isDctError } from '../errors.js';
import type { Credentials } from '../http/auth.js';
import { parseImageList, type ImageReference } from '../registry/reference.js';
import { KEY_NAME } from '../keys/generate.js';
import { isDelegationName } from '../tuf/metadata.js';
import { readInputFile } from './input-files.js';
import { readKeySetting, readPublicKeySetting, type KeySetting, type Masker, type PublicKeySetting } from './key-inputs.js';
import { withSecretFiles, type InputReader } from './secret-inputs.js';
import { quoted } from '../util/redact.js';
import type { TrustPolicy } from '../policy/trust-policy.js';
import { SIGNER_NAME, list, parseServerUrl, parseSignerNames, parseTrustedRootKeys } from './trust-values.js';

/**
 * The action's inputs (action-interface.md) read and checked in one place, into one settings type
 * per command, in the manner of actions/checkout's input-helper. Nothing below the action layer
 * knows an input's name or reads the environment: it gets these typed settings.
 */
export const COMMANDS = [
  'sign',
  'verify',
  'inspect',
  'init',
  'add-signer',
  'remove-signer',
  'rotate-key',
  'renew',
  'generate-key',
] as const;
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
  /** Directory of the TUF client state kept across runs (`trust-state`); absent: none. */
  trustState?: string;
  /** Overall deadline of each request, and of the whole command (`request-timeout`, `timeout`). */
  requestTimeoutMs: number;
  commandTimeoutMs: number;
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
  /**
   * The trust per repository: one rule from `trusted-root-keys` and `required-signers`, or the
   * `policy` file, read with the manifests when the command starts (verify-files.ts), so that the
   * YAML library loads only for the runs that use it.
   */
  trust: { policy: TrustPolicy } | { policyFile: string };
  /** The `manifests` input: files and globs, one per line; empty when none. */
  manifests: string;
  pinManifests: boolean;
  /** false: the trust data alone, no registry look-up (`registry-check`). */
  registryCheck: boolean;
}

export interface InspectSettings extends CommonSettings {
  command: 'inspect';
  /** Also write the trust-data JSON here (large repositories). */
  trustDataFile?: string;
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

/** renew: the keys to re-sign with, each renewing the roles it is a key of; at least one. */
export interface RenewSettings extends CommonSettings {
  command: 'renew';
  rootKey?: KeySetting;
  repositoryKey?: KeySetting;
  signerKey?: KeySetting;
  snapshotKey?: KeySetting;
}

/** generate-key: a new P-256 key, in a key file (encrypted as docker writes it) or on a PKCS#11 token. */
export interface GenerateKeySettings {
  command: 'generate-key';
  /** The role header of the key file: root, targets, snapshot or a signer name. */
  role: string;
  destination: { kind: 'file'; path: string; publicKeyFile?: string } | { kind: 'pkcs11'; uri: string; publicKeyFile?: string };
  /** The file's passphrase, or the token's PIN (zeroed once used). */
  secret: Buffer;
}

/** The commands that talk to a Notary server. */
export type NetworkSettings = Exclude<Settings, GenerateKeySettings>;

export type Settings =
  | GenerateKeySettings
  | SignSettings
  | VerifySettings
  | InspectSettings
  | InitSettings
  | AddSignerSettings
  | RemoveSignerSettings
  | RotateKeySettings
  | RenewSettings;

/** What the runner's environment configures besides inputs: the tools and modules dct-sign runs. */
export interface Runtime {
  dockerPath: string;
  dockerConfigDir: string;
  /** The environment child processes (docker, credential helpers) run with: see CHILD_ENVIRONMENT. */
  childEnv: Record<string, string>;
  pkcs11: { defaultModule?: string; addonPath?: string };
  /** On a GitHub runner, which swallows `::add-mask::` lines; anywhere else they would print the secret. */
  onGitHubRunner: boolean;
}

/**
 * The variables a child process may see: what docker and credential helpers need to find their
 * config, daemon, keychain and proxy, and the cloud settings the registries' own helpers log in
 * with (docker-credential-ecr-login reads AWS_*, the gcloud helper GOOGLE_* and CLOUDSDK_*,
 * acr-env AZURE_*). Never INPUT_* (our secrets), the runner's tokens, or DOCKER_CONTENT_TRUST_*.
 */
const CHILD_ENVIRONMENT =
  /^(?:PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|LANG|LC_[A-Z]+|TZ|XDG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS|SSL_CERT_FILE|SSL_CERT_DIR|DOCKER_(?:CONFIG|HOST|CONTEXT|CERT_PATH|TLS|TLS_VERIFY|API_VERSION)|(?:HTTPS?|NO|ALL)_PROXY|(?:https?|no|all)_proxy|(?:AWS|AZURE|GOOGLE|CLOUDSDK|GCLOUD)_[A-Z0-9_]+|SYSTEMROOT|USERPROFILE|APPDATA|LOCALAPPDATA|PROGRAMDATA)$/;

export type { InputReader };

export function readRuntime(env: NodeJS.ProcessEnv): Runtime {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && CHILD_ENVIRONMENT.test(name)) childEnv[name] = value;
  return {
    dockerPath: env.DCT_SIGN_DOCKER || 'docker',
    dockerConfigDir: env.DOCKER_CONFIG || join(homedir(), '.docker'),
    childEnv,
    pkcs11: { defaultModule: env.PKCS11_MODULE || undefined, addonPath: env.DCT_SIGN_PKCS11JS || undefined },
    onGitHubRunner: env.GITHUB_ACTIONS === 'true',
  };
}

export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (!value) return fallback;
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off)$/i.test(value)) return false;
  throw new InputError(name, `${quoted(value)} is not a boolean; expected true or false`);
}

function parseCa(value: string): string | undefined {
  if (!value) return undefined;
  const text = value.includes('-----BEGIN') ? value : readInputFile('notary-ca', value, 'PEM certificate text or the path of a PEM file');
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError('notary-ca', 'expected PEM certificate text or the path of a PEM file');
  return text;
}

/** A registry as `insecure-registries` names it: host[:port], as docker's --insecure-registry takes it (a DNS name is at most 253 characters). */
const MAX_HOST = 253 + 6;
const REGISTRY_HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

function parseInsecureRegistries(value: string): string[] {
  return list(value).map((item) => {
    if (item.length > MAX_HOST || !REGISTRY_HOST.test(item))
      throw new InputError('insecure-registries', `${quoted(item)} is not a registry; expected host[:port], one per line`);
    return item;
  });
}

/** A whole number of seconds within bounds, as milliseconds. */
function parseSeconds(read: InputReader, input: string, fallback: number, max: number): number {
  const value = read(input) || String(fallback);
  const seconds = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 1 && seconds <= max)) throw new InputError(input, `${quoted(value)} is not a number of seconds from 1 to ${max}`);
  return seconds * 1000;
}

/**
 * `trust-state`: a directory we can write, checked before anything is sent, so a bad path fails the
 * step up front rather than after a publish (the state is written once the command succeeds).
 */
function parseStateDir(path: string): string {
  try {
    if (existsSync(path) && !statSync(path).isDirectory()) throw new Error('not a directory');
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw new InputError(
      'trust-state',
      `${quoted(path)} is not a directory dct-sign can write (${(error as Error).message.split(',')[0]})`,
    );
  }
  return path;
}

/** Notary's longest default expiry is root's, 10 years: a wider warning window warns always. */
const MAX_WARNING_DAYS = 3650;

/**
 * `images`, plus the lines of `images-file`: an input travels as one environment variable, and
 * Linux caps one at 128 KiB (about 3,000 references), so large batches come from a file.
 */
function readImages(read: InputReader, tagRequired: boolean, optional = false): ImageReference[] {
  const file = read('images-file');
  let text = read('images');
  if (file) text = `${text}\n${readInputFile('images-file', file, 'a file with one image reference per line')}`;
  if (optional && !text.trim()) return [];
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
      `${quoted(signer)} is not a signer name; expected lowercase letters, digits, - and _ (e.g. releases or alice)`,
    );
  return signer;
}

const KEY_FORMS =
  'a PEM private key, the base64 of one, a file path, or a key URI (awskms://, azurekms://, azurekv://, gcpkms://, hashivault:// or pkcs11:)';

function requireKey(key: KeySetting | undefined, input: string, why: string): KeySetting {
  if (!key) throw new InputError(input, `is required ${why}; expected ${KEY_FORMS}`, 'INPUT_REQUIRED');
  return key;
}

function readCommon(read: InputReader, mask: Masker, env: NodeJS.ProcessEnv, tagRequired: boolean, imagesOptional = false): CommonSettings {
  const username = read('registry-username');
  const password = read('registry-password');
  if (password) mask(password);
  if (!!username !== !!password)
    throw new InputError(username ? 'registry-password' : 'registry-username', 'registry-username and registry-password go together');
  const days = read('expiry-warning-days') || '30';
  if (!/^\d{1,4}$/.test(days) || Number(days) > MAX_WARNING_DAYS)
    throw new InputError('expiry-warning-days', `${quoted(days)} is not a whole number of days from 0 to ${MAX_WARNING_DAYS}`);
  return {
    images: readImages(read, tagRequired, imagesOptional),
    notaryServer: parseServerUrl(read('notary-server') || env.DOCKER_CONTENT_TRUST_SERVER || ''),
    notaryCa: parseCa(read('notary-ca')),
    insecureRegistries: parseInsecureRegistries(read('insecure-registries')),
    ...(username ? { registryCredentials: { username, password } } : {}),
    pinnedRootKeyIds: parseTrustedRootKeys(read('trusted-root-keys')),
    expiryWarningDays: Number(days),
    ...(read('trust-state') ? { trustState: parseStateDir(read('trust-state')) } : {}),
    requestTimeoutMs: parseSeconds(read, 'request-timeout', 120, 3600),
    commandTimeoutMs: parseSeconds(read, 'timeout', 1800, 86_400),
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
      `${quoted(role)} is not a role; expected root, targets, snapshot, timestamp or a delegation such as targets/releases`,
    );
  return {
    role: role as `targets/${string}`,
    repositoryKey: requireKey(key('repository-key'), 'repository-key', `to re-sign targets when rotating the ${role} key`),
    newKey: newKey(),
  };
}

function readGenerateKey(read: InputReader, mask: Masker): GenerateKeySettings {
  const role = read('role');
  if (!role)
    throw new InputError('role', 'is required for command generate-key: root, targets, snapshot or a signer name', 'INPUT_REQUIRED');
  if (!KEY_NAME.test(role))
    throw new InputError(
      'role',
      `${quoted(role)} is not a key name; expected root, targets, snapshot or a signer name (lowercase letters, digits, - and _)`,
    );
  const keyFile = read('key-file');
  const newKey = read('new-key');
  const publicKeyFile = read('public-key-file') || undefined;
  const secretInput = 'new-key-passphrase';
  const secret = read(secretInput);
  if (secret) mask(secret);
  if (keyFile && newKey)
    throw new InputError('new-key', 'give key-file (a key file) or new-key (a pkcs11: URI), not both', 'INPUT_CONFLICT');
  if (!keyFile && !newKey)
    throw new InputError(
      'key-file',
      'is required for command generate-key (or new-key: a pkcs11: URI to generate the key on a token)',
      'INPUT_REQUIRED',
    );
  if (newKey && !newKey.startsWith('pkcs11:'))
    throw new InputError('new-key', 'for generate-key, expected a pkcs11: URI naming the token and the new key (object= and/or id=)');
  if (!secret)
    throw new InputError(
      secretInput,
      newKey
        ? 'is required: the PIN of the token'
        : 'is required: the passphrase the new key file is encrypted with (an empty one is refused)',
      'INPUT_REQUIRED',
    );
  return {
    command: 'generate-key',
    role,
    destination: keyFile
      ? { kind: 'file', path: keyFile, ...(publicKeyFile ? { publicKeyFile } : {}) }
      : { kind: 'pkcs11', uri: newKey, ...(publicKeyFile ? { publicKeyFile } : {}) },
    secret: Buffer.from(secret, 'utf8'),
  };
}

/** verify's trust (a policy file, or the inputs as one rule for all) and its manifests. */
function readVerify(
  read: InputReader,
  common: CommonSettings,
): Pick<VerifySettings, 'trust' | 'manifests' | 'pinManifests' | 'registryCheck'> {
  const policyFile = read('policy');
  let trust: VerifySettings['trust'];
  if (policyFile) {
    for (const input of ['trusted-root-keys', 'required-signers'])
      if (read(input))
        throw new InputError(input, `cannot be given with policy: the policy file sets each repository's ${input}`, 'INPUT_CONFLICT');
    trust = { policyFile };
  } else {
    const requiredSigners = parseSignerNames(read('required-signers'));
    trust = { policy: { rules: [{ match: '**', trustedRootKeyIds: common.pinnedRootKeyIds, requiredSigners }] } };
  }
  const pinManifests = parseBoolean('pin-manifests', read('pin-manifests'), false);
  const manifests = read('manifests');
  if (pinManifests && !manifests.trim())
    throw new InputError('pin-manifests', 'needs manifests: the files whose image: values are to be pinned', 'INPUT_REQUIRED');
  return { trust, manifests, pinManifests, registryCheck: parseBoolean('registry-check', read('registry-check'), true) };
}

/** Every input of the command, read and checked; the first bad one fails with a one-line InputError. */
export function readSettings(readInput: InputReader, mask: Masker, env: NodeJS.ProcessEnv): Settings {
  const read = withSecretFiles(readInput);
  const command = (read('command') || 'sign') as Command;
  if (!COMMANDS.includes(command))
    throw new InputError('command', `${quoted(command)} is not a command; expected one of ${COMMANDS.join(', ')}`);
  if (command === 'generate-key') return readGenerateKey(read, mask);
  // inspect, like docker trust inspect, takes a repository or one tag of it; verify may take its images from manifests alone.
  const common = readCommon(
    read,
    mask,
    env,
    command === 'sign' || command === 'verify',
    command === 'verify' && !!read('manifests').trim(),
  );
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
      return { ...common, command, ...readVerify(read, common) };
    case 'inspect':
      return { ...common, command, ...(read('trust-data-file') ? { trustDataFile: read('trust-data-file') } : {}) };
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
    case 'renew': {
      const keys = {
        rootKey: key('root-key'),
        repositoryKey: key('repository-key'),
        signerKey: key('signer-key'),
        snapshotKey: key('snapshot-key'),
      };
      if (!Object.values(keys).some(Boolean))
        throw new InputError(
          'signer-key',
          'command renew needs at least one key to re-sign with: signer-key (its delegations), repository-key (targets), root-key (root) or snapshot-key',
          'INPUT_REQUIRED',
        );
      return { ...common, command, ...keys };
    }
  }
}
