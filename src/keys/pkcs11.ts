import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sha256 } from '@noble/hashes/sha2.js';
import type * as Pkcs11js from 'pkcs11js';
import { KeyError } from '../errors.js';
import { PublicKey } from '../tuf/keys.js';
import { verifySignature } from '../tuf/signatures.js';
import type { Signer } from './signer.js';

/**
 * Keys on a PKCS#11 token (a YubiKey's PIV applet through ykcs11, or SoftHSM), named by RFC 7512
 * URIs. The private key never leaves the token: it signs the SHA-256 digest with CKM_ECDSA, whose
 * output is already notary's raw r||s.
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

const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

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

type Pkcs11Api = typeof Pkcs11js;

/**
 * The addon: the one bundled in dist/ (built for Linux x64, N-API so any Node version), or one
 * built for this machine, named by `addonPath` (DCT_SIGN_PKCS11JS; see the README for macOS and arm64).
 */
async function loadAddon(addonPath: string | undefined): Promise<Pkcs11Api> {
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
function ulong(value: Buffer | undefined): number | undefined {
  if (!value || value.length === 0) return undefined;
  return value.length >= 4 ? value.readUInt32LE(0) : value[0];
}

function trimmed(text: string): string {
  return text.replace(/[\s\0]+$/, '');
}

export interface Pkcs11Options {
  pin: string;
  /** Told before each signature, so a person knows to touch the device. */
  notice?: (message: string) => void;
  /** The module when the URI names none (PKCS11_MODULE). */
  defaultModule?: string;
  /** A pkcs11js build for this platform, instead of the bundled one (DCT_SIGN_PKCS11JS). */
  addonPath?: string;
}

export class Pkcs11Signer implements Signer {
  private closed = false;

  private constructor(
    private readonly api: Pkcs11Api,
    private readonly module: Pkcs11js.PKCS11,
    private readonly session: Buffer,
    private readonly privateKey: Buffer,
    readonly publicKey: PublicKey,
    private readonly alwaysAuthenticate: boolean,
    private readonly options: Pkcs11Options,
    readonly description: string,
  ) {}

  static async open(uriText: string, options: Pkcs11Options): Promise<Pkcs11Signer> {
    const uri = parsePkcs11Uri(uriText);
    const modulePath = findModule(uri, options.defaultModule);
    const api = await loadAddon(options.addonPath);
    const module = new api.PKCS11();
    let session: Buffer | undefined;
    let loggedIn = false;
    try {
      try {
        module.load(modulePath);
      } catch (error) {
        throw new KeyError('KEY_STORE_ERROR', `cannot load PKCS#11 module ${modulePath}: ${(error as Error).message}`, { cause: error });
      }
      try {
        module.C_Initialize();
      } catch (error) {
        if ((error as { code?: number }).code !== api.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
      }
      const slot = findSlot(module, uri);
      session = module.C_OpenSession(slot.handle, api.CKF_SERIAL_SESSION);
      if (!options.pin) throw new KeyError('KEY_PASSPHRASE_REQUIRED', `the PIN of token "${slot.label}" is required`);
      try {
        module.C_Login(session, api.CKU_USER, options.pin);
        loggedIn = true;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code === api.CKR_USER_ALREADY_LOGGED_IN) loggedIn = true;
        // Never retried: every wrong attempt burns one of the token's few PIN tries.
        else if (code === api.CKR_PIN_INCORRECT)
          throw new KeyError('KEY_WRONG_PASSPHRASE', `wrong PIN for token "${slot.label}" (not retried, to spare the PIN counter)`);
        else if (code === api.CKR_PIN_LOCKED) throw new KeyError('KEY_PIN_LOCKED', `the PIN of token "${slot.label}" is locked`);
        else throw error;
      }
      const what = [uri.object ? `object=${uri.object}` : '', uri.id ? `id=${uri.id.toString('hex')}` : ''].filter(Boolean).join(', ');
      const keys = findObjects(api, module, session, api.CKO_PRIVATE_KEY, uri);
      if (keys.length === 0) throw new KeyError('KEY_NOT_FOUND', `no private key with ${what} on token "${slot.label}"`);
      if (keys.length > 1)
        throw new KeyError('KEY_INVALID', `${keys.length} private keys match ${what} on token "${slot.label}"; add id= to choose one`);
      const attribute = (type: number): Buffer | undefined => {
        // One at a time: a module fails the whole call when an object lacks any one attribute.
        try {
          return module.C_GetAttributeValue(session!, keys[0]!, [{ type }])[0]?.value;
        } catch {
          return undefined;
        }
      };
      const keyType = ulong(attribute(api.CKA_KEY_TYPE));
      if (keyType !== api.CKK_EC) {
        throw new KeyError('KEY_INVALID', `the token key ${what} is not an EC key (CKA_KEY_TYPE ${keyType}); notary needs ECDSA P-256`);
      }
      const params = attribute(api.CKA_EC_PARAMS);
      if (params && params.length > 0 && !params.equals(P256_PARAMS))
        throw new KeyError('KEY_INVALID', `the token key ${what} is not on curve P-256`);
      const alwaysAuth = attribute(api.CKA_ALWAYS_AUTHENTICATE);
      const id = attribute(api.CKA_ID);
      const publicKey = readPublicKey(api, module, session, { ...uri, id: id && id.length > 0 ? id : uri.id }, what);
      const description = `PKCS#11 token "${slot.label}" ${what}`;
      return new Pkcs11Signer(api, module, session, keys[0]!, publicKey, alwaysAuth?.[0] === 1, options, description);
    } catch (error) {
      closeQuietly(module, session, loggedIn);
      if (error instanceof KeyError) throw error;
      throw new KeyError('KEY_STORE_ERROR', `PKCS#11 module ${modulePath}: ${(error as Error).message}`, { cause: error });
    }
  }

  sign(data: Uint8Array): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new KeyError('KEY_SIGN_FAILED', `${this.description} is closed`));
    this.options.notice?.(`Signing with ${this.description}: touch the device if it blinks`);
    const digest = Buffer.from(sha256(data));
    let signature: Uint8Array;
    try {
      this.module.C_SignInit(this.session, { mechanism: this.api.CKM_ECDSA }, this.privateKey);
      if (this.alwaysAuthenticate) {
        // PIV slot 9c: every signature needs its own PIN verification (CKU_CONTEXT_SPECIFIC).
        try {
          this.module.C_Login(this.session, this.api.CKU_CONTEXT_SPECIFIC, this.options.pin);
        } catch (error) {
          throw new KeyError('KEY_SIGN_FAILED', `${this.description}: the per-signature PIN login failed: ${(error as Error).message}`);
        }
      }
      signature = new Uint8Array(this.module.C_Sign(this.session, digest, Buffer.alloc(64)));
    } catch (error) {
      if (error instanceof KeyError) return Promise.reject(error);
      return Promise.reject(new KeyError('KEY_SIGN_FAILED', `${this.description}: ${(error as Error).message}`, { cause: error }));
    }
    if (!verifySignature(this.publicKey, 'ecdsa', signature, data)) {
      return Promise.reject(
        new KeyError('KEY_SIGN_FAILED', `${this.description} returned a signature that does not verify with its public key`),
      );
    }
    return Promise.resolve(signature);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      closeQuietly(this.module, this.session, true);
    }
    return Promise.resolve();
  }
}

