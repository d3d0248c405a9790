import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentTrustPull } from '../support/docker-trust.js';
import { expectSuccess as ok } from '../support/repository.js';
import { awsTestEnvironment, KmsServer, REGION } from '../support/kms-server.js';
import { LocalStack, type RunResult } from '../support/stack.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { newKeyPem } from '../support/keys.js';

describe('AWS KMS keys through the real @aws-sdk/client-kms, against a KMS-protocol server on loopback', () => {
  let stack: LocalStack;
  let kms: KmsServer;
  let repositoryKey = '';
  const awsEnv = () => awsTestEnvironment(kms.url);
  const action = (images: string, inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ images, 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs }, awsEnv());
  const pull = (ref: string) => contentTrustPull(stack, ref);

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    kms = new KmsServer();
    await kms.start();
  }, 120_000);

  afterAll(async () => {
    await kms?.stop();
    await stack?.stop();
  }, 60_000);

  it('a signer key in KMS: added by alias, signs a tag that docker’s content-trust pull accepts; one GetPublicKey per key', async () => {
    const gun = `${stack.registry}/kms/signer`;
    kms.createKey({ alias: 'ci-signer' });
    const image = stack.makeImage('kms/signer', 'v1');
    ok(await action(gun, { command: 'init', 'root-key': newKeyPem(), 'repository-key': (repositoryKey = newKeyPem()) }));
    ok(
      await action(gun, {
        command: 'add-signer',
        signer: 'ci',
        'signer-public-key': 'awskms:///alias/ci-signer',
        'repository-key': repositoryKey,
      }),
    );
    const before = kms.calls.length;
    ok(await action(`${gun}:v1`, { push: 'false', signer: 'ci', 'signer-key': 'awskms:///alias/ci-signer' }));
    const calls = kms.calls.slice(before);
    expect(calls.filter((c) => c.operation === 'GetPublicKey')).toHaveLength(1);
    expect(calls.filter((c) => c.operation === 'Sign' && c.status === 200).length).toBeGreaterThanOrEqual(2); // releases and ci
    expect(pull(`${gun}:v1`)).toContain(image.digest);
  }, 90_000);

  it('init with root and repository keys in KMS (ARN and endpoint-in-URI forms), sign, then rotate the root to another KMS key', async () => {
    const gun = `${stack.registry}/kms/init`;
    const root = kms.createKey();
    const targets = kms.createKey();
    kms.createKey({ alias: 'release-bot' });
    const root2 = kms.createKey();
    const image = stack.makeImage('kms/init', 'v1');
    const endpoint = kms.url.replace('http://', '');
    ok(
      await action(gun, { command: 'init', 'root-key': `awskms:///${kms.arn(root)}`, 'repository-key': `awskms://${endpoint}/${targets}` }),
    );
    ok(
      await action(gun, {
        command: 'add-signer',
        signer: 'bot',
        'signer-public-key': `awskms:///alias/release-bot`,
        'repository-key': `awskms:///${targets}`,
      }),
    );
    ok(
      await action(`${gun}:v1`, {
        push: 'false',
        signer: 'bot',
        'signer-key': `awskms:///arn:aws:kms:${REGION}:111122223333:alias/release-bot`,
      }),
    );
    expect(pull(`${gun}:v1`)).toContain(image.digest);
    ok(await action(gun, { command: 'rotate-key', role: 'root', 'root-key': `awskms:///${root}`, 'new-key': `awskms:///${root2}` }));
    expect(pull(`${gun}:v1`)).toContain(image.digest);
  }, 90_000);

  it('retries throttling and then succeeds', async () => {
    const gun = `${stack.registry}/kms/signer`;
    stack.makeImage('kms/signer', 'v2');
    kms.throttleSigns = 2;
    const before = kms.calls.length;
    ok(await action(`${gun}:v2`, { push: 'false', signer: 'ci', 'signer-key': 'awskms:///alias/ci-signer' }));
    const signs = kms.calls.slice(before).filter((c) => c.operation === 'Sign');
    expect(signs.slice(0, 3).map((c) => c.status)).toEqual([400, 400, 200]);
  }, 60_000);

  describe('errors: one line naming the input and the key, nothing published', () => {
    const cases: [string, () => string, RegExp][] = [
      [
        'a P-384 key',
        () => `awskms:///${kms.createKey({ spec: 'ECC_NIST_P384' })}`,
        /input 'signer-key': AWS KMS key [0-9a-f-]+ has KeySpec ECC_NIST_P384; notary needs ECC_NIST_P256/,
      ],
      [
        'an RSA key',
        () => `awskms:///${kms.createKey({ spec: 'RSA_2048' })}`,
        /input 'signer-key': AWS KMS key [0-9a-f-]+ has KeySpec RSA_2048/,
      ],
      [
        'an encryption key',
        () => `awskms:///${kms.createKey({ usage: 'ENCRYPT_DECRYPT' })}`,
        /has KeyUsage ENCRYPT_DECRYPT; signing needs SIGN_VERIFY/,
      ],
      [
        'access denied',
        () => {
          const id = kms.createKey();
          kms.keys.get(id)!.denied = true;
          return `awskms:///${id}`;
        },
        /input 'signer-key': AWS KMS key [0-9a-f-]+: access denied for kms:GetPublicKey \(grant kms:GetPublicKey on this key\)/,
      ],
      [
        'a disabled key',
        () => {
          const id = kms.createKey();
          kms.keys.get(id)!.enabled = false;
          return `awskms:///${id}`;
        },
        /AWS KMS key [0-9a-f-]+ is disabled/,
      ],
      [
        'a key that does not exist',
        () => 'awskms:///alias/no-such-key',
        /input 'signer-key': AWS KMS key alias\/no-such-key was not found/,
      ],
      ['not a KMS URI', () => 'awskms:///not a key', /input 'signer-key': "awskms:\/\/\/not a key" is not an AWS KMS key URI/],
    ];

    it.each(cases)(
      '%s',
      async (_name, uri, message) => {
        const gun = `${stack.registry}/kms/signer`;
        stack.makeImage('kms/signer', 'bad');
        await expectRefusedWithoutPublishing(
          stack,
          gun,
          () => action(`${gun}:bad`, { push: 'false', signer: 'ci', 'signer-key': uri() }),
          message,
        );
      },
      60_000,
    );

    it('wrong credentials are refused by the server’s SigV4 check', async () => {
      const gun = `${stack.registry}/kms/signer`;
      const result = await stack.runAction(
        {
          images: `${gun}:bad`,
          push: 'false',
          signer: 'ci',
          'signer-key': 'awskms:///alias/ci-signer',
          'notary-server': stack.notaryUrl,
          'notary-ca': stack.caFile,
        },
        { ...awsEnv(), AWS_SECRET_ACCESS_KEY: 'not-the-secret' },
      );
      expect(result.errors).toEqual([
        expect.stringMatching(/AWS KMS key alias\/ci-signer: AWS refused the credentials \(UnrecognizedClientException\)/),
      ]);
      expect(result.stdout).not.toContain('not-the-secret');
    }, 60_000);
  });

  describe('a KMS that never answers', () => {
    /** A TCP server that accepts connections and never says a word. */
    async function silentServer(): Promise<{ url: string; stop: () => Promise<void> }> {
      const { createServer } = await import('node:net');
      const sockets = new Set<import('node:net').Socket>();
      const server = createServer((socket) => void sockets.add(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      return {
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
        stop: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    }

    it.each([
      ['the request deadline', { 'request-timeout': '2' }],
      ['the command deadline', { timeout: '2' }],
    ])(
      '%s ends the call and the process',
      async (_name, limit) => {
        const silent = await silentServer();
        try {
          const started = Date.now();
          const result = await stack.runAction(
            { images: `${stack.registry}/kms/signer:v1`, push: 'false', signer: 'ci', 'signer-key': 'awskms:///alias/ci-signer', ...limit },
            { ...awsEnv(), AWS_ENDPOINT_URL_KMS: silent.url, AWS_MAX_ATTEMPTS: '1' },
          );
          expect(result.exitCode).toBe(1);
          expect(result.errors).toHaveLength(1);
          expect(Date.now() - started).toBeLessThan(20_000);
        } finally {
          await silent.stop();
        }
      },
      60_000,
    );
  });
});
