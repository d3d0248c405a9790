import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Pkcs11js from 'pkcs11js';
import { KeyError } from '../errors.js';
import { PublicKey } from '../tuf/keys.js';

/**
 * A PKCS#11 token (a YubiKey's PIV applet through ykcs11, or SoftHSM), reached by an RFC 7512 URI:
 * the URI, the module and its addon, sessions, logins, and the objects on the token. The signer
 * (pkcs11.ts) and key generation (pkcs11-generate.ts) are built on it.
 */
export interface Pkcs11Uri {
  token?: string;
  serial?: string;
  slotId?: number;
  object?: string;
  id?: Buffer;
  modulePath?: string;
}

/** Where the YubiKey PKCS#11 module is installed (notary: trustmanager/yubikey/pkcs11_linux.go, pkcs11_darwin.go; and distributions). */
export const YKCS11_PATHS = [
  '/usr/lib/libykcs11.so',
  '/usr/lib/libykcs11.so.1',
  '/usr/lib64/libykcs11.so',
  '/usr/lib64/libykcs11.so.1',
  '/usr/lib/x86_64-linux-gnu/libykcs11.so',
  '/usr/lib/x86_64-linux-gnu/libykcs11.so.2',
  '/usr/lib/aarch64-linux-gnu/libykcs11.so',
  '/usr/lib/aarch64-linux-gnu/libykcs11.so.2',
  '/usr/local/lib/libykcs11.so',
  '/usr/local/lib/libykcs11.dylib',
  '/opt/homebrew/lib/libykcs11.dylib',
];

export const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

export function parsePkcs11Uri(uri: string): Pkcs11Uri {
  const fail = (why: string): never => {
    throw new KeyError('KEY_INVALID', `"${uri.replace(/pin-value=[^&;]*/g, 'pin-value=***')}" is not a usable pkcs11: URI: ${why}`);
  };
  const body = uri.slice('pkcs11:'.length);
  const [path = '', query = ''] = body.split('?', 2);
  const attrs = new Map<string, string>();
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return fail(`bad percent-encoding in "${value}"`);
    }
  };
  for (const part of [...path.split(';'), ...query.split('&')].filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`"${part}" is not name=value`);
    attrs.set(part.slice(0, eq), part.slice(eq + 1));
  }
  if (attrs.has('pin-value') || attrs.has('pin-source')) fail('give the PIN in the matching *-passphrase input, not in the URI');
  const result: Pkcs11Uri = {};
  if (attrs.has('token')) result.token = decode(attrs.get('token')!);
  if (attrs.has('serial')) result.serial = decode(attrs.get('serial')!);
  if (attrs.has('object')) result.object = decode(attrs.get('object')!);
  if (attrs.has('module-path')) result.modulePath = decode(attrs.get('module-path')!);
  if (attrs.has('slot-id')) {
    const slot = Number(decode(attrs.get('slot-id')!));
    if (!Number.isSafeInteger(slot) || slot < 0) fail('slot-id must be a number');
    result.slotId = slot;
  }
  if (attrs.has('id')) {
    // id is raw bytes, percent-encoded (RFC 7512 2.3): %01, or plain characters
    const raw = attrs.get('id')!;
    const bytes: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '%' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
        bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(raw[i]!, 'utf8'));
    }
    result.id = Buffer.from(bytes);
  }
  if (result.object === undefined && result.id === undefined) fail('name the key with object= (its label) or id=');
  return result;
}

/** module-path, else the default module (PKCS11_MODULE), else the YubiKey module where it is usually installed. */
export function findModule(uri: Pkcs11Uri, defaultModule?: string): string {
  const candidate = uri.modulePath ?? defaultModule;
  if (candidate) {
    if (!existsSync(candidate)) throw new KeyError('KEY_STORE_ERROR', `PKCS#11 module ${candidate} does not exist`);
    return candidate;
  }
  const found = YKCS11_PATHS.find((p) => existsSync(p));
  if (!found) {
    throw new KeyError(
      'KEY_STORE_ERROR',
      `no PKCS#11 module found: set module-path in the URI or PKCS11_MODULE (looked for ykcs11 in ${YKCS11_PATHS.join(', ')})`,
    );
  }
  return found;
}

