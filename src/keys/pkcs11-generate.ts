import type * as Pkcs11js from 'pkcs11js';
import { KeyError } from '../errors.js';
import { checkKeyRole, generatedKey, type GeneratedKey } from './generate.js';
import {
  P256_PARAMS,
  closeToken,
  describeObject,
  findObjects,
  login,
  openToken,
  parsePkcs11Uri,
  pkcs11Code,
  publicKeyObject,
  storeError,
  trimmed,
  type Pkcs11Uri,
  type Token,
} from './pkcs11-token.js';

/** Key pairs generated on a PKCS#11 token, and the rules ykcs11 (YubiKey PIV) adds. */

export interface GenerateTokenKeyOptions {
  /** The user PIN; on a YubiKey, the PIN when its management key is PIN-protected, or the management key in hex. */
  pin: string;
  /** The role written in the public key PEM's header; notary keeps only root keys on a YubiKey. */
  role?: string;
  defaultModule?: string;
  addonPath?: string;
}

/**
 * A new P-256 key pair generated on the token (C_GenerateKeyPair, CKM_EC_KEY_PAIR_GEN), named by
 * the URI's object= (CKA_LABEL) and id= (CKA_ID). The private key never leaves the token
 * (sensitive, not extractable). A key, public key or certificate that already carries that label
 * or id is never replaced: KEY_EXISTS, and nothing is created. Once made, the key opens with
 * Pkcs11Signer.open(uri).
 *
 * ykcs11 (YubiKey PIV) generates only for its security officer (yubico-piv-tool:
 * ykcs11/ykcs11.c C_GenerateKeyPair needs login_state YKCS11_SO), and logs the SO in with the PIN
 * only when the management key is PIN-protected (ykcs11/token.c token_login), so there the login is
 * CKU_SO; id= picks the PIV slot and ykcs11 sets the label itself (see checkYkcs11Target).
 */
export async function generateTokenKey(uriText: string, options: GenerateTokenKeyOptions): Promise<GeneratedKey> {
  const role = options.role ?? 'root';
  checkKeyRole(role);
  const uri = parsePkcs11Uri(uriText);
  const token = await openToken(uri, options, true);
  try {
    const yubikey = isYkcs11(token.module);
    if (yubikey) checkYkcs11Target(uri);
    loginToGenerate(token, options.pin, yubikey);
    refuseExisting(token, uri);
    const pair = generateP256(token, uri, yubikey);
    const what = describeObject(uri);
    if (findObjects(token.api, token.module, token.session, token.api.CKO_PRIVATE_KEY, uri).length !== 1)
      throw new KeyError('KEY_STORE_ERROR', `token "${token.label}" made the key but does not find it by ${what}; name it by id= instead`);
    return generatedKey(publicKeyObject(token.api, token.module, token.session, pair.publicKey, what), role);
  } catch (error) {
    throw storeError(error, token.modulePath);
  } finally {
    closeToken(token);
  }
}

/** ykcs11's library manufacturer (yubico-piv-tool: ykcs11/ykcs11.c YKCS11_MANUFACTURER). */
function isYkcs11(module: Pkcs11js.PKCS11): boolean {
  return trimmed(module.C_GetInfo().manufacturerID) === 'Yubico (www.yubico.com)';
}

const PIV_SLOT_NAMES = ['PIV Authentication', 'Digital Signature', 'Key Management', 'Card Authentication'];

/** ykcs11's own label for the private key of a slot id (yubico-piv-tool: ykcs11/objects.c piv_objects). */
export function ykcs11KeyLabel(id: number): string | undefined {
  if (id >= 1 && id <= 4) return `Private key for ${PIV_SLOT_NAMES[id - 1]}`;
  if (id >= 5 && id <= 24) return `Private key for Retired Key ${id - 4}`;
  return undefined;
}

/**
 * On a YubiKey, id= is the PIV slot (yubico-piv-tool: doc/YKCS11/index.adoc "Key Mapping": 1=9a,
 * 2=9c, 3=9d, 4=9e, 5-24 = retired slots 82-95; 25, f9, is the attestation key and not offered).
 * ykcs11 ignores CKA_LABEL and names each slot itself, so an object= other than that name would
 * make a key the URI cannot find again.
 */
export function checkYkcs11Target(uri: Pkcs11Uri): void {
  const id = uri.id?.length === 1 ? uri.id[0]! : 0;
  const label = ykcs11KeyLabel(id);
  if (!label) {
    throw new KeyError(
      'KEY_INVALID',
      'on a YubiKey, id= names the PIV slot to generate in: %01 (9a), %02 (9c), %03 (9d), %04 (9e) or %05-%18 (retired slots 82-95)',
    );
  }
  if (uri.object !== undefined && uri.object !== label)
    throw new KeyError(
      'KEY_INVALID',
      `on a YubiKey the key in id=%${uri.id!.toString('hex')} is labelled "${label}" by ykcs11: drop object= or use that label`,
    );
}

