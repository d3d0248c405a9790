import { sha256 } from '@noble/hashes/sha2.js';
import type * as Pkcs11js from 'pkcs11js';
import { KeyError } from '../errors.js';
import type { PublicKey } from '../tuf/keys.js';
import { verifySignature } from '../tuf/signatures.js';
import {
  P256_PARAMS,
  closeQuietly,
  closeToken,
  describeObject,
  findObjects,
  login,
  openToken,
  parsePkcs11Uri,
  readPublicKey,
  storeError,
  ulong,
  type Pkcs11Api,
} from './pkcs11-token.js';
import type { Signer } from './signer.js';

/**
 * Keys on a PKCS#11 token as signers. The private key never leaves the token: it signs the
 * SHA-256 digest with CKM_ECDSA, whose output is already notary's raw r||s.
 */
export { findModule, parsePkcs11Uri, YKCS11_PATHS, type Pkcs11Uri } from './pkcs11-token.js';

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
    const token = await openToken(uri, options, false);
    const { api, module, session } = token;
    try {
      login(token, api.CKU_USER, options.pin);
      const what = describeObject(uri);
      const keys = findObjects(api, module, session, api.CKO_PRIVATE_KEY, uri);
      if (keys.length === 0) throw new KeyError('KEY_NOT_FOUND', `no private key with ${what} on token "${token.label}"`);
      if (keys.length > 1)
        throw new KeyError('KEY_INVALID', `${keys.length} private keys match ${what} on token "${token.label}"; add id= to choose one`);
      const attribute = (type: number): Buffer | undefined => {
        // One at a time: a module fails the whole call when an object lacks any one attribute.
        try {
          return module.C_GetAttributeValue(session, keys[0]!, [{ type }])[0]?.value;
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
      const description = `PKCS#11 token "${token.label}" ${what}`;
      return new Pkcs11Signer(api, module, session, keys[0]!, publicKey, alwaysAuth?.[0] === 1, options, description);
    } catch (error) {
      closeToken(token);
      throw storeError(error, token.modulePath);
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
