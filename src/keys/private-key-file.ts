import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { KeyError } from '../errors.js';
import { parsePemBlocks, type PemBlock } from '../tuf/x509.js';
import { TAG, children, decodeOid, decodeSmallInteger, expectTag, readTlv, type Tlv } from '../util/der.js';

/**
 * Private keys as notary and docker store them (N:tuf/utils/pkcs8.go, notary-protocol.md §7):
 * `ENCRYPTED PRIVATE KEY` (PKCS#8, PBES2 + PBKDF2 + AES-CBC) or `PRIVATE KEY`, with `role:` and
 * `gun:` PEM headers; also SEC1 `EC PRIVATE KEY`. Only EC P-256 keys can sign here: they are the
 * only kind notary and docker generate for signers.
 */

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacSha1: '1.2.840.113549.2.7',
  hmacSha256: '1.2.840.113549.2.9',
  hmacSha512: '1.2.840.113549.2.11',
  aes128cbc: '2.16.840.1.101.3.4.1.2',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ed25519Notary: '1.3.6.1.4.1.11591.15.1',
  ed25519: '1.3.101.112',
} as const;

const PRF_DIGESTS: Record<string, string> = { [OID.hmacSha1]: 'sha1', [OID.hmacSha256]: 'sha256', [OID.hmacSha512]: 'sha512' };
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  [OID.aes128cbc]: { name: 'aes-128-cbc', keyLength: 16 },
  [OID.aes256cbc]: { name: 'aes-256-cbc', keyLength: 32 },
};

export interface EcPrivateKey {
  /** The 32-byte private scalar. */
  scalar: Uint8Array;
  /** PEM headers such as `role` and `gun`, as notary wrote them. */
  headers: Record<string, string>;
}

/** Thrown for a wrong passphrase, so callers can name the passphrase input. */
export class WrongPassphraseError extends KeyError {}

export function parsePrivateKeyPem(pem: string, passphrase: string): EcPrivateKey {
  const block = parsePemBlocks(pem).find((b) => b.type.endsWith('PRIVATE KEY'));
  if (!block) throw new KeyError('no PEM private key block found');
  return { scalar: privateScalar(block, passphrase), headers: block.headers };
}

function privateScalar(block: PemBlock, passphrase: string): Uint8Array {
  switch (block.type) {
    case 'ENCRYPTED PRIVATE KEY':
      if (!passphrase) throw new WrongPassphraseError('the key is encrypted and no passphrase was given');
      return fromPkcs8(decryptPkcs8(block.der, passphrase), true);
    case 'PRIVATE KEY':
      return fromPkcs8(block.der, false);
    case 'EC PRIVATE KEY':
      if (block.headers['proc-type']) throw new KeyError('legacy RFC 1423 encrypted EC keys are not supported; re-export as PKCS#8');
      return fromSec1(block.der);
    default:
      throw new KeyError(`unsupported private key type "${block.type}": an ECDSA P-256 key is required`);
  }
}

function guard<T>(what: string, fn: () => T, wrongPassphrase = false): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof KeyError) throw error;
    if (wrongPassphrase) throw new WrongPassphraseError('wrong passphrase (the key did not decrypt)');
    throw new KeyError(`malformed ${what}`);
  }
}