function loginToGenerate(token: Token, pin: string, yubikey: boolean): void {
  if (!yubikey) return login(token, token.api.CKU_USER, pin);
  try {
    login(token, token.api.CKU_SO, pin);
  } catch (error) {
    if (pkcs11Code(error) !== token.api.CKR_USER_PIN_NOT_INITIALIZED) throw error;
    // ykcs11's answer to a PIN for the SO when the management key is not PIN-protected (ykcs11/token.c token_login).
    throw new KeyError(
      'KEY_ACCESS_DENIED',
      `the YubiKey "${token.label}" generates keys only with its management key, and it is not PIN-protected: run "ykman piv access change-management-key --protect --generate" once, give the management key (hex) instead of the PIN, or generate the key with "ykman piv keys generate --algorithm ECCP256 <slot> pub.pem" and "ykman piv certificates generate --subject CN=root <slot> pub.pem"`,
    );
  }
}

/** KEY_EXISTS when any key or certificate already has the URI's label or id: a token key is never replaced. */
function refuseExisting(token: Token, uri: Pkcs11Uri): void {
  const { api, module, session } = token;
  const names: Pkcs11Uri[] = [];
  if (uri.object !== undefined) names.push({ object: uri.object });
  if (uri.id !== undefined) names.push({ id: uri.id });
  const classes: [number, string][] = [
    [api.CKO_PRIVATE_KEY, 'a private key'],
    [api.CKO_PUBLIC_KEY, 'a public key'],
    [api.CKO_CERTIFICATE, 'a certificate'],
  ];
  const found: string[] = [];
  for (const [cls, what] of classes) {
    for (const name of names) {
      if (findObjects(api, module, session, cls, name).length > 0) found.push(`${what} with ${describeObject(name)}`);
    }
  }
  if (found.length > 0)
    throw new KeyError('KEY_EXISTS', `token "${token.label}" already holds ${found.join(', ')}; a token key is never replaced`);
}

/**
 * On the token; the private key sensitive, never extractable and for signing only: every other
 * usage off, which ykcs11 accepts and ignores (yubico-piv-tool: ykcs11/objects.c
 * check_pvtkey_template; ykcs11/mechanisms.c in 2.2.0). Both halves carry the URI's label and id.
 */
function generateP256(token: Token, uri: Pkcs11Uri, yubikey: boolean): Pkcs11js.KeyPair {
  const { api, module, session } = token;
  const naming: Pkcs11js.Template = [];
  if (uri.object !== undefined) naming.push({ type: api.CKA_LABEL, value: uri.object });
  if (uri.id !== undefined) naming.push({ type: api.CKA_ID, value: uri.id });
  const publicTemplate: Pkcs11js.Template = [
    { type: api.CKA_TOKEN, value: true },
    { type: api.CKA_VERIFY, value: true },
    { type: api.CKA_ENCRYPT, value: false },
    { type: api.CKA_WRAP, value: false },
    { type: api.CKA_DERIVE, value: false },
    { type: api.CKA_EC_PARAMS, value: P256_PARAMS },
    ...naming,
  ];
  const privateTemplate: Pkcs11js.Template = [
    { type: api.CKA_TOKEN, value: true },
    { type: api.CKA_PRIVATE, value: true },
    { type: api.CKA_SENSITIVE, value: true },
    // A PIV key cannot leave the YubiKey whatever the template says, and ykcs11 up to 2.2.0
    // (Debian 12's) refuses CKA_EXTRACTABLE in this template with CKR_ATTRIBUTE_TYPE_INVALID.
    ...(yubikey ? [] : [{ type: api.CKA_EXTRACTABLE, value: false }]),
    { type: api.CKA_SIGN, value: true },
    { type: api.CKA_DECRYPT, value: false },
    { type: api.CKA_UNWRAP, value: false },
    { type: api.CKA_DERIVE, value: false },
    ...naming,
  ];
  try {
    return module.C_GenerateKeyPair(session, { mechanism: api.CKM_EC_KEY_PAIR_GEN }, publicTemplate, privateTemplate);
  } catch (error) {
    if (pkcs11Code(error) === api.CKR_USER_TYPE_INVALID)
      throw new KeyError('KEY_ACCESS_DENIED', `token "${token.label}" lets only its security officer generate keys`, { cause: error });
    throw new KeyError('KEY_STORE_ERROR', `token "${token.label}" could not generate a P-256 key pair: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
