import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { dockerTrustKeyGenerate, dockerTrustSignerAdd } from '../support/docker-trust.js';
import { closedPort } from '../support/ports.js';
import { LocalStack } from '../support/stack.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { expectSuccess } from '../support/repository.js';

describe('command: sign, end to end against notary-server, the registry and the Docker engine', () => {
  let stack: LocalStack;
  let alice: { privateKeyPem: string; publicKeyPath: string };
  const KEY_PASSPHRASE = 'repo-passphrase-1';

  const baseInputs = () => ({
    'notary-server': stack.notaryUrl,
    'notary-ca': stack.caFile,
    signer: 'alice',
    'signer-key': alice.privateKeyPem,
    'signer-key-passphrase': KEY_PASSPHRASE,
  });

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    alice = dockerTrustKeyGenerate(stack, 'alice');
    for (const repo of ['e2e/app', 'e2e/other']) dockerTrustSignerAdd(stack, 'alice', repo, alice.publicKeyPath);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('pushes with docker and signs with the key docker trust key generate made; docker pull, trust inspect and notary list accept it', async () => {
    const image = `${stack.registry}/e2e/app:v1`;
    stack.makeImage('e2e/app', 'v1', { load: true });
    const result = await stack.runAction({ ...baseInputs(), images: image, push: 'true' });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const digest = result.outputs.digests!;
    expect(digest).toMatch(new RegExp(`^${stack.registry}/e2e/app@sha256:[a-f0-9]{64}$`));
    const rows = JSON.parse(result.outputs.result!) as { tag: string; digest: string; roles: string[]; size: number }[];
    expect(rows).toEqual([expect.objectContaining({ tag: 'v1', roles: ['targets/releases', 'targets/alice'] })]);
    expect(result.summary).toContain('<td>v1</td>');
    // Secrets appear only in the runner's mask commands, never in the log.
    const logged = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    const keyBody = alice.privateKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    for (const secret of [KEY_PASSPHRASE, ...keyBody]) expect(logged.join('\n')).not.toContain(secret);
    expect(rows[0]!.digest).toBe(digest.split('@')[1]);

    stack.docker(['rmi', '-f', image]);
    const pull = stack.docker(['pull', image], { DOCKER_CONTENT_TRUST: '1' });
    expect(pull).toContain(`${stack.registry}/e2e/app@${rows[0]!.digest}`);

    const inspect = JSON.parse(stack.docker(['trust', 'inspect', image])) as {
      SignedTags: { SignedTag: string; Digest: string; Signers: string[] }[];
    }[];
    expect(inspect[0]!.SignedTags).toEqual([{ SignedTag: 'v1', Digest: rows[0]!.digest.slice(7), Signers: ['alice'] }]);

    const list = stack.notary(['list', `${stack.registry}/e2e/app`]);
    expect(list).toMatch(new RegExp(`v1\\s+${rows[0]!.digest.slice(7)}\\s+${rows[0]!.size}`));
  }, 120_000);

  it('signs several tags of two repositories in one run, with one publish per repository', async () => {
    const images = [
      ['e2e/app', 'v2'],
      ['e2e/app', 'v3'],
      ['e2e/other', 'v1'],
      ['e2e/other', 'v2'],
    ].map(([repo, tag]) => ({ ref: `${stack.registry}/${repo}:${tag}`, ...stack.makeImage(repo!, tag!) }));
    const before = { app: stack.publishCount(`${stack.registry}/e2e/app`), other: stack.publishCount(`${stack.registry}/e2e/other`) };
    const result = await stack.runAction({ ...baseInputs(), images: images.map((i) => i.ref).join('\n'), push: 'false' });
    expect(result.errors).toEqual([]);
    expect(result.outputs.digests!.split('\n')).toEqual(images.map((i) => `${i.ref.replace(/:v\d$/, '')}@${i.digest}`));
    expect(stack.publishCount(`${stack.registry}/e2e/app`)).toBe(before.app + 1);
    expect(stack.publishCount(`${stack.registry}/e2e/other`)).toBe(before.other + 1);
    for (const image of images) {
      const pulled = stack.docker(['pull', image.ref], { DOCKER_CONTENT_TRUST: '1' });
      expect(pulled).toContain(image.digest);
    }
  }, 120_000);

  /** A tag of e2e/app that this test alone signs first, so no test depends on another's tags. */
  async function signedTag(tag: string): Promise<string> {
    const gun = `${stack.registry}/e2e/app`;
    stack.makeImage('e2e/app', tag);
    expectSuccess(await stack.runAction({ ...baseInputs(), images: `${gun}:${tag}`, push: 'false' }));
    return gun;
  }

  it('publishes nothing when every tag is already signed with the same digest', async () => {
    const gun = await signedTag('again');
    const before = stack.publishCount(gun);
    const result = await stack.runAction({ ...baseInputs(), images: `${gun}:again`, push: 'false' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('nothing to publish');
    expect(stack.publishCount(gun)).toBe(before);
  }, 60_000);

  it('re-signs a delegation that expires within expiry-warning-days, even with nothing new to sign', async () => {
    const gun = await signedTag('renewed');
    const before = stack.publishCount(gun);
    // notary's delegation expiry is 3 x 365 days, so a 2000-day window makes it "near expiry"
    const result = await stack.runAction({ ...baseInputs(), images: `${gun}:renewed`, push: 'false', 'expiry-warning-days': '2000' });
    expect(result.errors).toEqual([]);
    expect(result.stdout).not.toContain('nothing to publish');
    expect(stack.publishCount(gun)).toBe(before + 1);
  }, 60_000);

  describe('bad inputs: one-line error naming the input, and the trust data untouched', () => {
    const otherKey = () =>
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    const cases: [string, () => Record<string, string> | Promise<Record<string, string>>, RegExp][] = [
      [
        'missing key',
        () => ({ 'signer-key': '' }),
        /^::error::input 'signer-key': is required for command sign; expected a PEM private key/,
      ],
      [
        'wrong passphrase',
        () => ({ 'signer-key-passphrase': 'wrong' }),
        /^::error::input 'signer-key-passphrase': wrong passphrase .* for 'signer-key'$/,
      ],
      [
        'a key in no delegation',
        () => ({ 'signer-key': otherKey(), 'signer-key-passphrase': '' }),
        /^::error::input 'signer-key': key ID [a-f0-9]{64} cannot sign targets\/releases or targets\/alice: the key is not listed/,
      ],
      [
        'an image not in the registry',
        () => ({ images: `${stack.registry}/e2e/app:missing` }),
        /^::error::input 'images': .*e2e\/app:missing is not in the registry/,
      ],
      [
        'a Notary server that is down',
        async () => ({ 'notary-server': `https://127.0.0.1:${await closedPort()}` }),
        /^::error::input 'notary-server': https:\/\/127\.0\.0\.1:\d+ is not reachable .*ECONNREFUSED/,
      ],
      [
        'a malformed image reference',
        () => ({ images: 'Not A Reference' }),
        /^::error::input 'images': "Not A Reference" is not a valid image reference/,
      ],
    ];

    it.each(cases)(
      '%s',
      async (_name, overrides, message) => {
        const gun = `${stack.registry}/e2e/app`;
        stack.makeImage('e2e/app', 'bad');
        await expectRefusedWithoutPublishing(
          stack,
          gun,
          async () => stack.runAction({ ...baseInputs(), images: `${gun}:bad`, push: 'false', ...(await overrides()) }),
          message,
        );
      },
      60_000,
    );
  });
});
