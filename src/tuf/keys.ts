import { X509Certificate, type KeyObject } from 'node:crypto';
import { KeyError, VerificationError } from '../errors.js';
import { canonicalBytes, type JsonValue } from './canonical-json.js';
import { fromBase64, sha256Hex, toBase64, utf8Bytes, utf8Text } from './encoding.js';
import type { JsonReader } from './guard.js';
import { encodePem, parseCertificates, parsePemBlocks, publicKeyFromSpki, spkiOf } from './x509.js';

/** Key types notary knows (notary: tuf/data/keys.go); anything else parses but verifies nothing. */
export type KeyType = 'ecdsa' | 'ecdsa-x509' | 'ed25519' | 'rsa' | 'rsa-x509';
const KNOWN_TYPES: readonly string[] = ['ecdsa', 'ecdsa-x509', 'ed25519', 'rsa', 'rsa-x509'];

/**
 * A public key as metadata lists it: `{"keytype":T,"keyval":{"private":null,"public":<b64>}}`.
 * `id` is the TUF key ID (sha256 of that canonical JSON). `canonicalId` is the ID of the bare
 * public key, which differs for certificates (x509.go CanonicalKeyID): private keys and
 * `docker trust inspect` use it.
 */
export class PublicKey {
  private cachedId?: string;
  private cachedCanonicalId?: string;

  constructor(
    readonly keytype: string,
    readonly publicBytes: Uint8Array,
  ) {}

  static fromJSON(reader: JsonReader, value: unknown, path: string): PublicKey {
    const obj = reader.object(value, path);
    const keytype = reader.string(obj.keytype, `${path}.keytype`);
    const keyval = reader.object(obj.keyval, `${path}.keyval`);
    // Public metadata never carries private key material (Go writes "private":null).
    if (keyval.private !== undefined && keyval.private !== null) reader.fail(`${path}.keyval.private`, 'null');
    const bytes = fromBase64(reader.string(keyval.public, `${path}.keyval.public`));
    if (!bytes) reader.fail(`${path}.keyval.public`, 'padded standard base64');
    return new PublicKey(keytype, bytes);
  }

  /** A bare (non-certificate) public key from SubjectPublicKeyInfo DER. */
  static fromKeyObject(key: KeyObject): PublicKey {
    switch (key.asymmetricKeyType) {
      case 'ec':
        return new PublicKey('ecdsa', spkiOf(key));
      case 'rsa':
        return new PublicKey('rsa', spkiOf(key));
      case 'ed25519':
        return new PublicKey('ed25519', new Uint8Array(spkiOf(key).slice(-32)));
      default:
        throw new KeyError('KEY_INVALID', `unsupported public key type ${String(key.asymmetricKeyType)}`);
    }
  }

  /** An `ecdsa` key from an uncompressed P-256 point (04||x||y), as tokens hold it. */
  static fromP256Point(point: Uint8Array): PublicKey {
    return new PublicKey('ecdsa', new Uint8Array(Buffer.concat([P256_SPKI_PREFIX, point])));
  }

  toJSON(): { [key: string]: JsonValue } {
    return { keytype: this.keytype, keyval: { private: null, public: toBase64(this.publicBytes) } };
  }

  get isKnownType(): boolean {
    return KNOWN_TYPES.includes(this.keytype);
  }

  get isCertificate(): boolean {
    return this.keytype.endsWith('-x509');
  }

  get id(): string {
    this.cachedId ??= sha256Hex(canonicalBytes(this.toJSON()));
    return this.cachedId;
  }

  /**
   * For certificates, the leaf certificate (first in the bundle). The bytes come from metadata, so
   * a certificate OpenSSL cannot read is a verification failure of that key, never a crash.
   */
  certificate(): X509Certificate | undefined {
    if (!this.isCertificate) return undefined;
    try {
      return parseCertificates(utf8Text(this.publicBytes))[0];
    } catch (error) {
      throw new VerificationError('CERTIFICATE_INVALID', `key ${this.id.slice(0, 12)}: its certificate does not parse`, { cause: error });
    }
  }

  /** The key as a Node KeyObject, or undefined for types notary cannot verify with. */
  keyObject(): KeyObject | undefined {
    try {
      switch (this.keytype) {
        case 'ecdsa':
        case 'rsa':
          return publicKeyFromSpki(this.publicBytes);
        case 'ecdsa-x509':
        case 'rsa-x509':
          return this.certificate()?.publicKey;
        case 'ed25519':
          return publicKeyFromSpki(ed25519Spki(this.publicBytes));
        default:
          return undefined;
      }
    } catch {
      return undefined;
    }
  }

  /** The ID of the bare public key: equal to `id` for non-certificate keys. */
  get canonicalId(): string {
    if (this.cachedCanonicalId === undefined) {
      const key = this.isCertificate ? this.keyObject() : undefined;
      this.cachedCanonicalId = key ? PublicKey.fromKeyObject(key).id : this.id;
    }
    return this.cachedCanonicalId;
  }
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** SubjectPublicKeyInfo header for an uncompressed P-256 point (ecPublicKey, prime256v1). */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

export function ed25519Spki(raw: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([ED25519_SPKI_PREFIX, raw]));
}

/**
 * A public key from PEM as docker writes it: `PUBLIC KEY` (with a `role:` header, which OpenSSL
 * refuses, hence our own PEM reader) or `CERTIFICATE` (as an `*-x509` key, PEM re-encoded the way
 * Go's pem.Encode writes it so that the key ID is the one notary computes).
 */
export function publicKeyFromPem(text: string): PublicKey {
  const blocks = parsePemBlocks(text);
  const certs = blocks.filter((b) => b.type === 'CERTIFICATE');
  const block = blocks.find((b) => b.type === 'PUBLIC KEY');
  if (certs.length === 0 && !block) throw new KeyError('KEY_INVALID', 'no PEM PUBLIC KEY or CERTIFICATE block found');
  let base: PublicKey;
  try {
    base = PublicKey.fromKeyObject(certs[0] ? new X509Certificate(Buffer.from(certs[0].der)).publicKey : publicKeyFromSpki(block!.der));
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError('KEY_INVALID', `the PEM ${certs[0] ? 'CERTIFICATE' : 'PUBLIC KEY'} does not parse`, { cause: error });
  }
  if (certs.length === 0) return base;
  if (base.keytype === 'ed25519') throw new KeyError('KEY_INVALID', 'ed25519 certificates are not supported by notary');
  return new PublicKey(`${base.keytype}-x509`, utf8Bytes(certs.map((c) => encodePem('CERTIFICATE', c.der)).join('')));
}
