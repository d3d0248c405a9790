import { createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { KeyError } from '../errors.js';
import { PublicKey } from '../tuf/keys.js';
import { parsePemBlocks } from '../tuf/x509.js';
import type { Signer } from './signer.js';

/**
 * Private keys as notary and docker store them (notary: tuf/utils/pkcs8.go; notary-protocol.md
 * §7): `ENCRYPTED PRIVATE KEY` (PKCS#8, PBES2) or `PRIVATE KEY` with `role:`/`gun:` PEM headers,
 * and SEC1 `EC PRIVATE KEY`. OpenSSL refuses PEM headers inside PKCS#8 blocks, so the block is read
 * by our PEM reader and its DER handed to Node's createPrivateKey, which decrypts and parses it.
 * Only P-256 keys sign here: the only kind notary and docker generate for signing roles.
 */
export interface FileKey {
  key: KeyObject;
  /** PEM headers such as `role` and `gun`, as notary wrote them. */
  headers: Record<string, string>;
}

const PEM_TYPES: Record<string, 'pkcs8' | 'sec1'> = {
  'ENCRYPTED PRIVATE KEY': 'pkcs8',
  'PRIVATE KEY': 'pkcs8',
  'EC PRIVATE KEY': 'sec1',
};

/**
 * The key of a PEM text. `passphrase` is a Buffer so the caller can zero it; the DER copied out of
 * the PEM is zeroed here once OpenSSL holds the key (Node cannot zero the strings it came from).
 */
export function readPrivateKeyPem(pem: string, passphrase?: Buffer): FileKey {
  const blocks = parsePemBlocks(pem).filter((b) => b.type.endsWith('PRIVATE KEY'));
  const block = blocks[0];
  if (!block) throw new KeyError('KEY_INVALID', 'no PEM private key block found');
  const der = Buffer.from(block.der);
  block.der.fill(0);
  try {
    const type = PEM_TYPES[block.type];
    if (!type) throw new KeyError('KEY_INVALID', `unsupported private key type "${block.type}": an ECDSA P-256 key is required`);
    if (block.headers['proc-type'])
      throw new KeyError('KEY_INVALID', 'legacy RFC 1423 encrypted EC keys are not supported; re-export as PKCS#8');
    const encrypted = block.type === 'ENCRYPTED PRIVATE KEY';
    if (encrypted && !passphrase?.length) throw new KeyError('KEY_PASSPHRASE_REQUIRED', 'the key is encrypted and no passphrase was given');
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: der, format: 'der', type, ...(encrypted ? { passphrase } : {}) });
    } catch (error) {
      // A wrong passphrase yields bad padding or, rarely, garbage DER: either way it did not decrypt.
      if (encrypted) throw new KeyError('KEY_WRONG_PASSPHRASE', 'wrong passphrase (the key did not decrypt)', { cause: error });
      throw new KeyError('KEY_INVALID', `malformed ${block.type}`, { cause: error });
    }
    checkP256(key);
    return { key, headers: block.headers };
  } finally {
    der.fill(0);
  }
}

/** An ECDSA P-256 key: the only kind docker and notary generate for signing roles, and the only kind that signs here. */
export function checkP256(key: KeyObject): void {
  const type = key.asymmetricKeyType;
  if (type !== 'ec') {
    const kind = type === 'rsa' ? 'RSA' : type === 'ed25519' ? 'Ed25519' : String(type);
    throw new KeyError('KEY_INVALID', `unsupported key type ${kind}: an ECDSA P-256 key is required`);
  }
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new KeyError('KEY_INVALID', 'unsupported EC curve: an ECDSA P-256 key is required');
}

/** A P-256 key held by OpenSSL as a KeyObject (from a secret or a file); it never leaves it. */
export class KeyObjectSigner implements Signer {
  readonly publicKey: PublicKey;
  private key?: KeyObject;

  constructor(
    key: KeyObject,
    readonly description: string,
  ) {
    checkP256(key);
    this.key = key;
    this.publicKey = PublicKey.fromKeyObject(createPublicKey(key));
  }

  /** ECDSA over SHA-256(data); `ieee-p1363` is the raw r||s notary writes. */
  sign(data: Uint8Array): Promise<Uint8Array> {
    if (!this.key) return Promise.reject(new KeyError('KEY_SIGN_FAILED', `${this.description} is closed`));
    return Promise.resolve(new Uint8Array(nodeSign('sha256', data, { key: this.key, dsaEncoding: 'ieee-p1363' })));
  }

  close(): Promise<void> {
    this.key = undefined;
    return Promise.resolve();
  }
}

/** The signer of a PEM key text; `role` from its header names it in messages. */
export function openPemKey(pem: string, passphrase?: Buffer): KeyObjectSigner {
  const { key, headers } = readPrivateKeyPem(pem, passphrase);
  return new KeyObjectSigner(key, `private key${headers.role ? ` (role: ${headers.role})` : ''}`);
}
