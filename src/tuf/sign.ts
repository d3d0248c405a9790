import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { canonicalBytes } from './canonical-json.js';
import type { JsonObject } from './guard.js';
import type { FileMeta, RoleMetadata } from './metadata.js';
import { serializeSignedFile } from './metadata.js';
import type { Signature } from './signatures.js';

/** Something that signs as a role key: the key ID the role lists for it, and the signature. */
export interface RoleSigner {
  /** The ID as the role lists the key (a certificate's ID differs from its bare key's). */
  keyid: string;
  method: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A metadata file signed by each signer over the canonical bytes, in Go's byte layout. */
export async function signMetadata(signed: RoleMetadata | JsonObject, signers: readonly RoleSigner[]): Promise<Uint8Array> {
  const body = 'toJSON' in signed && typeof signed.toJSON === 'function' ? (signed as RoleMetadata).toJSON() : (signed as JsonObject);
  const message = canonicalBytes(body);
  const signatures: Signature[] = [];
  for (const signer of signers) signatures.push({ keyid: signer.keyid, method: signer.method, sig: await signer.sign(message) });
  return serializeSignedFile(body, signatures);
}

/** Snapshot/timestamp entry for a file: its length, sha256 and sha512 (NotaryDefaultHashes). */
export function fileMetaOf(bytes: Uint8Array): FileMeta {
  return { length: bytes.length, hashes: { sha256: sha256(bytes), sha512: sha512(bytes) } };
}
