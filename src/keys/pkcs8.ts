import { createCipheriv, createPublicKey, pbkdf2Sync, randomBytes, type KeyObject } from 'node:crypto';
import { KeyError } from '../errors.js';
import { checkP256 } from './file-key.js';
import { children, encodeTlv, expectTag, readTlv, TAG, type Tlv } from '../util/der.js';

/**
 * notary's encrypted PKCS#8, byte for byte as it writes it (notary: tuf/utils/pkcs8.go
 * convertTUFKeyToPKCS8Encrypted, convertTUFKeyToPKCS8; docker/cli v28 vendors the same file).
 * Written by hand because Node cannot: KeyObject.export({ type: 'pkcs8', cipher }) derives the key
 * with PBKDF2-HMAC-SHA256 and writes PrivateKeyInfo version 0, while notary's reader always
 * derives with HMAC-SHA1 whatever the prf field says, so `notary key passwd` refuses Node's file.
 *
 *   EncryptedPrivateKeyInfo ::= SEQUENCE {
 *     SEQUENCE { pbes2, SEQUENCE {
 *       SEQUENCE { pbkdf2, SEQUENCE { salt OCTET STRING (8), iterationCount 2048 } },  -- no keyLength, no prf
 *       SEQUENCE { aes256-CBC, iv OCTET STRING (16) } } },
 *     encryptedData OCTET STRING }                                  -- PKCS#7 padding
 *   PrivateKeyInfo ::= SEQUENCE { version 1, SEQUENCE { ecPublicKey, prime256v1 }, privateKey OCTET STRING }
 */
export const PBKDF2_ITERATIONS = 2048;
export const SALT_BYTES = 8;
export const IV_BYTES = 16;
const KEY_BYTES = 32;
/** "openssl set to v1 even publicKey is present", so notary writes 1 for EC keys (notary: tuf/utils/pkcs8.go). */
const EC_PRIVATE_KEY_INFO_VERSION = 1;

/** DER of the OIDs (the dotted form is what the tests decode them to). */
export const OID_DER = {
  /** 1.2.840.113549.1.5.13 */
  pbes2: Buffer.from('06092a864886f70d01050d', 'hex'),
  /** 1.2.840.113549.1.5.12 */
  pbkdf2: Buffer.from('06092a864886f70d01050c', 'hex'),
  /** 2.16.840.1.101.3.4.1.42 */
  aes256Cbc: Buffer.from('060960864801650304012a', 'hex'),
  /** 1.2.840.10045.2.1 */
  ecPublicKey: Buffer.from('06072a8648ce3d0201', 'hex'),
  /** 1.2.840.10045.3.1.7 */
  prime256v1: Buffer.from('06082a8648ce3d030107', 'hex'),
} as const;

/**
 * A DER writer for the structures that hold the private key. The shared writer (encodeTlv) joins
 * through Buffer.concat, whose small results live in Node's shared pool, where nothing can zero
 * them; here every buffer comes from Buffer.alloc and is remembered, so wipe() zeroes them all.
 */
class SecretDer {
  private readonly buffers: Buffer[] = [];

  tlv(tag: number, ...contents: Uint8Array[]): Buffer {
    const length = contents.reduce((sum, c) => sum + c.length, 0);
    const header = derHeader(tag, length);
    const out = this.alloc(header.length + length);
    out.set(header, 0);
    let offset = header.length;
    for (const content of contents) {
      out.set(content, offset);
      offset += content.length;
    }
    return out;
  }

  alloc(size: number): Buffer {
    const buffer = Buffer.alloc(size);
    this.buffers.push(buffer);
    return buffer;
  }

  wipe(): void {
    for (const buffer of this.buffers) buffer.fill(0);
  }
}

