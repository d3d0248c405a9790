import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execSync } from '../support/exec.js';
import { join } from 'node:path';
import { SoftHsm } from '../support/softhsm.js';
import { LocalStack, REPO_ROOT, type RunResult } from '../support/stack.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { newKeyPem } from '../support/keys.js';

describe('PKCS#11 keys (SoftHSM2 standing in for a YubiKey), through the action', () => {
  let stack: LocalStack;
  let hsm: SoftHsm;
  const action = (images: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> =>
    stack.runAction(
      { images, 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs },
      { SOFTHSM2_CONF: hsm.conf, ...env },
    );
  const pull = (ref: string) => {
    stack.docker(['rmi', '-f', ref]);
    return stack.docker(['pull', ref], { DOCKER_CONTENT_TRUST: '1' });
  };
  const ok = (result: RunResult) => {
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    return result;
  };
  let repositoryKey = '';

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    hsm = new SoftHsm(join(stack.dir, 'hsm'));
    hsm.keygen('signer', '01');
    hsm.keygen('root', '02');
    hsm.keygen('piv-9c', '03', { alwaysAuth: true });
    hsm.keygen('rsa', '04', { type: 'rsa:2048' });
    // A PIV-style slot: private key and certificate, no public key object.
    const openssl = (args: string[]) => execSync('openssl', args, { cwd: stack.dir, stdio: 'pipe' });
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'piv.key']);
    openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'piv.key', '-outform', 'DER', '-out', 'piv.key.der']);
    openssl(['req', '-x509', '-new', '-key', 'piv.key', '-subj', '/CN=Signature', '-days', '30', '-outform', 'DER', '-out', 'piv.crt.der']);
    hsm.importKeyWithCertificate('cert-only', '05', join(stack.dir, 'piv.key.der'), join(stack.dir, 'piv.crt.der'));
    repositoryKey = newKeyPem();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('init with the root key in the token; add-signer reads the signer’s public key from the token; a token key signs a tag docker accepts', async () => {
    const gun = `${stack.registry}/hsm/app`;
    const image = stack.makeImage('hsm/app', 'v1');
    ok(
      await action(gun, { command: 'init', 'root-key': hsm.uri('root'), 'root-key-passphrase': hsm.pin, 'repository-key': repositoryKey }),
    );
    ok(
      await action(gun, {
        command: 'add-signer',
        signer: 'hsm',
        'signer-public-key': hsm.uri('signer'),
        'signer-key-passphrase': hsm.pin,
        'repository-key': repositoryKey,
      }),
    );
    const signed = ok(
      await action(`${gun}:v1`, {
        push: 'false',
        signer: 'hsm',
        'signer-key': hsm.uri('signer', ';id=%01'),
        'signer-key-passphrase': hsm.pin,
      }),
    );
    expect(signed.stdout).toMatch(/::notice::Signing with PKCS#11 token "dct" object=signer, id=01: touch the device if it blinks/);
    const logged = signed.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(hsm.pin);
    expect(pull(`${gun}:v1`)).toContain(image.digest);
  }, 90_000);

  it('a key that needs a PIN per signature (CKA_ALWAYS_AUTHENTICATE, as PIV slot 9c) signs', async () => {
    const gun = `${stack.registry}/hsm/app`;
    const image = stack.makeImage('hsm/app', 'v2');
    ok(
      await action(gun, {
        command: 'add-signer',
        signer: 'piv',
        'signer-public-key': hsm.uri('piv-9c'),
        'signer-key-passphrase': hsm.pin,
        'repository-key': repositoryKey,
      }),
    );
    ok(await action(`${gun}:v2`, { push: 'false', signer: 'piv', 'signer-key': hsm.uri('piv-9c'), 'signer-key-passphrase': hsm.pin }));
    expect(pull(`${gun}:v2`)).toContain(image.digest);
  }, 90_000);

  it('reads the public key from the certificate when the slot holds no public key object (PIV)', async () => {
    const gun = `${stack.registry}/hsm/app`;
    const image = stack.makeImage('hsm/app', 'v4');
    ok(
      await action(gun, {
        command: 'add-signer',
        signer: 'slot',
        'signer-public-key': hsm.uri('cert-only'),
        'signer-key-passphrase': hsm.pin,
        'repository-key': repositoryKey,
      }),
    );
    ok(await action(`${gun}:v4`, { push: 'false', signer: 'slot', 'signer-key': hsm.uri('cert-only'), 'signer-key-passphrase': hsm.pin }));
    expect(pull(`${gun}:v4`)).toContain(image.digest);
  }, 90_000);

  it('uses an addon named by DCT_SIGN_PKCS11JS (how macOS and arm64 runners bring their own)', async () => {
    const gun = `${stack.registry}/hsm/app`;
    stack.makeImage('hsm/app', 'v3');
    ok(
      await action(
        `${gun}:v3`,
        { push: 'false', signer: 'hsm', 'signer-key': hsm.uri('signer'), 'signer-key-passphrase': hsm.pin },
        { DCT_SIGN_PKCS11JS: join(REPO_ROOT, 'node_modules', 'pkcs11js') },
      ),
    );
  }, 60_000);

  describe('errors: one line, nothing published', () => {
    const cases: [string, () => Record<string, string>, RegExp][] = [
      [
        'a wrong PIN',
        () => ({ 'signer-key': hsm.uri('signer'), 'signer-key-passphrase': '000000' }),
        /^::error::input 'signer-key-passphrase': wrong PIN for token "dct" \(not retried, to spare the PIN counter\)$/,
      ],
      [
        'a missing object',
        () => ({ 'signer-key': hsm.uri('nope'), 'signer-key-passphrase': hsm.pin }),
        /^::error::input 'signer-key': no private key with object=nope on token "dct"$/,
      ],
      [
        'a missing module',
        () => ({ 'signer-key': 'pkcs11:token=dct;object=signer?module-path=/nonexistent/libykcs11.so', 'signer-key-passphrase': hsm.pin }),
        /^::error::input 'signer-key': PKCS#11 module \/nonexistent\/libykcs11.so does not exist$/,
      ],
      [
        'no module at all',
        () => ({ 'signer-key': 'pkcs11:token=dct;object=signer', 'signer-key-passphrase': hsm.pin }),
        /^::error::input 'signer-key': no PKCS#11 module found: set module-path in the URI or PKCS11_MODULE \(looked for ykcs11 in \/usr\/lib\/libykcs11\.so, /,
      ],
      [
        'an RSA key on the token',
        () => ({ 'signer-key': hsm.uri('rsa'), 'signer-key-passphrase': hsm.pin }),
        /^::error::input 'signer-key': the token key object=rsa is not an EC key .*notary needs ECDSA P-256$/,
      ],
      [
        'a PIN in the URI',
        () => ({ 'signer-key': `${hsm.uri('signer')}&pin-value=123456` }),
        /^::error::input 'signer-key': ".*pin-value=\*\*\*" is not a usable pkcs11: URI: give the PIN in the matching \*-passphrase input/,
      ],
      [
        'no PIN',
        () => ({ 'signer-key': hsm.uri('signer'), 'signer-key-passphrase': '' }),
        /^::error::input 'signer-key-passphrase': the PIN of token "dct" is required$/,
      ],
    ];

    it.each(cases)(
      '%s',
      async (_name, inputs, message) => {
        const gun = `${stack.registry}/hsm/app`;
        stack.makeImage('hsm/app', 'bad');
        await expectRefusedWithoutPublishing(
          stack,
          gun,
          () => action(`${gun}:bad`, { push: 'false', signer: 'hsm', ...inputs() }, { PKCS11_MODULE: '' }),
          message,
        );
      },
      60_000,
    );

    it('the wrong PIN was tried once: the right PIN still works', async () => {
      const gun = `${stack.registry}/hsm/app`;
      ok(await action(`${gun}:bad`, { push: 'false', signer: 'hsm', 'signer-key': hsm.uri('signer'), 'signer-key-passphrase': hsm.pin }));
    }, 60_000);
  });
});
