import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDecipheriv, generateKeyPairSync, pbkdf2Sync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptPrivateKeyPem, generateKeyFile, type GeneratedKey } from '../../src/keys/generate.js';
import { openPemKey, readPrivateKeyPem } from '../../src/keys/file-key.js';
import { PublicKey, publicKeyFromPem } from '../../src/tuf/keys.js';
import { encodePem, parsePemBlocks } from '../../src/tuf/x509.js';
import { children, decodeOid, decodeSmallInteger, readTlv, TAG, type Tlv } from '../../src/util/der.js';
import { execSync } from '../support/exec.js';
import { fixtureText } from '../support/fixtures.js';

const PASSPHRASE = 'correct horse battery staple';
const pass = () => Buffer.from(PASSPHRASE);

/** The DER of a PEM text's first block. */
const pemDer = (pem: string) => parsePemBlocks(pem)[0]!.der;
const kids = (tlv: Tlv) => children(tlv.value);
const top = (der: Uint8Array) => readTlv(der).tlv;

/** notary's EncryptedPrivateKeyInfo taken apart (notary: tuf/utils/pkcs8.go), with no help from the writer under test. */
function parseEncrypted(der: Uint8Array) {
  const [algorithm, data] = kids(top(der));
  const [pbes2Oid, pbes2Params] = kids(algorithm!);
  const [kdf, cipher] = kids(pbes2Params!);
  const [kdfOid, kdfParams] = kids(kdf!);
  const [cipherOid, iv] = kids(cipher!);
  const params = kids(kdfParams!);
  return {
    oids: [pbes2Oid, kdfOid, cipherOid].map((t) => decodeOid(t!.value)),
    kdfParams: params,
    salt: params[0]!,
    iterations: params[1]!,
    iv: iv!,
    ciphertext: data!,
  };
}

/** Decrypts as notary's reader does: PBKDF2-HMAC-SHA1, AES-256-CBC; the padding is checked here (notary leaves it to ASN.1). */
function decrypt(der: Uint8Array, passphrase: string): { plaintext: Buffer; padding: number } {
  const { salt, iterations, iv, ciphertext } = parseEncrypted(der);
  const key = pbkdf2Sync(passphrase, salt.value, decodeSmallInteger(iterations.value), 32, 'sha1');
  const decipher = createDecipheriv('aes-256-cbc', key, iv.value).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(ciphertext.value), decipher.final()]);
  const padding = padded[padded.length - 1]!;
  expect(padding).toBeGreaterThanOrEqual(1);
  expect(padding).toBeLessThanOrEqual(16);
  expect([...padded.subarray(-padding)]).toEqual(new Array<number>(padding).fill(padding));
  return { plaintext: padded.subarray(0, -padding), padding };
}

/** Tags, lengths, OIDs and small integers of a DER tree; the bytes of strings only by length (salts, keys differ). */
type Shape = string | Shape[];
function shape(tlv: Tlv): Shape {
  const head = `${tlv.tag.toString(16)}/${tlv.value.length}`;
  if (tlv.tag === TAG.SEQUENCE || tlv.tag === 0xa0 || tlv.tag === 0xa1) return [head, ...kids(tlv).map(shape)];
  if (tlv.tag === TAG.OID) return `${head} ${decodeOid(tlv.value)}`;
  if (tlv.tag === TAG.INTEGER) return `${head} ${decodeSmallInteger(tlv.value)}`;
  return head;
}

/** PrivateKeyInfo and the SEC1 ECPrivateKey inside it. */
function parsePlaintext(plaintext: Uint8Array) {
  const info = top(plaintext);
  const [version, algorithm, privateKey] = kids(info);
  const ecPrivateKey = top(privateKey!.value);
  return { info, version: version!, algorithm: algorithm!, ecPrivateKey, ecFields: kids(ecPrivateKey) };
}