/** Tag and definite length (DER), for contents written elsewhere; lengths are not secret. */
function derHeader(tag: number, length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(tag, length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}

const smallInteger = (n: number) => encodeTlv(TAG.INTEGER, Uint8Array.of(n));

/** 2048 as Go's asn1 writes an int: minimal big-endian two's complement (02 02 08 00). */
function integer(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return encodeTlv(TAG.INTEGER, Uint8Array.from(bytes));
}

/**
 * The private scalar d, 32 bytes, from the SEC1 DER Node exports (a view into `sec1`, which the
 * caller zeroes). OpenSSL pads d to the order's size, as Go's MarshalECPrivateKey does; a shorter
 * one is left-padded into a buffer of `der`, so it is wiped with the rest.
 */
function privateScalar(sec1: Buffer, der: SecretDer): Uint8Array {
  let fields: Tlv[];
  try {
    fields = children(expectTag(readTlv(sec1).tlv, TAG.SEQUENCE, 'ECPrivateKey').value);
  } catch (error) {
    throw new KeyError('KEY_INVALID', 'OpenSSL exported an EC private key that does not parse', { cause: error });
  }
  const d = fields[1];
  if (!d || d.tag !== TAG.OCTET_STRING || d.value.length === 0 || d.value.length > KEY_BYTES)
    throw new KeyError('KEY_INVALID', 'OpenSSL exported an EC private key without a P-256 scalar');
  if (d.value.length === KEY_BYTES) return d.value;
  const padded = der.alloc(KEY_BYTES);
  padded.set(d.value, KEY_BYTES - d.value.length);
  return padded;
}

/**
 * notary's PrivateKeyInfo for an ECDSA key: version 1, [ecPublicKey, prime256v1], and the SEC1
 * ECPrivateKey as Go's x509.MarshalECPrivateKey writes it: version 1, d in 32 bytes, [0] the curve,
 * [1] the uncompressed public point.
 */
function privateKeyInfo(d: Uint8Array, point: Uint8Array, der: SecretDer): Buffer {
  const ecPrivateKey = der.tlv(
    TAG.SEQUENCE,
    smallInteger(1),
    der.tlv(TAG.OCTET_STRING, d),
    encodeTlv(0xa0, OID_DER.prime256v1),
    encodeTlv(0xa1, encodeTlv(TAG.BIT_STRING, Uint8Array.of(0), point)),
  );
  const algorithm = encodeTlv(TAG.SEQUENCE, OID_DER.ecPublicKey, OID_DER.prime256v1);
  return der.tlv(TAG.SEQUENCE, smallInteger(EC_PRIVATE_KEY_INFO_VERSION), algorithm, der.tlv(TAG.OCTET_STRING, ecPrivateKey));
}

function pbes2Algorithm(salt: Uint8Array, iv: Uint8Array): Uint8Array {
  const kdf = encodeTlv(
    TAG.SEQUENCE,
    OID_DER.pbkdf2,
    encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.OCTET_STRING, salt), integer(PBKDF2_ITERATIONS)),
  );
  const cipher = encodeTlv(TAG.SEQUENCE, OID_DER.aes256Cbc, encodeTlv(TAG.OCTET_STRING, iv));
  return encodeTlv(TAG.SEQUENCE, OID_DER.pbes2, encodeTlv(TAG.SEQUENCE, kdf, cipher));
}

/** AES-256-CBC under PBKDF2-HMAC-SHA1(passphrase, salt, 2048); Node's default padding is PKCS#7, as notary pads. */
function encrypt(plaintext: Buffer, passphrase: Buffer, salt: Uint8Array, iv: Uint8Array): Buffer {
  const key = pbkdf2Sync(passphrase, salt, PBKDF2_ITERATIONS, KEY_BYTES, 'sha1');
  try {
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([cipher.update(plaintext), cipher.final()]);
  } finally {
    key.fill(0);
  }
}

/** The uncompressed public point (04||x||y): the tail of the 91-byte P-256 SubjectPublicKeyInfo. */
function publicPoint(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }).subarray(-65));
}

/**
 * The EncryptedPrivateKeyInfo DER of a P-256 key, as notary writes it. Every buffer that held the
 * plaintext key or the derived key is zeroed before this returns; the passphrase is read in place,
 * never copied (the caller owns it and zeroes it).
 */
export function encryptEcPrivateKey(key: KeyObject, passphrase: Buffer): Uint8Array {
  checkP256(key);
  if (key.type !== 'private') throw new KeyError('KEY_INVALID', 'only private keys are written to key files');
  if (passphrase.length === 0) throw new KeyError('KEY_PASSPHRASE_REQUIRED', 'a passphrase is required to encrypt the new key');
  const sec1 = key.export({ type: 'sec1', format: 'der' });
  const der = new SecretDer();
  try {
    const plaintext = privateKeyInfo(privateScalar(sec1, der), publicPoint(key), der);
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const ciphertext = encrypt(plaintext, passphrase, salt, iv);
    return encodeTlv(TAG.SEQUENCE, pbes2Algorithm(salt, iv), encodeTlv(TAG.OCTET_STRING, ciphertext));
  } finally {
    sec1.fill(0);
    der.wipe();
  }
}
