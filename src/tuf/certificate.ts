import { randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { KeyError } from '../errors.js';
import { encodeTlv, TAG } from '../util/der.js';
import { utf8Bytes } from './encoding.js';
import { PublicKey } from './keys.js';
import { encodePem } from './x509.js';

/**
 * The self-signed root certificate notary makes for each repository (notary:
 * cryptoservice/certificate.go, tuf/utils/x509.go NewCertificate): CN = GUN as subject and issuer,
 * a random 128-bit serial, validity from now for 10 x 365 days, keyUsage
 * digitalSignature|keyEncipherment, extKeyUsage codeSigning, basicConstraints CA=false,
 * ecdsa-with-SHA256. Written by hand on our DER writer because the signature may come from a KMS or
 * a token, which no certificate library here drives. In two steps, so this stays pure: the
 * to-be-signed bytes, then the certificate around a signature made elsewhere.
 */
const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  codeSigning: '1.3.6.1.5.5.7.3.3',
};

function oid(value: string): Uint8Array {
  const parts = value.split('.').map(Number);
  const bytes: number[] = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let n = Math.floor(part / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return encodeTlv(TAG.OID, Uint8Array.from(bytes));
}

const seq = (...items: Uint8Array[]) => encodeTlv(TAG.SEQUENCE, ...items);

function positiveInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return encodeTlv(TAG.INTEGER, trimmed[0]! & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5), as Go writes them. */
function time(ms: number): Uint8Array {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const digits = iso.replace(/[-:T]/g, '').slice(0, 14);
  const year = Number(digits.slice(0, 4));
  return year < 2050 ? encodeTlv(0x17, utf8Bytes(`${digits.slice(2)}Z`)) : encodeTlv(0x18, utf8Bytes(`${digits}Z`));
}

function name(commonName: string): Uint8Array {
  return seq(encodeTlv(0x31, seq(oid(OID.commonName), encodeTlv(0x0c, utf8Bytes(commonName)))));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical ? [encodeTlv(0x01, Uint8Array.of(0xff))] : []), encodeTlv(TAG.OCTET_STRING, value));
}

export const ROOT_CERT_DAYS = 10 * 365;

const SIGNATURE_ALGORITHM = seq(oid(OID.ecdsaWithSha256));

/** The TBSCertificate of a root certificate for `gun` over a bare P-256 key: the bytes to sign. */
export function rootCertificateTbs(gun: string, key: PublicKey, now = Date.now(), days = ROOT_CERT_DAYS): Uint8Array {
  if (key.keytype !== 'ecdsa') throw new KeyError('KEY_INVALID', `root keys must be ECDSA, got ${key.keytype}`);
  return seq(
    encodeTlv(0xa0, encodeTlv(TAG.INTEGER, Uint8Array.of(2))),
    positiveInteger(randomBytes(16)),
    SIGNATURE_ALGORITHM,
    name(gun),
    seq(time(now), time(now + days * 86_400_000)),
    name(gun),
    key.publicBytes, // SubjectPublicKeyInfo DER
    encodeTlv(
      0xa3,
      seq(
        extension(OID.keyUsage, true, encodeTlv(TAG.BIT_STRING, Uint8Array.of(5, 0xa0))),
        extension(OID.extKeyUsage, false, seq(oid(OID.codeSigning))),
        extension(OID.basicConstraints, true, seq()),
      ),
    ),
  );
}

/** The root key as metadata lists it (`ecdsa-x509`, public = the certificate's PEM), from the TBS and its raw r||s signature. */
export function rootCertificateKey(tbs: Uint8Array, rawSignature: Uint8Array): PublicKey {
  // X.509 carries the DER ECDSA-Sig-Value, our signers return raw r||s.
  const signature = p256.Signature.fromBytes(rawSignature, 'compact').toBytes('der');
  const der = seq(tbs, SIGNATURE_ALGORITHM, encodeTlv(TAG.BIT_STRING, Uint8Array.of(0), signature));
  return new PublicKey('ecdsa-x509', utf8Bytes(encodePem('CERTIFICATE', der)));
}
