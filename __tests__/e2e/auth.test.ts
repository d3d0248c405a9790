import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PASSPHRASES, dockerTrustKeyGenerate, dockerTrustSignerAdd } from '../support/docker-trust.js';
import { LocalStack } from '../support/stack.js';

const USER = 'ci-bot';
const PASSWORD = 'token-pass-1';

describe('token auth: notary-server and the registry both require bearer tokens', () => {
  let stack: LocalStack;
  let alice: { privateKeyPem: string; publicKeyPath: string };
  const gun = () => `${stack.registry}/auth/app`;
  const inputs = (extra: Record<string, string> = {}) => ({
    'notary-server': stack.notaryUrl,
    'notary-ca': stack.caFile,
    signer: 'alice',
    'signer-key': alice.privateKeyPem,
    'signer-key-passphrase': PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE,
    push: 'false',
    ...extra,
  });

  beforeAll(async () => {
    stack = await LocalStack.start({ auth: { username: USER, password: PASSWORD } });
    stack.dockerLogin(USER, PASSWORD); // docker trust uses the registry's credentials for the Notary token
    alice = dockerTrustKeyGenerate(stack, 'alice');
    dockerTrustSignerAdd(stack, 'alice', 'auth/app', alice.publicKeyPath);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('signs with registry-username/registry-password, getting scoped tokens for registry and Notary', async () => {
    const image = stack.makeImage('auth/app', 'v1');
    rmSync(join(stack.dockerConfig, 'config.json'));
    const before = stack.tokens!.requests.length;
    const result = await stack.runAction(inputs({ images: `${gun()}:v1`, 'registry-username': USER, 'registry-password': PASSWORD }));
    stack.dockerLogin(USER, PASSWORD);
    expect(result.errors).toEqual([]);
    expect(result.outputs.digests).toBe(`${gun()}@${image.digest}`);
    const scopes = stack.tokens!.requests.slice(before).flatMap((r) => r.scope);
    expect(scopes).toEqual(
      expect.arrayContaining([`repository:${gun()}:pull`, `repository:${gun()}:push,pull`, 'repository:auth/app:pull']),
    );
    expect(stack.tokens!.requests.slice(before).every((r) => r.authorized && r.account === USER)).toBe(true);
    expect(stack.docker(['trust', 'inspect', `${gun()}:v1`])).toContain(image.digest.slice(7));
  }, 60_000);

  it('falls back to the credentials in the docker config', async () => {
    const image = stack.makeImage('auth/app', 'v2');
    const result = await stack.runAction(inputs({ images: `${gun()}:v2` }));
    expect(result.errors).toEqual([]);
    expect(result.outputs.digests).toBe(`${gun()}@${image.digest}`);
    // docker reads the same credentials from its config for the Notary token.
    const inspect = JSON.parse(stack.docker(['trust', 'inspect', `${gun()}:v2`])) as {
      SignedTags: { Digest: string; Signers: string[] }[];
    }[];
    expect(inspect[0]!.SignedTags).toEqual([{ SignedTag: 'v2', Digest: image.digest.slice(7), Signers: ['alice'] }]);
  }, 60_000);

  it('says what failed when the credentials are wrong, and publishes nothing', async () => {
    stack.makeImage('auth/app', 'v3');
    const before = stack.publishCount(gun());
    const result = await stack.runAction(inputs({ images: `${gun()}:v3`, 'registry-username': USER, 'registry-password': 'wrong' }));
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/token request to https:\/\/127\.0\.0\.1:\d+\/token failed with HTTP 401/);
    const logged = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain('wrong');
    expect(stack.publishCount(gun())).toBe(before);
  }, 60_000);
});
