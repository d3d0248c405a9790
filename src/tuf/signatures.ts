import { constants, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { VerificationError } from '../errors.js';
import type { PublicKey } from './keys.js';

/** One entry of a metadata file's `signatures` array (notary: tuf/data/types.go Signature). */
export interface Signature {
  keyid: string;
  method: string;
  sig: Uint8Array;
}

const CURVES = { prime256v1: p256, secp384r1: p384, secp521r1: p521 } as const;

/** The uncompressed point (04||x||y) of an EC key, as noble expects it. */
export function ecPoint(key: KeyObject): { curve: (typeof CURVES)[keyof typeof CURVES]; point: Uint8Array } | undefined {
  const name = key.asymmetricKeyDetails?.namedCurve as keyof typeof CURVES | undefined;
  const curve = name ? CURVES[name] : undefined;
  const jwk = key.export({ format: 'jwk' });
  if (!curve || !jwk.x || !jwk.y) return undefined;
  return {
    curve,
    point: new Uint8Array(Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')])),
  };
}

/**
 * A DER ECDSA-Sig-Value over P-256, as cloud KMS and Vault answer, in notary's `ecdsa` form (raw
 * r||s, 32 bytes each); undefined when it is not one.
 */
export function p256DerToRaw(der: Uint8Array): Uint8Array | undefined {
  try {
    return p256.Signature.fromBytes(der, 'der').toBytes('compact');
  } catch {
    return undefined;
  }
}

/**
 * One signature over `message` (the canonical bytes of `signed`), by the rules of
 * notary: tuf/signed/verifiers.go. ECDSA is over SHA-256 for every curve, as raw r||s of exactly
 * 2*ceil(bits/8) bytes; Go signatures are not low-S, so low-S must not be required.
 */
export function verifySignature(key: PublicKey, method: string, sig: Uint8Array, message: Uint8Array): boolean {
  const keyObject = key.keyObject();
  if (!keyObject) return false;
  // Method names match case-insensitively, as notary lower-cases them on input (notary: tuf/data/types.go Signature.UnmarshalJSON).
  const name = method.toLowerCase();
  try {
    switch (name) {
      case 'ecdsa': {
        if (key.keytype !== 'ecdsa' && key.keytype !== 'ecdsa-x509') return false;
        const ec = ecPoint(keyObject);
        if (!ec || sig.length !== 2 * ec.curve.Point.Fn.BYTES) return false;
        return ec.curve.verify(sig, sha256(message), ec.point, { prehash: false, lowS: false, format: 'compact' });
      }
      case 'eddsa':
        if (key.keytype !== 'ed25519' || sig.length !== 64) return false;
        return ed25519.verify(sig, message, key.publicBytes);
      case 'rsapss':
      case 'rsapkcs1v15': {
        if (key.keytype !== 'rsa' && key.keytype !== 'rsa-x509') return false;
        if (sig.length < 256) return false;
        const padding = name === 'rsapss' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING;
        return nodeVerify('sha256', message, { key: keyObject, padding, saltLength: 32 }, sig);
      }
      default:
        return false;
    }
  } catch {
    return false;
  }
}

export interface RoleKeys {
  /** The role's name, for messages. */
  name: string;
  keyids: readonly string[];
  threshold: number;
  /** Where the role's key IDs are defined (root `keys`, or the parent's delegation keys). */
  keys: ReadonlyMap<string, PublicKey>;
}

/**
 * Threshold verification as notary: tuf/signed/verify.go VerifySignatures does it: signatures by keys
 * outside the role are ignored; a role key whose real ID differs from its listed ID fails the
 * whole check. The threshold counts distinct keys, by canonical ID: notary counts listed key IDs,
 * so one key listed both bare (`ecdsa`) and as its `ecdsa-x509` certificate would count twice
 * (TUF spec 4.3: a threshold of keys; the same flaw as go-tuf GHSA-3633-5h82-39pq).
 * Returns the listed IDs of the keys with a valid signature.
 */
export function verifyThreshold(source: string, role: RoleKeys, message: Uint8Array, signatures: readonly Signature[]): string[] {
  if (signatures.length === 0) throw new VerificationError('THRESHOLD_NOT_MET', `${source}: no signatures`);
  if (role.threshold < 1)
    throw new VerificationError('METADATA_MALFORMED', `${source}: role ${role.name} has threshold ${role.threshold} (must be >= 1)`);
  const valid = new Set<string>();
  const distinctKeys = new Set<string>();
  for (const signature of signatures) {
    if (!role.keyids.includes(signature.keyid) || valid.has(signature.keyid)) continue;
    const key = role.keys.get(signature.keyid);
    if (!key) continue;
    if (key.id !== signature.keyid) {
      throw new VerificationError('METADATA_MALFORMED', `${source}: key listed as ${signature.keyid} has ID ${key.id}`);
    }
    if (!verifySignature(key, signature.method, signature.sig, message)) continue;
    valid.add(signature.keyid);
    distinctKeys.add(key.canonicalId);
  }
  if (distinctKeys.size < role.threshold) throw thresholdNotMet(source, role, signatures, valid.size, distinctKeys.size);
  return [...valid];
}

function thresholdNotMet(source: string, role: RoleKeys, signatures: readonly Signature[], ids: number, keys: number): VerificationError {
  const signedBy = signatures.map((s) => s.keyid.slice(0, 12)).join(', ');
  const sameKey = ids > keys ? `; ${ids} of the role's key IDs name only ${keys} distinct key(s), counted once each` : '';
  return new VerificationError(
    'THRESHOLD_NOT_MET',
    `${source}: signature threshold not met for ${role.name}: ${keys} valid of ${role.threshold} required ` +
      `(role keys ${role.keyids.map((k) => k.slice(0, 12)).join(', ') || 'none'}; signed by ${signedBy}${sameKey})`,
  );
}
