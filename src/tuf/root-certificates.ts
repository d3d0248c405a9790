import { isDctError, VerificationError } from '../errors.js';
import { TAG, children, decodeOid, expectTag, readTlv } from '../util/der.js';
import { utf8Text } from './encoding.js';
import type { PublicKey } from './keys.js';
import { commonName, encodePem, parsePemBlocks } from './x509.js';

const SHA1_SIGNATURES = new Set(['1.2.840.10045.4.1', '1.2.840.113549.1.1.5', '1.3.14.3.2.29']);
const DAY_MS = 86_400_000;

/**
 * Root keys are self-signed certificates; notary accepts a root only if every root key passes
 * notary: trustpinning/certs.go validRootLeafCerts and notary: tuf/utils/x509.go ValidateCertificate:
 * leaf first, CN = GUN (or a `prefix*` wildcard), NotBefore at most a day ahead, not expired,
 * no SHA-1, RSA >= 2048 bits. Notary also re-encodes the PEM with Go's pem.Encode and recomputes
 * key IDs, so any other PEM layout (76 columns, CRLF) makes the root unusable: refuse it here.
 */
export function checkRootCertificate(key: PublicKey, gun: string, now: number, checkExpiry: boolean): void {
  try {
    checkCertificate(key, gun, now, checkExpiry);
  } catch (error) {
    // OpenSSL and DER errors of a hostile certificate fail this root, like any other defect.
    if (error instanceof VerificationError) throw error;
    const reason = isDctError(error) ? error.message : 'OpenSSL cannot read it';
    throw new VerificationError('CERTIFICATE_INVALID', `root key ${key.id.slice(0, 12)}: certificate does not parse (${reason})`, {
      cause: error,
    });
  }
}

function checkCertificate(key: PublicKey, gun: string, now: number, checkExpiry: boolean): void {
  const where = `root key ${key.id.slice(0, 12)}`;
  const invalid = (message: string) => new VerificationError('CERTIFICATE_INVALID', `${where}${message}`);
  if (!key.isCertificate) throw invalid(` is a bare ${key.keytype} key; notary requires root keys to be certificates`);
  const pem = utf8Text(key.publicBytes);
  const blocks = parsePemBlocks(pem);
  if (blocks.length === 0 || blocks.map((b) => encodePem(b.type, b.der)).join('') !== pem) {
    throw invalid(`: certificate PEM is not in Go's pem.Encode layout, so notary computes another key ID`);
  }
  const cert = key.certificate();
  if (!cert) throw invalid(': certificate does not parse');
  if (cert.ca) throw invalid(': the first certificate must be a leaf (CA=false)');
  const cn = commonName(cert) ?? '';
  const matches = cn === gun || (cn.endsWith('*') && gun.startsWith(cn.slice(0, -1)));
  if (!matches) throw invalid(`: certificate CN "${cn}" does not match the repository ${gun}`);
  const notBefore = Date.parse(cert.validFrom);
  const notAfter = Date.parse(cert.validTo);
  if (notBefore > now + DAY_MS) throw invalid(`: certificate is not valid before ${cert.validFrom}`);
  if (checkExpiry && notAfter < now) throw invalid(`: certificate expired on ${cert.validTo}`);
  const [, sigAlg] = children(expectTag(readTlv(blocks[0]!.der).tlv, TAG.SEQUENCE, 'certificate').value);
  const sigOid = decodeOid(expectTag(children(expectTag(sigAlg, TAG.SEQUENCE, 'signatureAlgorithm').value)[0], TAG.OID, 'OID').value);
  if (SHA1_SIGNATURES.has(sigOid)) throw invalid(': certificate is signed with SHA-1');
  const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength;
  if (cert.publicKey.asymmetricKeyType === 'rsa' && (bits ?? 0) < 2048) throw invalid(': RSA key shorter than 2048 bits');
}
