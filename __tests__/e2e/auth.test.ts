import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSPHRASES, dockerTrustKeyGenerate, dockerTrustSignerAdd } from '../support/docker-trust.js';
import { expectSuccess } from '../support/repository.js';
import { LocalStack } from '../support/stack.js';

/** Azure Container Registry's user name for a token login. */
const TOKEN_USER = '00000000-0000-0000-0000-000000000000';

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

  /** The docker config `az acr login` leaves: the zero user with no password, and an identity token (a refresh token). */
  const writeAcrStyleConfig = (identityToken: string) =>
    writeFileSync(
      join(stack.dockerConfig, 'config.json'),
      JSON.stringify({
        auths: { [stack.registry]: { auth: Buffer.from(`${TOKEN_USER}:`).toString('base64'), identitytoken: identityToken } },
      }),
    );
  const since = (before: number) => stack.tokens!.requests.slice(before);

  it('a docker config with only the zero user and an identitytoken: sign and verify trade it with the refresh-token grant', async () => {
    const image = stack.makeImage('auth/app', 'acr1');
    writeAcrStyleConfig(stack.tokens!.refreshToken);
    try {
      const before = stack.tokens!.requests.length;
      expectSuccess(await stack.runAction(inputs({ images: `${gun()}:acr1` })));
      const verified = expectSuccess(
        await stack.runAction({ command: 'verify', images: `${gun()}:acr1`, 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile }),
      );
      expect(verified.outputs.digests).toBe(`${gun()}@${image.digest}`);
      const requests = since(before);
      expect(requests.length).toBeGreaterThan(0);
      // Every token came from the refresh-token grant (POST), for the registry's and the Notary server's scopes.
      expect(requests.every((r) => r.method === 'POST' && r.grant === 'refresh_token' && r.authorized && r.clientId === 'dct-sign')).toBe(
        true,
      );
      expect(requests.flatMap((r) => r.scope)).toEqual(
        expect.arrayContaining([`repository:${gun()}:push,pull`, 'repository:auth/app:pull']),
      );
      // docker reads the same config the same way: its trust client trades the identity token too.
      expect(stack.docker(['trust', 'inspect', `${gun()}:acr1`])).toContain(image.digest.slice(7));
    } finally {
      stack.dockerLogin(USER, PASSWORD);
    }
  }, 90_000);

  it('the --expose-token form as inputs: registry-username 00000000-… and the token as registry-password', async () => {
    const image = stack.makeImage('auth/app', 'acr2');
    rmSync(join(stack.dockerConfig, 'config.json'));
    try {
      const before = stack.tokens!.requests.length;
      const given = { 'registry-username': TOKEN_USER, 'registry-password': stack.tokens!.refreshToken };
      const result = expectSuccess(await stack.runAction(inputs({ images: `${gun()}:acr2`, ...given })));
      expect(result.outputs.digests).toBe(`${gun()}@${image.digest}`);
      expectSuccess(
        await stack.runAction({
          command: 'verify',
          images: `${gun()}:acr2`,
          'notary-server': stack.notaryUrl,
          'notary-ca': stack.caFile,
          ...given,
        }),
      );
      expect(since(before).every((r) => r.method === 'POST' && r.grant === 'refresh_token' && r.authorized)).toBe(true);
    } finally {
      stack.dockerLogin(USER, PASSWORD);
    }
  }, 90_000);

  it('a credential helper that answers the <token> user name: its secret is an identity token', async () => {
    stack.makeImage('auth/app', 'acr3');
    const bin = mkdtempSync(join(stack.dir, 'helper-'));
    const helper = join(bin, 'docker-credential-dcttest');
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\nprintf '{"ServerURL":"%s","Username":"<token>","Secret":"${stack.tokens!.refreshToken}"}' "$server"\n`,
      { mode: 0o755 },
    );
    writeFileSync(join(stack.dockerConfig, 'config.json'), JSON.stringify({ credsStore: 'dcttest' }));
    try {
      const before = stack.tokens!.requests.length;
      expectSuccess(await stack.runAction(inputs({ images: `${gun()}:acr3` }), { PATH: `${bin}:${process.env.PATH ?? ''}` }));
      expect(since(before).length).toBeGreaterThan(0);
      expect(since(before).every((r) => r.grant === 'refresh_token' && r.authorized)).toBe(true);
    } finally {
      stack.dockerLogin(USER, PASSWORD);
    }
  }, 90_000);

  it('an OAuth2-only token server (GET answers 405): the password grant', async () => {
    stack.makeImage('auth/app', 'oauth');
    stack.tokens!.oauthOnly = true;
    try {
      const before = stack.tokens!.requests.length;
      expectSuccess(await stack.runAction(inputs({ images: `${gun()}:oauth`, 'registry-username': USER, 'registry-password': PASSWORD })));
      const posts = since(before).filter((r) => r.method === 'POST');
      expect(posts.length).toBeGreaterThan(0);
      expect(posts.every((r) => r.grant === 'password' && r.authorized && r.account === USER)).toBe(true);
    } finally {
      stack.tokens!.oauthOnly = false;
    }
  }, 90_000);

  it('a refused identity token: one error naming the realm, the token never printed, nothing published', async () => {
    stack.makeImage('auth/app', 'acr4');
    const before = stack.publishCount(gun());
    const wrong = 'refresh-not-the-right-one-0123456789';
    const result = await stack.runAction(inputs({ images: `${gun()}:acr4`, 'registry-username': TOKEN_USER, 'registry-password': wrong }));
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /token request to https:\/\/127\.0\.0\.1:\d+\/token failed with HTTP 400 \(the identity token was refused\)/,
    );
    const logged = [result.stdout, result.stderr]
      .join('\n')
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(wrong);
    expect(stack.publishCount(gun())).toBe(before);
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
