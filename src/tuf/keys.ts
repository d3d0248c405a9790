import { X509Certificate, type KeyObject } from 'node:crypto';
import { canonicalBytes, type JsonValue } from './canonical-json.js';
import { fromBase64, sha256Hex, toBase64, utf8Bytes, utf8Text } from './encoding.js';
import type { JsonReader } from './guard.js';
import { encodePem, parseCertificates, parsePemBlocks, publicKeyFromSpki, spkiOf } from './x509.js';

/** Key types notary knows (N:tuf/data/keys.go); anything else parses but verifies nothing. */
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
        throw new Error(`unsupported public key type ${String(key.asymmetricKeyType)}`);
    }
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

  /** For certificates, the leaf certificate (first in the bundle). */
  certificate(): X509Certificate | undefined {
    if (!this.isCertificate) return undefined;
    return parseCertificates(utf8Text(this.publicBytes))[0];
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
  if (certs.length > 0) {
    const leaf = new X509Certificate(Buffer.from(certs[0]!.der));
    const base = PublicKey.fromKeyObject(leaf.publicKey);
    if (base.keytype === 'ed25519') throw new Error('ed25519 certificates are not supported by notary');
    return new PublicKey(`${base.keytype}-x509`, utf8Bytes(certs.map((c) => encodePem('CERTIFICATE', c.der)).join('')));
  }
  const block = blocks.find((b) => b.type === 'PUBLIC KEY');
  if (!block) throw new Error('no PEM PUBLIC KEY or CERTIFICATE block found');
  return PublicKey.fromKeyObject(publicKeyFromSpki(block.der));
}