/** PKCS#8 EncryptedPrivateKeyInfo with PBES2 (notary: PBKDF2-HMAC-SHA1, 2048 rounds, AES-256-CBC). */
function decryptPkcs8(der: Uint8Array, passphrase: string): Uint8Array {
  const { salt, iterations, digest, cipher, iv, keyLength, encrypted } = guard('encrypted private key', () => {
    const [algorithm, data] = children(expectTag(readTlv(der).tlv, TAG.SEQUENCE, 'EncryptedPrivateKeyInfo').value);
    const [schemeOid, schemeParams] = children(expectTag(algorithm, TAG.SEQUENCE, 'algorithm').value);
    if (decodeOid(expectTag(schemeOid, TAG.OID, 'OID').value) !== OID.pbes2) throw new KeyError('only PBES2-encrypted keys are supported');
    const [kdf, enc] = children(expectTag(schemeParams, TAG.SEQUENCE, 'PBES2 params').value);
    const [kdfOid, kdfParams] = children(expectTag(kdf, TAG.SEQUENCE, 'kdf').value);
    if (decodeOid(expectTag(kdfOid, TAG.OID, 'OID').value) !== OID.pbkdf2) throw new KeyError('only PBKDF2 key derivation is supported');
    const params = children(expectTag(kdfParams, TAG.SEQUENCE, 'PBKDF2 params').value);
    const salt = expectTag(params[0], TAG.OCTET_STRING, 'salt').value;
    const iterations = decodeSmallInteger(expectTag(params[1], TAG.INTEGER, 'iterations').value);
    // Optional keyLength INTEGER, then optional prf AlgorithmIdentifier (default HMAC-SHA1, which notary writes).
    const prf: Tlv | undefined = params.slice(2).find((p) => p.tag === TAG.SEQUENCE);
    const prfOid = prf ? decodeOid(expectTag(children(prf.value)[0], TAG.OID, 'OID').value) : OID.hmacSha1;
    const digest = PRF_DIGESTS[prfOid];
    if (!digest) throw new KeyError(`unsupported PBKDF2 PRF ${prfOid}`);
    const [cipherOid, ivTlv] = children(expectTag(enc, TAG.SEQUENCE, 'cipher').value);
    const cipher = CIPHERS[decodeOid(expectTag(cipherOid, TAG.OID, 'OID').value)];
    if (!cipher) throw new KeyError('only AES-CBC encrypted keys are supported');
    const iv = expectTag(ivTlv, TAG.OCTET_STRING, 'IV').value;
    return {
      salt,
      iterations,
      digest,
      cipher: cipher.name,
      keyLength: cipher.keyLength,
      iv,
      encrypted: expectTag(data, TAG.OCTET_STRING, 'data').value,
    };
  });
  if (iterations < 1 || iterations > 10_000_000) throw new KeyError(`implausible PBKDF2 iteration count ${iterations}`);
  return guard(
    'encrypted private key',
    () => {
      const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, keyLength, digest);
      const decipher = createDecipheriv(cipher, key, iv);
      const plain = new Uint8Array(Buffer.concat([decipher.update(encrypted), decipher.final()]));
      readTlv(plain); // a wrong passphrase almost never yields valid padding and DER
      return plain;
    },
    true,
  );
}

/** PrivateKeyInfo; notary writes version 1 for EC keys, so any version is accepted. */
function fromPkcs8(der: Uint8Array, decrypted: boolean): Uint8Array {
  return guard(
    'PKCS#8 private key',
    () => {
      const [version, algorithm, privateKey] = children(expectTag(readTlv(der).tlv, TAG.SEQUENCE, 'PrivateKeyInfo').value);
      expectTag(version, TAG.INTEGER, 'version');
      const [keyOid, curveOid] = children(expectTag(algorithm, TAG.SEQUENCE, 'algorithm').value);
      const oid = decodeOid(expectTag(keyOid, TAG.OID, 'OID').value);
      if (oid !== OID.ecPublicKey) {
        const kind = oid === OID.rsaEncryption ? 'RSA' : oid === OID.ed25519 || oid === OID.ed25519Notary ? 'Ed25519' : oid;
        throw new KeyError(`unsupported key type ${kind}: an ECDSA P-256 key is required`);
      }
      if (curveOid && decodeOid(expectTag(curveOid, TAG.OID, 'curve').value) !== OID.prime256v1) {
        throw new KeyError('unsupported EC curve: an ECDSA P-256 key is required');
      }
      return fromSec1(expectTag(privateKey, TAG.OCTET_STRING, 'privateKey').value);
    },
    decrypted,
  );
}

/** SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OPTIONAL, [1] public OPTIONAL }. */
function fromSec1(der: Uint8Array): Uint8Array {
  return guard('EC private key', () => {
    const fields = children(expectTag(readTlv(der).tlv, TAG.SEQUENCE, 'ECPrivateKey').value);
    const d = expectTag(fields[1], TAG.OCTET_STRING, 'private key').value;
    const curve = fields.find((f) => f.tag === 0xa0);
    if (curve && decodeOid(expectTag(children(curve.value)[0], TAG.OID, 'curve').value) !== OID.prime256v1) {
      throw new KeyError('unsupported EC curve: an ECDSA P-256 key is required');
    }
    if (d.length > 32) throw new KeyError('unsupported EC curve: an ECDSA P-256 key is required');
    const scalar = new Uint8Array(32);
    scalar.set(d, 32 - d.length);
    return scalar;
  });
}