function closeQuietly(module: Pkcs11js.PKCS11, session: Buffer | undefined, loggedIn: boolean): void {
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

function findSlot(module: Pkcs11js.PKCS11, uri: Pkcs11Uri): { handle: Buffer; label: string } {
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

function findObjects(api: Pkcs11Api, module: Pkcs11js.PKCS11, session: Buffer, cls: number, uri: Pkcs11Uri): Buffer[] {
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
function readPublicKey(api: Pkcs11Api, module: Pkcs11js.PKCS11, session: Buffer, uri: Pkcs11Uri, what: string): PublicKey {
  const byId: Pkcs11Uri = uri.id ? { id: uri.id } : uri;
  const [pub] = findObjects(api, module, session, api.CKO_PUBLIC_KEY, byId);
  if (pub) {
    let point = module.C_GetAttributeValue(session, pub, [{ type: api.CKA_EC_POINT }])[0]!.value;
    // CKA_EC_POINT is a DER OCTET STRING around 04||x||y; some modules give the bare point.
    if (point.length === 67 && point[0] === 0x04 && point[1] === 0x41) point = point.subarray(2);
    if (point.length !== 65 || point[0] !== 0x04)
      throw new KeyError('KEY_INVALID', `the public key of ${what} is not an uncompressed P-256 point`);
    return PublicKey.fromP256Point(new Uint8Array(point));
  }
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
