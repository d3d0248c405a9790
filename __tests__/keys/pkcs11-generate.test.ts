import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARE_ENV, Worker } from 'node:worker_threads';
import * as pkcs11Namespace from 'pkcs11js';
import { checkYkcs11Target, generateTokenKey, ykcs11KeyLabel } from '../../src/keys/pkcs11-generate.js';
import { Pkcs11Signer } from '../../src/keys/pkcs11.js';
import { publicKeyFromPem } from '../../src/tuf/keys.js';
import { verifySignature } from '../../src/tuf/signatures.js';
import { parsePemBlocks } from '../../src/tuf/x509.js';
import { SOFTHSM_MODULE, SoftHsm } from '../support/softhsm.js';

// A CommonJS addon: under ESM its exports arrive as the default export (as src/keys/pkcs11.ts loads it).
const pkcs11js = (pkcs11Namespace as typeof pkcs11Namespace & { default?: typeof pkcs11Namespace }).default ?? pkcs11Namespace;

/** Every key object on the token, read with the PIN, as a test sees it (no module state left behind). */
interface TokenObject {
  cls: 'private' | 'public' | 'other';
  label: string;
  id: string;
  flags: Record<string, boolean>;
}

const FLAGS: Record<string, number> = {
  token: pkcs11js.CKA_TOKEN,
  private: pkcs11js.CKA_PRIVATE,
  sensitive: pkcs11js.CKA_SENSITIVE,
  extractable: pkcs11js.CKA_EXTRACTABLE,
  sign: pkcs11js.CKA_SIGN,
  verify: pkcs11js.CKA_VERIFY,
  decrypt: pkcs11js.CKA_DECRYPT,
  derive: pkcs11js.CKA_DERIVE,
};

function listObjects(pin: string): TokenObject[] {
  const module = new pkcs11js.PKCS11();
  module.load(SOFTHSM_MODULE);
  module.C_Initialize();
  try {
    const slot = module.C_GetSlotList(true)[0]!;
    const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    module.C_Login(session, pkcs11js.CKU_USER, pin);
    module.C_FindObjectsInit(session, []);
    const handles = module.C_FindObjects(session, 100);
    module.C_FindObjectsFinal(session);
    const objects = handles.map((handle): TokenObject => {
      const get = (type: number) => module.C_GetAttributeValue(session, handle, [{ type }])[0]!.value;
      const cls = get(pkcs11js.CKA_CLASS).readUInt32LE(0);
      const flags: Record<string, boolean> = {};
      for (const [name, type] of Object.entries(FLAGS)) {
        try {
          flags[name] = get(type)[0] === 1;
        } catch {
          // not an attribute of this class
        }
      }
      return {
        cls: cls === pkcs11js.CKO_PRIVATE_KEY ? 'private' : cls === pkcs11js.CKO_PUBLIC_KEY ? 'public' : 'other',
        label: get(pkcs11js.CKA_LABEL).toString('utf8'),
        id: get(pkcs11js.CKA_ID).toString('hex'),
        flags,
      };
    });
    // in a fixed order: SoftHSM finds objects in no particular one
    return objects.sort((a, b) => `${a.cls} ${a.label} ${a.id}`.localeCompare(`${b.cls} ${b.label} ${b.id}`));
  } finally {
    module.C_Finalize();
    module.close();
  }
}

/**
 * Sets a variable in this process's real environment. Jest gives each test file a copy of
 * process.env, but SoftHSM runs in this process and reads SOFTHSM2_CONF with getenv(3); a worker
 * sharing the environment (SHARE_ENV) writes the real one.
 */
function setRealEnv(name: string, value: string | undefined): Promise<void> {
  const code = `const { workerData } = require('node:worker_threads');
    if (workerData.value === undefined) delete process.env[workerData.name]; else process.env[workerData.name] = workerData.value;`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, env: SHARE_ENV, workerData: { name, value } });
    worker.once('error', reject);
    worker.once('exit', (exitCode) => (exitCode === 0 ? resolve() : reject(new Error(`the env worker exited with ${exitCode}`))));
  });
}