export type Pkcs11Api = typeof Pkcs11js;

/**
 * The addon: the one bundled in dist/ (built for Linux x64, N-API so any Node version), or one
 * built for this machine, named by `addonPath` (DCT_SIGN_PKCS11JS; see the README for macOS and arm64).
 */
export async function loadAddon(addonPath: string | undefined): Promise<Pkcs11Api> {
  try {
    if (addonPath) return createRequire(import.meta.url)(addonPath) as Pkcs11Api;
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new KeyError(
        'KEY_STORE_ERROR',
        `the bundled pkcs11js addon is built for linux-x64, not ${process.platform}-${process.arch}: run "npm install -g pkcs11js" on this runner and set DCT_SIGN_PKCS11JS to "$(npm root -g)/pkcs11js"`,
      );
    }
    const module = (await import('pkcs11js')) as Pkcs11Api & { default?: Pkcs11Api };
    return module.default ?? module;
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError('KEY_STORE_ERROR', `cannot load the pkcs11js addon: ${(error as Error).message}`, { cause: error });
  }
}

/** A CK_ULONG attribute (native byte order: little-endian on the platforms the addon builds for). */
export function ulong(value: Buffer | undefined): number | undefined {
  if (!value || value.length === 0) return undefined;
  return value.length >= 4 ? value.readUInt32LE(0) : value[0];
}

export function trimmed(text: string): string {
  return text.replace(/[\s\0]+$/, '');
}

export function closeQuietly(module: Pkcs11js.PKCS11, session: Buffer | undefined, loggedIn: boolean): void {
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch {
      // already closed or never opened
    }
  };
  if (session && loggedIn) attempt(() => module.C_Logout(session));
  if (session) attempt(() => module.C_CloseSession(session));
  attempt(() => module.C_Finalize());
  attempt(() => module.close());
}

/** A session on the URI's token, the module loaded and initialized for it. */
export interface Token {
  api: Pkcs11Api;
  module: Pkcs11js.PKCS11;
  modulePath: string;
  session: Buffer;
  /** The token's label, for messages. */
  label: string;
  loggedIn: boolean;
}

