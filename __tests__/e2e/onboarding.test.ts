import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openPemKey } from '../../src/keys/file-key.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { PASSPHRASES } from '../support/docker-trust.js';
import { execSync } from '../support/exec.js';
import { expectSuccess } from '../support/repository.js';
import { SoftHsm } from '../support/softhsm.js';
import { ACTION, ACTION_NODE, LocalStack, type RunResult } from '../support/stack.js';

/**
 * From zero to a signed, verified image with dct-sign alone, as a user of docker CLI 29 (no
 * `docker trust`) would do it: generate the keys, init, add a signer, push through the registry
 * API, sign, inspect, verify, with no docker binary on PATH. Then the real clients must agree.
 */
describe('onboarding with no docker trust', () => {
  let stack: LocalStack;
  let keys: string;
  let noDocker: string;
  const gun = () => `${stack.registry}/onboard/app`;
  const pass = { root: 'root-passphrase-onboard', targets: 'targets-passphrase-onboard', ci: 'ci-passphrase-onboard' };
  let rootKeyId = '';
  let ciKeyId = '';
  let ciPublicKey = '';

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    keys = mkdtempSync(join(stack.dir, 'keys-'));
    // An empty PATH: nothing dct-sign could start, docker least of all.
    noDocker = mkdtempSync(join(stack.dir, 'bin-'));
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  /** init with the generated root and repository keys. */
  const initInputs = () => ({
    command: 'init',
    images: gun(),
    'root-key-file': join(keys, 'root.key'),
    'root-key-passphrase': pass.root,
    'repository-key-file': join(keys, 'targets.key'),
    'repository-key-passphrase': pass.targets,
  });
  const run = (inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs }, { PATH: noDocker });

  it('generates the root, repository and signer keys as files docker can use', async () => {
    for (const [role, passphrase] of Object.entries(pass)) {
      const result = expectSuccess(
        await run({
          command: 'generate-key',
          role,
          'key-file': join(keys, `${role}.key`),
          'public-key-file': join(keys, `${role}.pub`),
          'new-key-passphrase': passphrase,
        }),
      );
      const file = join(keys, `${role}.key`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\nrole: /);
      expect(openPemKey(readFileSync(file, 'utf8'), Buffer.from(passphrase)).publicKey.id).toBe(result.outputs['key-id']);
      expect(readFileSync(join(keys, `${role}.pub`), 'utf8')).toBe(result.outputs['public-key']);
      if (role === 'root') rootKeyId = result.outputs['key-id']!;
      if (role === 'ci') {
        ciKeyId = result.outputs['key-id']!;
        ciPublicKey = result.outputs['public-key']!;
      }
    }
  }, 60_000);

  it('init with those keys outputs the root key ID to pin; add-signer takes the generated public key', async () => {
    const init = expectSuccess(await run(initInputs()));
    expect(init.outputs['root-key-id']).toMatch(/^[a-f0-9]{64}$/);
    expectSuccess(
      await run({
        command: 'add-signer',
        images: gun(),
        signer: 'ci',
        'signer-public-key': ciPublicKey,
        'repository-key-file': join(keys, 'targets.key'),
        'repository-key-passphrase': pass.targets,
      }),
    );
  }, 60_000);

  it('signs an image pushed through the registry API, inspects it, and verifies it pinned to the generated root key', async () => {
    const image = stack.makeImage('onboard/app', 'v1');
    const signed = expectSuccess(
      await run({
        images: `${gun()}:v1`,
        push: 'false',
        signer: 'ci',
        'signer-key-file': join(keys, 'ci.key'),
        'signer-key-passphrase': pass.ci,
        'trusted-root-keys': rootKeyId,
      }),
    );
    expect(signed.outputs.digests).toBe(`${gun()}@${image.digest}`);
    const dataFile = join(stack.dir, 'trust-data.json');
    const inspected = expectSuccess(
      await run({ command: 'inspect', images: gun(), 'trusted-root-keys': rootKeyId, 'trust-data-file': dataFile }),
    );
    const data = JSON.parse(inspected.outputs['trust-data']!) as {
      SignedTags: unknown[];
      Signers: unknown[];
      Expires: Record<string, string>;
    }[];
    expect(data[0]!.SignedTags).toEqual([{ SignedTag: 'v1', Digest: image.digest.slice(7), Signers: ['ci'] }]);
    expect(data[0]!.Signers).toEqual([{ Name: 'ci', Keys: [{ ID: ciKeyId }] }]);
    expect(Object.keys(data[0]!.Expires)).toEqual(
      expect.arrayContaining(['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/ci']),
    );
    expect(readFileSync(dataFile, 'utf8')).toBe(inspected.outputs['trust-data']);
    expect(inspected.summary).toContain('signed tags');
    const verified = expectSuccess(
      await run({ command: 'verify', images: `${gun()}:v1`, 'trusted-root-keys': rootKeyId, 'required-signers': 'ci' }),
    );
    expect(verified.outputs.digests).toBe(`${gun()}@${image.digest}`);
  }, 90_000);

  describe('the real clients agree', () => {
    it('docker trust inspect shows the same root key, signers and tags as dct-sign inspect', async () => {
      const ours = expectSuccess(await run({ command: 'inspect', images: gun() }));
      const theirs = stack.docker(['trust', 'inspect', gun()]);
      const withoutExpires = (JSON.parse(ours.outputs['trust-data']!) as Record<string, unknown>[]).map((entry) => {
        delete entry.Expires;
        return entry;
      });
      expect(withoutExpires).toEqual(JSON.parse(theirs));
      expect(ours.outputs['root-key-id']).toBe(
        (JSON.parse(theirs) as { AdministrativeKeys: { Keys: { ID: string }[] }[] }[])[0]!.AdministrativeKeys[0]!.Keys[0]!.ID,
      );
    }, 60_000);

    it('DOCKER_CONTENT_TRUST=1 docker pull accepts the signed tag, and notary list shows it', () => {
      const pulled = stack.docker(['pull', `${gun()}:v1`], { DOCKER_CONTENT_TRUST: '1' });
      expect(pulled).toMatch(/sha256:[a-f0-9]{64}/);
      expect(stack.notary(['list', gun()])).toMatch(/v1\s+[a-f0-9]{64}/);
    }, 60_000);

    it('docker trust sign signs with the generated signer key placed in its private folder', () => {
      const privateDir = join(stack.dockerConfig, 'trust', 'private');
      mkdirSync(privateDir, { recursive: true, mode: 0o700 });
      copyFileSync(join(keys, 'ci.key'), join(privateDir, `${ciKeyId}.key`));
      stack.makeImage('onboard/app', 'v2', { load: true });
      stack.docker(['trust', 'sign', `${gun()}:v2`], { ...PASSPHRASES, DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE: pass.ci });
      const inspect = JSON.parse(stack.docker(['trust', 'inspect', gun()])) as { SignedTags: { SignedTag: string; Signers: string[] }[] }[];
      expect(inspect[0]!.SignedTags.map((t) => [t.SignedTag, t.Signers])).toEqual([
        ['v1', ['ci']],
        ['v2', ['ci']],
      ]);
    }, 90_000);
  });

  describe('bad input changes nothing', () => {
    it('an existing key file is refused and left untouched', async () => {
      const file = join(keys, 'root.key');
      const before = readFileSync(file);
      const result = await run({ command: 'generate-key', role: 'root', 'key-file': file, 'new-key-passphrase': 'another-passphrase' });
      expect(result.errors).toEqual([expect.stringMatching(/^::error::input 'key-file': .*exists/)]);
      expect(readFileSync(file).equals(before)).toBe(true);
    }, 30_000);

    it.each([
      ['a directory that does not exist', { 'key-file': '/nonexistent/dir/k.key' }, /^::error::input 'key-file': /],
      ['an empty passphrase', { 'new-key-passphrase': '' }, /^::error::input 'new-key-passphrase': is required/],
      ['an unknown role', { role: 'Not A Role' }, /^::error::input 'role': "Not A Role" is not a key name/],
      ['no destination', { 'key-file': '' }, /^::error::input 'key-file': is required for command generate-key/],
    ])(
      '%s',
      async (_name, override, message) => {
        const file = join(keys, `never-${Math.random()}.key`);
        const result = await run({
          command: 'generate-key',
          role: 'targets',
          'key-file': file,
          'new-key-passphrase': 'a-good-passphrase',
          ...override,
        });
        expect(result.errors).toEqual([expect.stringMatching(message)]);
        expect(existsSync(file)).toBe(false);
      },
      30_000,
    );

    it('init on an existing repository changes nothing', async () => {
      await expectRefusedWithoutPublishing(stack, gun(), () => run(initInputs()), /^::error::input 'images': .* already has trust data/);
    }, 30_000);
  });

  it('on a laptop: asks for the passphrase twice on a terminal, without echoing it', async () => {
    const file = join(keys, 'laptop.key');
    const passphrase = 'typed-on-a-tty-42';
    // script(1) gives the CLI a real pseudo-terminal; what we write to its stdin is typed there.
    const output = await new Promise<string>((resolve) => {
      const child = execFile(
        'script',
        ['-qec', `${ACTION_NODE} ${ACTION} generate-key --role root --key-file ${file}`, '/dev/null'],
        { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: stack.dir, TERM: 'dumb' } },
        (_error, stdout) => resolve(stdout),
      );
      setTimeout(() => child.stdin!.write(`${passphrase}\r`), 1500);
      setTimeout(() => child.stdin!.write(`${passphrase}\r`), 2500);
      setTimeout(() => child.stdin!.end(), 3500);
    });
    expect(output).toContain('Passphrase for the new key:');
    expect(output).toContain('Repeat the passphrase:');
    expect(output).not.toContain(passphrase);
    expect(openPemKey(readFileSync(file, 'utf8'), Buffer.from(passphrase)).publicKey.keytype).toBe('ecdsa');
  }, 30_000);

  it('on a token: generate-key on SoftHSM, then init with that root key', async () => {
    const hsm = new SoftHsm(mkdtempSync(join(stack.dir, 'hsm-')));
    const uri = hsm.uri('dct-root', ';id=%11');
    const generated = expectSuccess(
      await stack.runAction(
        { command: 'generate-key', role: 'root', 'new-key': uri, 'new-key-passphrase': hsm.pin },
        { SOFTHSM2_CONF: hsm.conf, PATH: noDocker },
      ),
    );
    const tokenGun = `${stack.registry}/onboard/token`;
    const init = expectSuccess(
      await stack.runAction(
        {
          command: 'init',
          images: tokenGun,
          'notary-server': stack.notaryUrl,
          'notary-ca': stack.caFile,
          'root-key': uri,
          'root-key-passphrase': hsm.pin,
          'repository-key-file': join(keys, 'targets.key'),
          'repository-key-passphrase': pass.targets,
        },
        { SOFTHSM2_CONF: hsm.conf, PATH: noDocker },
      ),
    );
    const row = (JSON.parse(init.outputs.result!) as { rootPublicKeyIds: string[] }[])[0]!;
    expect(row.rootPublicKeyIds).toEqual([generated.outputs['key-id']]);
    // The generated key's ID pins the new repository from day one.
    expectSuccess(
      await stack.runAction(
        {
          command: 'inspect',
          images: tokenGun,
          'notary-server': stack.notaryUrl,
          'notary-ca': stack.caFile,
          'trusted-root-keys': generated.outputs['key-id']!,
        },
        { PATH: noDocker },
      ),
    );
    expect(
      execSync('pkcs11-tool', ['--module', '/usr/lib/softhsm/libsofthsm2.so', '--list-objects', '--login', '--pin', hsm.pin], {
        env: hsm.env(),
        encoding: 'utf8',
      }),
    ).toContain('dct-root');
  }, 60_000);
});
