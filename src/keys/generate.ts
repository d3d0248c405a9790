import { closeSync, fchmodSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { KeyError } from '../errors.js';
import { PublicKey } from '../tuf/keys.js';
import { encodePem } from '../tuf/x509.js';
import { encryptEcPrivateKey } from './pkcs8.js';

/**
 * New keys, in the files `docker trust key generate NAME` writes (docker/cli:
 * cli/command/trust/key_generate.go; notary: trustmanager/keystore.go AddKey,
 * tuf/utils/x509.go ConvertPrivateKeyToPKCS8): an ECDSA P-256 key, stored as PEM
 * `ENCRYPTED PRIVATE KEY` with the header `role: NAME`, and its public key as `NAME.pub`.
 */
export interface GeneratedKey {
  /** The canonical key ID (of the bare `ecdsa` key): docker stores the key as ~/.docker/trust/private/<keyId>.key. */
  keyId: string;
  publicKey: PublicKey;
  /** Exactly the `<role>.pub` docker writes: PEM `PUBLIC KEY`, header `role: <role>`, SubjectPublicKeyInfo DER. */
  publicPem: string;
}

/** docker's validKeyName (docker/cli: cli/command/trust/key_generate.go); root, targets and snapshot match it too. */
export const KEY_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The role a key is generated for: `root`, `targets`, `snapshot` or a signer name, as docker allows. */
export function checkKeyRole(role: string): void {
  if (!KEY_NAME.test(role)) {
    throw new KeyError(
      'KEY_INVALID',
      `key role "${role}" is not valid: use root, targets, snapshot or a signer name of lowercase letters, digits, "_" and "-", starting with a letter or digit`,
    );
  }
}

/** The public key file docker writes next to a generated key (docker/cli: key_generate.go generateKeyAndOutputPubPEM). */
export function publicKeyPem(publicKey: PublicKey, role: string): string {
  return encodePem('PUBLIC KEY', publicKey.publicBytes, { role });
}

export function generatedKey(publicKey: PublicKey, role: string): GeneratedKey {
  return { keyId: publicKey.id, publicKey, publicPem: publicKeyPem(publicKey, role) };
}

/**
 * The PEM text notary stores for `key`: encrypted PKCS#8 (see pkcs8.ts) under `role: <role>`,
 * laid out as Go's pem.Encode writes it. No `gun` header: docker's key generate sets none.
 */
export function encryptPrivateKeyPem(key: KeyObject, role: string, passphrase: Buffer): string {
  checkKeyRole(role);
  return encodePem('ENCRYPTED PRIVATE KEY', encryptEcPrivateKey(key, passphrase), { role });
}

/**
 * A new P-256 key, encrypted with `passphrase` into a new file at `path` (mode 0600). The file is
 * created exclusively: an existing one is never replaced, whatever it holds.
 */
export function generateKeyFile(options: { path: string; role: string; passphrase: Buffer }): GeneratedKey {
  const { path, role, passphrase } = options;
  checkKeyRole(role);
  if (passphrase.length === 0) throw new KeyError('KEY_PASSPHRASE_REQUIRED', `a passphrase is required to encrypt the new key ${path}`);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = encryptPrivateKeyPem(privateKey, role, passphrase);
  writeNewFile(path, pem);
  return generatedKey(PublicKey.fromKeyObject(createPublicKey(privateKey)), role);
}

/** Exclusive create ('wx'), then 0600 exactly (the umask may have taken bits away); a half-written file is removed. */
function writeNewFile(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new KeyError('KEY_EXISTS', `${path} already exists; a key file is never overwritten`);
    throw writeFailed('create', path, error);
  }
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, text);
  } catch (error) {
    closeQuietly(fd);
    removeQuietly(path);
    throw writeFailed('write', path, error);
  }
  try {
    closeSync(fd);
  } catch (error) {
    removeQuietly(path);
    throw writeFailed('write', path, error);
  }
}

const WHY: Record<string, string> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EISDIR: 'it is a directory',
};

/** The system's error code, never its message text (which could echo more than the path). */
function writeFailed(step: 'create' | 'write', path: string, error: unknown): KeyError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new KeyError('KEY_WRITE_FAILED', `cannot ${step} the key file ${path}: ${WHY[code] ?? code}`, { cause: error });
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // the write already failed; that is the error to report
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // nothing more can be done; the error names the file
  }
}