describe('keys generated on a PKCS#11 token (SoftHSM2 standing in for a YubiKey)', () => {
  let dir: string;
  let hsm: SoftHsm;
  const previousConf = process.env.SOFTHSM2_CONF;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dct-hsm-gen-'));
    hsm = new SoftHsm(dir);
    hsm.keygen('made-by-pkcs11-tool', '42');
    await setRealEnv('SOFTHSM2_CONF', hsm.conf);
  }, 30_000);

  afterAll(async () => {
    await setRealEnv('SOFTHSM2_CONF', previousConf);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('generates a P-256 key that opens through Pkcs11Signer and signs what its public key verifies', async () => {
    const uri = hsm.uri('gen-root', ';id=%10');
    const key = await generateTokenKey(uri, { pin: hsm.pin });
    expect(key.publicKey.keytype).toBe('ecdsa');
    expect(key.keyId).toBe(key.publicKey.id);
    expect(key.publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\nrole: root\n\n/);
    expect(publicKeyFromPem(key.publicPem).id).toBe(key.keyId);

    const signer = await Pkcs11Signer.open(uri, { pin: hsm.pin });
    try {
      expect(signer.publicKey.id).toBe(key.keyId);
      const message = new TextEncoder().encode('{"signed":{}}');
      const signature = await signer.sign(message);
      expect(verifySignature(key.publicKey, 'ecdsa', signature, message)).toBe(true);
    } finally {
      await signer.close();
    }
  }, 30_000);

  it('keeps the private key on the token: sensitive, never extractable, for signing only; both halves named by the URI', async () => {
    await generateTokenKey(hsm.uri('gen-attrs', ';id=%11'), { pin: hsm.pin });
    const made = listObjects(hsm.pin).filter((o) => o.label === 'gen-attrs');
    expect(made.map((o) => [o.cls, o.id]).sort()).toEqual([
      ['private', '11'],
      ['public', '11'],
    ]);
    const privateKey = made.find((o) => o.cls === 'private')!;
    expect(privateKey.flags).toMatchObject({
      token: true,
      private: true,
      sensitive: true,
      extractable: false,
      sign: true,
      decrypt: false,
      derive: false,
    });
    expect(made.find((o) => o.cls === 'public')!.flags).toMatchObject({ token: true, verify: true });
  }, 30_000);

  it('names a key by id= alone, and writes the role it is given in the public key PEM', async () => {
    const uri = `pkcs11:token=${hsm.label};id=%12?module-path=${SOFTHSM_MODULE}`;
    const key = await generateTokenKey(uri, { pin: hsm.pin, role: 'alice' });
    expect(parsePemBlocks(key.publicPem)[0]!.headers).toEqual({ role: 'alice' });
    const signer = await Pkcs11Signer.open(uri, { pin: hsm.pin });
    expect(signer.publicKey.id).toBe(key.keyId);
    await signer.close();
  }, 30_000);

  it('never replaces a key: the same label, the same id, or a key another tool made is KEY_EXISTS, and nothing is created', async () => {
    await generateTokenKey(hsm.uri('gen-once', ';id=%13'), { pin: hsm.pin });
    const before = listObjects(hsm.pin);
    for (const uri of [hsm.uri('gen-once'), hsm.uri('other-label', ';id=%13'), hsm.uri('made-by-pkcs11-tool')]) {
      await expect(generateTokenKey(uri, { pin: hsm.pin })).rejects.toThrow(expect.objectContaining({ code: 'KEY_EXISTS' }));
    }
    await expect(generateTokenKey(hsm.uri('gen-once'), { pin: hsm.pin })).rejects.toThrow(
      'token "dct" already holds a private key with object=gen-once, a public key with object=gen-once; a token key is never replaced',
    );
    expect(listObjects(hsm.pin)).toEqual(before);
  }, 30_000);

  it('refuses a wrong PIN without retrying, and a missing PIN, creating nothing', async () => {
    const before = listObjects(hsm.pin);
    await expect(generateTokenKey(hsm.uri('gen-wrong-pin'), { pin: '000000' })).rejects.toThrow(
      expect.objectContaining({
        code: 'KEY_WRONG_PASSPHRASE',
        message: 'wrong PIN for token "dct" (not retried, to spare the PIN counter)',
      }),
    );
    await expect(generateTokenKey(hsm.uri('gen-no-pin'), { pin: '' })).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_PASSPHRASE_REQUIRED' }),
    );
    expect(listObjects(hsm.pin)).toEqual(before);
  }, 30_000);

  it('checks the role before it touches the token', async () => {
    await expect(generateTokenKey('pkcs11:object=x?module-path=/nonexistent.so', { pin: hsm.pin, role: 'Root' })).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_INVALID' }),
    );
  });
});

describe('a YubiKey target (ykcs11: id= is the PIV slot, labels are its own)', () => {
  it('knows the labels ykcs11 gives the slots', () => {
    expect(ykcs11KeyLabel(1)).toBe('Private key for PIV Authentication');
    expect(ykcs11KeyLabel(2)).toBe('Private key for Digital Signature');
    expect(ykcs11KeyLabel(5)).toBe('Private key for Retired Key 1');
    expect(ykcs11KeyLabel(24)).toBe('Private key for Retired Key 20');
    expect(ykcs11KeyLabel(25)).toBeUndefined();
  });

  it('accepts a slot id with no label or with the slot’s own label', () => {
    expect(() => checkYkcs11Target({ id: Buffer.of(2) })).not.toThrow();
    expect(() => checkYkcs11Target({ id: Buffer.of(3), object: 'Private key for Key Management' })).not.toThrow();
  });

  it.each([
    [{ object: 'root' }, /id= names the PIV slot/],
    [{ id: Buffer.of(0) }, /id= names the PIV slot/],
    [{ id: Buffer.of(25) }, /id= names the PIV slot/],
    [{ id: Buffer.of(1, 2) }, /id= names the PIV slot/],
    [{ id: Buffer.of(2), object: 'root' }, /labelled "Private key for Digital Signature" by ykcs11: drop object= or use that label/],
  ])('refuses %o', (uri, why) => {
    expect(() => checkYkcs11Target(uri)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
    expect(() => checkYkcs11Target(uri)).toThrow(why);
  });
});