/** Loads the module and opens a session on the token the URI names; on failure everything opened so far is closed. */
export async function openToken(
  uri: Pkcs11Uri,
  options: { defaultModule?: string; addonPath?: string },
  readWrite: boolean,
): Promise<Token> {
  const modulePath = findModule(uri, options.defaultModule);
  const api = await loadAddon(options.addonPath);
  const module = new api.PKCS11();
  let session: Buffer | undefined;
  try {
    try {
      module.load(modulePath);
    } catch (error) {
      throw new KeyError('KEY_STORE_ERROR', `cannot load PKCS#11 module ${modulePath}: ${(error as Error).message}`, { cause: error });
    }
    try {
      module.C_Initialize();
    } catch (error) {
      if (pkcs11Code(error) !== api.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
    }
    const slot = findSlot(module, uri);
    session = module.C_OpenSession(slot.handle, api.CKF_SERIAL_SESSION | (readWrite ? api.CKF_RW_SESSION : 0));
    return { api, module, modulePath, session, label: slot.label, loggedIn: false };
  } catch (error) {
    closeQuietly(module, session, false);
    throw storeError(error, modulePath);
  }
}

export function closeToken(token: Token): void {
  closeQuietly(token.module, token.session, token.loggedIn);
}

export function pkcs11Code(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A KeyError as it is; anything else the module threw, as KEY_STORE_ERROR naming the module. */
export function storeError(error: unknown, modulePath: string): KeyError {
  if (error instanceof KeyError) return error;
  return new KeyError('KEY_STORE_ERROR', `PKCS#11 module ${modulePath}: ${(error as Error).message}`, { cause: error });
}

/** One login; never retried: every wrong attempt burns one of the token's few PIN tries. */
export function login(token: Token, userType: number, pin: string): void {
  const { api, module, session, label } = token;
  if (!pin) throw new KeyError('KEY_PASSPHRASE_REQUIRED', `the PIN of token "${label}" is required`);
  try {
    module.C_Login(session, userType, pin);
    token.loggedIn = true;
  } catch (error) {
    const code = pkcs11Code(error);
    if (code === api.CKR_USER_ALREADY_LOGGED_IN) token.loggedIn = true;
    else if (code === api.CKR_PIN_INCORRECT)
      throw new KeyError('KEY_WRONG_PASSPHRASE', `wrong PIN for token "${label}" (not retried, to spare the PIN counter)`);
    else if (code === api.CKR_PIN_LOCKED) throw new KeyError('KEY_PIN_LOCKED', `the PIN of token "${label}" is locked`);
    else throw error;
  }
}

export function describeObject(uri: Pkcs11Uri): string {
  return [uri.object ? `object=${uri.object}` : '', uri.id ? `id=${uri.id.toString('hex')}` : ''].filter(Boolean).join(', ');
}

export function findSlot(module: Pkcs11js.PKCS11, uri: Pkcs11Uri): { handle: Buffer; label: string } {
  const slots = module.C_GetSlotList(true);
  const seen: string[] = [];
  for (const handle of slots) {
    const info = module.C_GetTokenInfo(handle);
    const label = trimmed(info.label);
    const serial = trimmed(info.serialNumber);
    seen.push(`"${label}" (serial ${serial})`);
    if (uri.token !== undefined && uri.token !== label) continue;
    if (uri.serial !== undefined && uri.serial !== serial) continue;
    if (uri.slotId !== undefined && ulong(handle) !== uri.slotId) continue;
    return { handle, label };
  }
  throw new KeyError('KEY_NOT_FOUND', `no token matches the URI (tokens present: ${seen.join(', ') || 'none'})`);
}

export function findObjects(api: Pkcs11Api, module: Pkcs11js.PKCS11, session: Buffer, cls: number, uri: Pkcs11Uri): Buffer[] {
  const template: Pkcs11js.Template = [{ type: api.CKA_CLASS, value: cls }];
  if (uri.object !== undefined) template.push({ type: api.CKA_LABEL, value: uri.object });
  if (uri.id !== undefined) template.push({ type: api.CKA_ID, value: uri.id });
  module.C_FindObjectsInit(session, template);
  try {
    return module.C_FindObjects(session, 16);
  } finally {
    module.C_FindObjectsFinal(session);
  }
}

/** From the public key object (CKA_EC_POINT), else from the certificate in the same slot (PIV). */
export function readPublicKey(api: Pkcs11Api, module: Pkcs11js.PKCS11, session: Buffer, uri: Pkcs11Uri, what: string): PublicKey {
  const byId: Pkcs11Uri = uri.id ? { id: uri.id } : uri;
  const [pub] = findObjects(api, module, session, api.CKO_PUBLIC_KEY, byId);
  if (pub) return publicKeyObject(api, module, session, pub, what);
  const [cert] = findObjects(api, module, session, api.CKO_CERTIFICATE, byId);
  if (cert) {
    const der = module.C_GetAttributeValue(session, cert, [{ type: api.CKA_VALUE }])[0]!.value;
    try {
      return PublicKey.fromKeyObject(new X509Certificate(der).publicKey);
    } catch (error) {
      throw new KeyError('KEY_INVALID', `the certificate of ${what} on the token does not parse`, { cause: error });
    }
  }
  throw new KeyError('KEY_NOT_FOUND', `no public key or certificate for ${what} on the token`);
}

/** The key of a public key object, from CKA_EC_POINT. */
export function publicKeyObject(api: Pkcs11Api, module: Pkcs11js.PKCS11, session: Buffer, handle: Buffer, what: string): PublicKey {
  let point = module.C_GetAttributeValue(session, handle, [{ type: api.CKA_EC_POINT }])[0]!.value;
  // CKA_EC_POINT is a DER OCTET STRING around 04||x||y; some modules give the bare point.
  if (point.length === 67 && point[0] === 0x04 && point[1] === 0x41) point = point.subarray(2);
  if (point.length !== 65 || point[0] !== 0x04)
    throw new KeyError('KEY_INVALID', `the public key of ${what} is not an uncompressed P-256 point`);
  return PublicKey.fromP256Point(new Uint8Array(point));
}
