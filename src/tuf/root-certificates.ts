import { VerificationError } from '../errors.js';
import { TAG, children, decodeOid, expectTag, readTlv } from '../util/der.js';
import { utf8Text } from './encoding.js';
import type { PublicKey } from './keys.js';
import { commonName, encodePem, parsePemBlocks } from './x509.js';

const SHA1_SIGNATURES = new Set(['1.2.840.10045.4.1', '1.2.840.113549.1.1.5', '1.3.14.3.2.29']);
const DAY_MS = 86_400_000;

/**
 * Root keys are self-signed certificates; notary accepts a root only if every root key passes
 * N:trustpinning/certs.go validRootLeafCerts and N:tuf/utils/x509.go ValidateCertificate:
 * leaf first, CN = GUN (or a `prefix*` wildcard), NotBefore at most a day ahead, not expired,
 * no SHA-1, RSA >= 2048 bits. Notary also re-encodes the PEM with Go's pem.Encode and recomputes
 * key IDs, so any other PEM layout (76 columns, CRLF) makes the root unusable: refuse it here.
 */
export function checkRootCertificate(key: PublicKey, gun: string, now: number, checkExpiry: boolean): void {
  const where = `root key ${key.id.slice(0, 12)}`;
  if (!key.isCertificate)
    throw new VerificationError(`${where} is a bare ${key.keytype} key; notary requires root keys to be certificates`);
  const pem = utf8Text(key.publicBytes);
  const blocks = parsePemBlocks(pem);
  if (blocks.length === 0 || blocks.map((b) => encodePem(b.type, b.der)).join('') !== pem) {
    throw new VerificationError(`${where}: certificate PEM is not in Go's pem.Encode layout, so notary computes another key ID`);
  }
  const cert = key.certificate();
  if (!cert) throw new VerificationError(`${where}: certificate does not parse`);
  if (cert.ca) throw new VerificationError(`${where}: the first certificate must be a leaf (CA=false)`);
  const cn = commonName(cert) ?? '';
  const matches = cn === gun || (cn.endsWith('*') && gun.startsWith(cn.slice(0, -1)));
  if (!matches) throw new VerificationError(`${where}: certificate CN "${cn}" does not match the repository ${gun}`);
  const notBefore = Date.parse(cert.validFrom);
  const notAfter = Date.parse(cert.validTo);
  if (notBefore > now + DAY_MS) throw new VerificationError(`${where}: certificate is not valid before ${cert.validFrom}`);
  if (checkExpiry && notAfter < now) throw new VerificationError(`${where}: certificate expired on ${cert.validTo}`);
  const [, sigAlg] = children(expectTag(readTlv(blocks[0]!.der).tlv, TAG.SEQUENCE, 'certificate').value);
  const sigOid = decodeOid(expectTag(children(expectTag(sigAlg, TAG.SEQUENCE, 'signatureAlgorithm').value)[0], TAG.OID, 'OID').value);
  if (SHA1_SIGNATURES.has(sigOid)) throw new VerificationError(`${where}: certificate is signed with SHA-1`);
  const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength;
  if (cert.publicKey.asymmetricKeyType === 'rsa' && (bits ?? 0) < 2048)
    throw new VerificationError(`${where}: RSA key shorter than 2048 bits`);
}
