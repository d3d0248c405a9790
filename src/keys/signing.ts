import { canonicalBytes } from '../tuf/canonical-json.js';
import { rootCertificateKey, rootCertificateTbs } from '../tuf/certificate.js';
import type { PublicKey } from '../tuf/keys.js';
import { serializeSignedFile, type RoleMetadata } from '../tuf/metadata.js';
import type { Signature } from '../tuf/signatures.js';
import { SIGNATURE_METHOD, type Signer } from './signer.js';

/** Who signs a role's file, and the key ID the role lists for that key (a certificate's ID for root). */
export interface RoleSignature {
  signer: Signer;
  keyid: string;
}

/** A metadata file signed by each signer over its canonical bytes, in Go's byte layout. */
export async function signMetadata(body: RoleMetadata, by: readonly RoleSignature[]): Promise<Uint8Array> {
  const signed = body.toJSON();
  const message = canonicalBytes(signed);
  const signatures: Signature[] = [];
  for (const { signer, keyid } of by) signatures.push({ keyid, method: SIGNATURE_METHOD, sig: await signer.sign(message) });
  return serializeSignedFile(signed, signatures);
}

/** A new root certificate for `gun`, self-signed by the signer's key, as notary's init and root rotation make it. */
export async function createRootCertificate(gun: string, signer: Signer, now = Date.now()): Promise<PublicKey> {
  const tbs = rootCertificateTbs(gun, signer.publicKey, now);
  return rootCertificateKey(tbs, await signer.sign(tbs));
}