describe('generated key files, as docker trust key generate writes them', () => {
  let dir: string;
  let alice: GeneratedKey;
  let alicePath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dct-generate-'));
    alicePath = join(dir, 'alice.key');
    alice = generateKeyFile({ path: alicePath, role: 'alice', passphrase: pass() });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the key reader to the same key ID, with the role header', () => {
    const text = readFileSync(alicePath, 'utf8');
    expect(openPemKey(text, pass()).publicKey.id).toBe(alice.keyId);
    expect(readPrivateKeyPem(text, pass()).headers).toEqual({ role: 'alice' });
    expect(alice.publicKey.id).toBe(alice.keyId);
    expect(alice.publicKey.keytype).toBe('ecdsa');
    expect(alice.keyId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lays out the PEM as Go pem.Encode does: header, blank line, 64 columns, LF, final newline', () => {
    const text = readFileSync(alicePath, 'utf8');
    expect(text).toMatch(
      /^-----BEGIN ENCRYPTED PRIVATE KEY-----\nrole: alice\n\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END ENCRYPTED PRIVATE KEY-----\n$/,
    );
    // a P-256 key's file has one length whatever its bytes: the same as the one docker wrote
    expect(text.length).toBe(fixtureText('keys/alice-docker.key').length);
  });

  it('writes the public key exactly as docker writes <name>.pub', () => {
    const docker = fixtureText('keys/alice.pub');
    expect(alice.publicPem.split('\n').map((l) => l.length)).toEqual(docker.split('\n').map((l) => l.length));
    expect(alice.publicPem.split('\n').slice(0, 3)).toEqual(docker.split('\n').slice(0, 3));
    expect(publicKeyFromPem(alice.publicPem).id).toBe(alice.keyId);
    expect(parsePemBlocks(alice.publicPem)[0]!.der).toEqual(alice.publicKey.publicBytes);
  });

  it('encrypts as notary does: PBES2, PBKDF2 with an 8-byte salt, 2048 iterations, no keyLength and no PRF (HMAC-SHA1), AES-256-CBC', () => {
    const parsed = parseEncrypted(pemDer(readFileSync(alicePath, 'utf8')));
    expect(parsed.oids).toEqual(['1.2.840.113549.1.5.13', '1.2.840.113549.1.5.12', '2.16.840.1.101.3.4.1.42']);
    expect(parsed.kdfParams.map((t) => t.tag)).toEqual([TAG.OCTET_STRING, TAG.INTEGER]);
    expect(parsed.salt.value).toHaveLength(8);
    expect(decodeSmallInteger(parsed.iterations.value)).toBe(2048);
    expect(parsed.iv.tag).toBe(TAG.OCTET_STRING);
    expect(parsed.iv.value).toHaveLength(16);
    expect(parsed.ciphertext.value.length % 16).toBe(0);
  });

  it('holds notary’s PrivateKeyInfo: version 1, [ecPublicKey, prime256v1], and the SEC1 key as Go marshals it', () => {
    const { plaintext } = decrypt(pemDer(readFileSync(alicePath, 'utf8')), PASSPHRASE);
    const { version, algorithm, ecFields } = parsePlaintext(plaintext);
    expect(decodeSmallInteger(version.value)).toBe(1);
    expect(kids(algorithm).map((t) => decodeOid(t.value))).toEqual(['1.2.840.10045.2.1', '1.2.840.10045.3.1.7']);
    const [ecVersion, d, curve, publicKey] = ecFields;
    expect(decodeSmallInteger(ecVersion!.value)).toBe(1);
    expect(d!.tag).toBe(TAG.OCTET_STRING);
    expect(d!.value).toHaveLength(32);
    expect(curve!.tag).toBe(0xa0);
    expect(decodeOid(top(curve!.value).value)).toBe('1.2.840.10045.3.1.7');
    expect(publicKey!.tag).toBe(0xa1);
    const bits = top(publicKey!.value);
    expect(bits.tag).toBe(TAG.BIT_STRING);
    expect(Buffer.from(bits.value)).toEqual(Buffer.concat([Buffer.of(0), alice.publicKey.publicBytes.subarray(-65)]));
  });

  it('has, outside and in, the very structure of the key docker trust key generate wrote (fixture)', () => {
    const ours = pemDer(readFileSync(alicePath, 'utf8'));
    const docker = pemDer(fixtureText('keys/alice-docker.key'));
    expect(shape(top(ours))).toEqual(shape(top(docker)));
    const mine = decrypt(ours, PASSPHRASE);
    const theirs = decrypt(docker, 'repopass123');
    expect(mine.padding).toBe(theirs.padding);
    expect(shape(parsePlaintext(mine.plaintext).info)).toEqual(shape(parsePlaintext(theirs.plaintext).info));
    expect(shape(parsePlaintext(mine.plaintext).ecPrivateKey)).toEqual(shape(parsePlaintext(theirs.plaintext).ecPrivateKey));
  });

  it('uses a fresh salt and IV for every encryption', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const [a, b] = [1, 2].map(() => parseEncrypted(pemDer(encryptPrivateKeyPem(privateKey, 'root', pass()))));
    expect(Buffer.from(a!.salt.value).equals(b!.salt.value)).toBe(false);
    expect(Buffer.from(a!.iv.value).equals(b!.iv.value)).toBe(false);
  });

  it('is mode 0600, also when the umask would take the owner’s write bit away', () => {
    expect(statSync(alicePath).mode & 0o777).toBe(0o600);
    const path = join(dir, 'umask.key');
    const umask = process.umask(0o277);
    try {
      generateKeyFile({ path, role: 'ci', passphrase: pass() });
    } finally {
      process.umask(umask);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('leaves the caller’s passphrase as it was (the caller zeroes it)', () => {
    const passphrase = pass();
    generateKeyFile({ path: join(dir, 'caller.key'), role: 'bob', passphrase });
    expect(passphrase.toString()).toBe(PASSPHRASE);
  });

  it('does not decrypt with a wrong passphrase', () => {
    expect(() => openPemKey(readFileSync(alicePath, 'utf8'), Buffer.from('not the passphrase'))).toThrow(
      expect.objectContaining({ code: 'KEY_WRONG_PASSPHRASE' }),
    );
  });

  it('never overwrites: an existing file is refused, naming it, and left as it was', () => {
    const path = join(dir, 'existing.key');
    writeFileSync(path, 'not a key\n', { mode: 0o644 });
    expect(() => generateKeyFile({ path, role: 'alice', passphrase: pass() })).toThrow(
      expect.objectContaining({ code: 'KEY_EXISTS', message: `${path} already exists; a key file is never overwritten` }),
    );
    expect(readFileSync(path, 'utf8')).toBe('not a key\n');
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('says why a file cannot be created: a missing directory, a parent that is a file', () => {
    const missing = join(dir, 'missing', 'k.key');
    expect(() => generateKeyFile({ path: missing, role: 'alice', passphrase: pass() })).toThrow(
      expect.objectContaining({ code: 'KEY_WRITE_FAILED', message: `cannot create the key file ${missing}: its directory does not exist` }),
    );
    const underFile = join(alicePath, 'k.key');
    expect(() => generateKeyFile({ path: underFile, role: 'alice', passphrase: pass() })).toThrow(
      expect.objectContaining({
        code: 'KEY_WRITE_FAILED',
        message: `cannot create the key file ${underFile}: a parent is not a directory`,
      }),
    );
  });

  it('requires a passphrase and creates nothing without one', () => {
    const path = join(dir, 'no-passphrase.key');
    expect(() => generateKeyFile({ path, role: 'alice', passphrase: Buffer.alloc(0) })).toThrow(
      expect.objectContaining({ code: 'KEY_PASSPHRASE_REQUIRED' }),
    );
    expect(readdirSync(dir)).not.toContain('no-passphrase.key');
  });

  it.each(['Alice', '-ci', '_ci', 'targets/releases', 'ci bot', ''])('refuses the role "%s" as docker does', (role) => {
    expect(() => generateKeyFile({ path: join(dir, 'bad-role.key'), role, passphrase: pass() })).toThrow(
      expect.objectContaining({ code: 'KEY_INVALID' }),
    );
    expect(readdirSync(dir)).not.toContain('bad-role.key');
  });

  it('accepts root, targets, snapshot and signer names', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (const role of ['root', 'targets', 'snapshot', 'ci', '0ci_bot-2'])
      expect(encryptPrivateKeyPem(privateKey, role, pass())).toContain(`\nrole: ${role}\n\n`);
  });

  it('writes only P-256 private keys', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const key of [p384.privateKey, rsa.privateKey, p384.publicKey])
      expect(() => encryptPrivateKeyPem(key, 'root', pass())).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });

  it('puts no secret in any error message', () => {
    const errors: unknown[] = [];
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        errors.push(error);
      }
    };
    attempt(() => generateKeyFile({ path: alicePath, role: 'alice', passphrase: pass() }));
    attempt(() => generateKeyFile({ path: join(dir, 'missing', 'k.key'), role: 'alice', passphrase: pass() }));
    attempt(() => generateKeyFile({ path: join(dir, 'x.key'), role: 'Bad', passphrase: pass() }));
    attempt(() => openPemKey(readFileSync(alicePath, 'utf8'), Buffer.from(`${PASSPHRASE}!`)));
    attempt(() => encryptPrivateKeyPem(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey, 'root', pass()));
    expect(errors).toHaveLength(5);
    const body = readFileSync(alicePath, 'utf8').split('\n').slice(3, -2);
    for (const error of errors) {
      const text = `${String(error)} ${(error as Error).stack ?? ''}`;
      expect(text).not.toContain(PASSPHRASE);
      for (const line of body) expect(text).not.toContain(line.slice(0, 24));
    }
  });

  it('is read by the real notary CLI: key list shows it, key passwd decrypts it and keeps it under the same ID', () => {
    const trust = join(dir, 'notary-trust');
    mkdirSync(join(trust, 'private'), { recursive: true, mode: 0o700 });
    // As docker stores them: <trust>/private/<keyId>.key (notary: trustmanager/keystore.go AddKey).
    const place = (role: string, passphrase: string) => {
      const path = join(dir, `interop-${role}.key`);
      const key = generateKeyFile({ path, role, passphrase: Buffer.from(passphrase) });
      renameSync(path, join(trust, 'private', `${key.keyId}.key`));
      return key.keyId;
    };
    const rootId = place('root', 'root-passphrase-1');
    const signerId = place('alice', 'signer-passphrase-1');
    const env = {
      ...(process.env as Record<string, string>),
      HOME: dir,
      NOTARY_ROOT_PASSPHRASE: 'root-passphrase-1',
      NOTARY_DELEGATION_PASSPHRASE: 'signer-passphrase-1',
    };
    const notary = (args: string[], extra: Record<string, string> = {}) =>
      execSync('notary', ['-d', trust, ...args], { env: { ...env, ...extra }, encoding: 'utf8', stdio: 'pipe' });

    const list = notary(['key', 'list']);
    expect(list).toMatch(new RegExp(`^root\\s+${rootId}\\s`, 'm'));
    expect(list).toMatch(new RegExp(`^alice\\s+${signerId}\\s`, 'm'));
    // key passwd decrypts with the old passphrase (the env one) and stores the key again under the ID it computes.
    expect(notary(['key', 'passwd', rootId])).toContain(`Successfully updated passphrase for key ID: ${rootId}`);
    expect(notary(['key', 'passwd', signerId])).toContain(`Successfully updated passphrase for key ID: ${signerId}`);
    expect(readdirSync(join(trust, 'private')).sort()).toEqual([`${rootId}.key`, `${signerId}.key`].sort());
    const rewritten = readFileSync(join(trust, 'private', `${signerId}.key`), 'utf8');
    expect(openPemKey(rewritten, Buffer.from('signer-passphrase-1')).publicKey.id).toBe(signerId);

    let output = '';
    try {
      notary(['key', 'passwd', signerId], { NOTARY_DELEGATION_PASSPHRASE: 'wrong-passphrase' });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      output = `${stdout}${stderr}`; // notary prints its fatal error on stdout
    }
    expect(output).toContain(`could not retrieve local key for key ID provided: ${signerId}`);
  }, 30_000);

  it('exists because notary cannot decrypt what KeyObject.export writes (PRF HMAC-SHA256): the same check fails on it', () => {
    const trust = join(dir, 'notary-node');
    mkdirSync(join(trust, 'private'), { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: PASSPHRASE });
    const keyId = PublicKey.fromKeyObject(publicKey).id;
    writeFileSync(join(trust, 'private', `${keyId}.key`), encodePem('ENCRYPTED PRIVATE KEY', der, { role: 'alice' }), { mode: 0o600 });
    const env = { ...(process.env as Record<string, string>), HOME: dir, NOTARY_DELEGATION_PASSPHRASE: PASSPHRASE };
    let output = '';
    try {
      execSync('notary', ['-d', trust, 'key', 'passwd', keyId], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      output = `${stdout}${stderr}`;
    }
    expect(output).toContain(`could not retrieve local key for key ID provided: ${keyId}`);
    // while our reader (OpenSSL, which honours the PRF field) opens it
    expect(openPemKey(encodePem('ENCRYPTED PRIVATE KEY', der), pass()).publicKey.id).toBe(keyId);
  }, 30_000);
});
