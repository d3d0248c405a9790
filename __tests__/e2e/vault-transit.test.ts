import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentTrustPull, trustSignerKeyIds } from '../support/docker-trust.js';
import { expectSuccess as ok } from '../support/repository.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { newKeyPem } from '../support/keys.js';
import { RoutingProxy } from '../support/routing-proxy.js';
import { LocalStack, type RunResult } from '../support/stack.js';
import { DENIED_TOKEN, VAULT_TOKEN, VaultServer, vaultCertificate } from '../support/vault-server.js';

/** A token with the README's least-privilege policy for the ci-signer key, and nothing else. */
const CI_SIGNER_TOKEN = 'hvs.dct-sign-ci-signer-only-000000000000';

/** The name the proxied Vault goes by: never resolved, the proxy routes it to a loopback port. */
const VAULT_HOST = 'vault.dct-sign.test:8200';

describe('Vault transit keys (hashivault://) through the action, against a Vault transit protocol server on loopback', () => {
  let stack: LocalStack;
  let vault: VaultServer;
  let teamVault: VaultServer;
  let secureVault: VaultServer;
  let proxy: RoutingProxy;
  let caFile = '';
  let repositoryKey = '';
  /** The proxy variables in both cases (the lowercase one wins, as curl reads them); empty: none from the machine this runs on. */
  const proxies = (url: string, bypass: string) => ({
    HTTPS_PROXY: url,
    HTTP_PROXY: url,
    https_proxy: url,
    http_proxy: url,
    NO_PROXY: bypass,
    no_proxy: bypass,
  });
  const noProxy = proxies('', '');
  const vaultEnv = (): Record<string, string> => ({ ...noProxy, VAULT_ADDR: vault.url, VAULT_TOKEN });
  const gun = (name: string) => `${stack.registry}/vault/${name}`;

  /** Every run: the token never reaches stdout or stderr, whatever happened. */
  const action = async (images: string, inputs: Record<string, string>, env: Record<string, string> = vaultEnv()): Promise<RunResult> => {
    const result = await stack.runAction({ images, 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs }, env);
    for (const secret of [VAULT_TOKEN, DENIED_TOKEN, CI_SIGNER_TOKEN]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    return result;
  };
  const pull = (ref: string) => contentTrustPull(stack, ref);
  const signerKeyIds = (repository: string, signer: string) => trustSignerKeyIds(stack, repository, signer);

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    const certs = mkdtempSync(join(stack.dir, 'vault-tls-'));
    const cert = vaultCertificate(certs, [VAULT_HOST.split(':')[0]!]);
    caFile = cert.caFile;
    vault = new VaultServer();
    teamVault = new VaultServer({ mountPath: 'ci/transit', namespace: 'team-a' });
    secureVault = new VaultServer({ tls: cert });
    proxy = new RoutingProxy();
    await Promise.all([vault.start(), teamVault.start(), secureVault.start(), proxy.start()]);
    proxy.route(VAULT_HOST, secureVault.port);
    vault.createKey('ci-signer', { versions: 2 });
    vault.tokens.set(CI_SIGNER_TOKEN, { 'transit/keys/ci-signer': ['read'], 'transit/sign/ci-signer/sha2-256': ['update'] });
    vault.createKey('root');
    vault.createKey('targets');
    vault.createKey('rsa', { type: 'rsa-2048' });
    vault.createKey('imported', { publicOnly: true });
    teamVault.createKey('team-signer');
    secureVault.createKey('tls-signer');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([vault?.stop(), teamVault?.stop(), secureVault?.stop(), proxy?.stop()]);
    await stack?.stop();
  }, 60_000);

  it('a signer key in Vault: add-signer by URI lists the key ID the public-key file gives; the tag it signs passes notary list and a DCT pull', async () => {
    const image = stack.makeImage('vault/signer', 'v1');
    repositoryKey = newKeyPem();
    ok(await action(gun('signer'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': repositoryKey }));
    ok(
      await action(gun('signer'), {
        command: 'add-signer',
        signer: 'ci',
        'signer-public-key': 'hashivault://ci-signer',
        'repository-key': repositoryKey,
      }),
    );

    // The same key, added to another repository from the PEM file `vault read transit/keys/ci-signer` shows.
    const pemFile = join(stack.dir, 'ci-signer.pub');
    writeFileSync(pemFile, vault.publicKeyPem('ci-signer'));
    const byFileKey = newKeyPem();
    ok(await action(gun('by-file'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': byFileKey }));
    ok(await action(gun('by-file'), { command: 'add-signer', signer: 'ci', 'signer-public-key': pemFile, 'repository-key': byFileKey }));
    expect(signerKeyIds(gun('signer'), 'ci')).toEqual(signerKeyIds(gun('by-file'), 'ci'));

    const before = vault.calls.length;
    // The signing job's token has the least-privilege policy of the README, nothing more.
    ok(
      await action(
        `${gun('signer')}:v1`,
        { push: 'false', signer: 'ci', 'signer-key': 'hashivault://ci-signer' },
        { ...vaultEnv(), VAULT_TOKEN: CI_SIGNER_TOKEN },
      ),
    );
    const calls = vault.calls.slice(before);
    expect(calls.filter((c) => c.method === 'GET')).toEqual([expect.objectContaining({ path: '/v1/transit/keys/ci-signer', status: 200 })]);
    const signs = calls.filter((c) => c.method === 'POST');
    expect(signs.length).toBeGreaterThanOrEqual(2); // targets/releases and targets/ci
    expect(signs.every((c) => c.status === 200 && c.sign?.keyVersion === 2 && c.sign.prehashed === true)).toBe(true);
    expect(calls.every((c) => c.tokenSent && c.namespace === undefined)).toBe(true);

    expect(stack.notary(['list', gun('signer')])).toContain(image.digest.slice('sha256:'.length));
    expect(pull(`${gun('signer')}:v1`)).toContain(image.digest);
  }, 120_000);

  it('init with the root key (root-key: hashivault://root) and the repository key in Vault; docker accepts the repository', async () => {
    const image = stack.makeImage('vault/root', 'v1');
    const init = ok(
      await action(gun('root'), { command: 'init', 'root-key': 'hashivault://root', 'repository-key': 'hashivault://targets' }),
    );
    expect(init.outputs['root-key-id']).toMatch(/^[a-f0-9]{64}$/);
    ok(
      await action(gun('root'), {
        command: 'add-signer',
        signer: 'ci',
        'signer-public-key': 'hashivault://ci-signer',
        'repository-key': 'hashivault://targets',
      }),
    );
    ok(await action(`${gun('root')}:v1`, { push: 'false', signer: 'ci', 'signer-key': 'hashivault://ci-signer' }));
    expect(pull(`${gun('root')}:v1`)).toContain(image.digest);
    // docker shows the root certificate made from the Vault key as the repository's root.
    const inspect = JSON.parse(stack.docker(['trust', 'inspect', gun('root')])) as {
      AdministrativeKeys: { Name: string; Keys: { ID: string }[] }[];
    }[];
    expect(inspect[0]!.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys.map((k) => k.ID)).toEqual([init.outputs['root-key-id']]);
  }, 120_000);

  it('a custom TRANSIT_SECRET_ENGINE_PATH, with VAULT_NAMESPACE sent on every call', async () => {
    const image = stack.makeImage('vault/team', 'v1');
    const key = newKeyPem();
    const env = {
      ...noProxy,
      VAULT_ADDR: teamVault.url,
      VAULT_TOKEN,
      VAULT_NAMESPACE: 'team-a',
      TRANSIT_SECRET_ENGINE_PATH: '/ci/transit/',
    };
    ok(await action(gun('team'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': key }));
    ok(
      await action(
        gun('team'),
        { command: 'add-signer', signer: 'team', 'signer-public-key': 'hashivault://team-signer', 'repository-key': key },
        env,
      ),
    );
    ok(await action(`${gun('team')}:v1`, { push: 'false', signer: 'team', 'signer-key': 'hashivault://team-signer' }, env));
    expect(teamVault.calls.length).toBeGreaterThanOrEqual(3);
    expect(teamVault.calls.every((c) => c.namespace === 'team-a' && c.path.startsWith('/v1/ci/transit/') && c.status === 200)).toBe(true);
    expect(pull(`${gun('team')}:v1`)).toContain(image.digest);
  }, 120_000);

  describe('HTTPS and proxies', () => {
    let key = '';
    beforeAll(async () => {
      key = newKeyPem();
      ok(await action(gun('tls'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': key }));
      const env = { ...noProxy, VAULT_ADDR: secureVault.url, VAULT_TOKEN, VAULT_CACERT: caFile };
      ok(
        await action(
          gun('tls'),
          { command: 'add-signer', signer: 'tls', 'signer-public-key': 'hashivault://tls-signer', 'repository-key': key },
          env,
        ),
      );
    }, 120_000);

    it('a Vault on loopback over HTTPS with VAULT_CACERT, and with a proxy set that NO_PROXY keeps it from', async () => {
      stack.makeImage('vault/tls', 'direct');
      const before = proxy.log.length;
      const env = {
        ...noProxy,
        VAULT_ADDR: secureVault.url,
        VAULT_TOKEN,
        VAULT_CACERT: caFile,
        ...proxies(proxy.url, '127.0.0.1,localhost'),
      };
      ok(await action(`${gun('tls')}:direct`, { push: 'false', signer: 'tls', 'signer-key': 'hashivault://tls-signer' }, env));
      expect(proxy.log.slice(before)).toEqual([]);
    }, 60_000);

    it('a Vault host NO_PROXY does not cover goes through HTTPS_PROXY, and nothing else does', async () => {
      const image = stack.makeImage('vault/tls', 'proxied');
      const before = proxy.log.length;
      const served = secureVault.calls.length;
      const env = {
        ...noProxy,
        VAULT_ADDR: `https://${VAULT_HOST}`,
        VAULT_TOKEN,
        VAULT_CACERT: caFile,
        ...proxies(proxy.url, '127.0.0.1,localhost'),
      };
      ok(await action(`${gun('tls')}:proxied`, { push: 'false', signer: 'tls', 'signer-key': 'hashivault://tls-signer' }, env));
      const seen = proxy.log.slice(before);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((e) => e.request === `CONNECT ${VAULT_HOST}` && e.routed)).toBe(true);
      expect(secureVault.calls.slice(served).map((c) => c.status)).toEqual(expect.arrayContaining([200, 200]));
      expect(pull(`${gun('tls')}:proxied`)).toContain(image.digest);
    }, 60_000);
  });

  describe('refusals: one ::error:: line naming the input, the key URI and what Vault said; nothing published', () => {
    beforeAll(async () => {
      ok(
        await action(gun('signer'), {
          command: 'add-signer',
          signer: 'imported',
          'signer-public-key': 'hashivault://imported',
          'repository-key': repositoryKey,
        }),
      );
    }, 60_000);

    const cases: [string, string, () => Record<string, string>, RegExp][] = [
      [
        'an rsa-2048 key',
        'hashivault://rsa',
        vaultEnv,
        /^::error::input 'signer-key': hashivault:\/\/rsa: Vault transit key rsa is of type "rsa-2048"; notary needs ecdsa-p256$/,
      ],
      [
        'a missing key',
        'hashivault://no-such-key',
        vaultEnv,
        /input 'signer-key': hashivault:\/\/no-such-key: Vault has no transit key no-such-key \(mount transit\) \(404\)$/,
      ],
      [
        'not a key name',
        'hashivault://no such key',
        vaultEnv,
        /input 'signer-key': "hashivault:\/\/no such key" is not a Vault transit key URI/,
      ],
      [
        'a denied token',
        'hashivault://ci-signer',
        () => ({ ...vaultEnv(), VAULT_TOKEN: DENIED_TOKEN }),
        /hashivault:\/\/ci-signer: Vault refused the token \(403: permission denied\); its policy needs "read" on transit\/keys\/ci-signer and "update" on transit\/sign\/ci-signer\/sha2-256, and it must not have expired$/,
      ],
      [
        'a key Vault will not sign with (400)',
        'hashivault://imported',
        vaultEnv,
        /^::error::hashivault:\/\/imported: Vault refused to sign with transit key imported version 1 \(400: requested version for signing does not contain a private part\)$/,
      ],
      [
        'no VAULT_ADDR',
        'hashivault://ci-signer',
        () => ({ ...vaultEnv(), VAULT_ADDR: '' }),
        /hashivault:\/\/ci-signer: VAULT_ADDR is not set/,
      ],
      [
        'no VAULT_TOKEN',
        'hashivault://ci-signer',
        () => ({ ...vaultEnv(), VAULT_TOKEN: '' }),
        /hashivault:\/\/ci-signer: VAULT_TOKEN is not set/,
      ],
      [
        'the wrong mount path',
        'hashivault://ci-signer',
        () => ({ ...vaultEnv(), TRANSIT_SECRET_ENGINE_PATH: 'other' }),
        /Vault has no transit key ci-signer \(mount other\) \(404: no handler for route/,
      ],
      [
        'HTTPS without VAULT_CACERT',
        'hashivault://tls-signer',
        () => ({ ...noProxy, VAULT_ADDR: secureVault.url, VAULT_TOKEN }),
        /hashivault:\/\/tls-signer: Vault: cannot reach https:\/\/127\.0\.0\.1:\d+: .*certificate/i,
      ],
    ];

    it.each(cases)(
      '%s',
      async (_name, uri, env, message) => {
        stack.makeImage('vault/signer', 'bad');
        const signer = uri === 'hashivault://imported' ? 'imported' : 'ci';
        await expectRefusedWithoutPublishing(
          stack,
          gun('signer'),
          () => action(`${gun('signer')}:bad`, { push: 'false', signer, 'signer-key': uri }, env()),
          message,
        );
      },
      60_000,
    );

    it('a sealed Vault', async () => {
      stack.makeImage('vault/signer', 'sealed');
      vault.sealed = true;
      try {
        await expectRefusedWithoutPublishing(
          stack,
          gun('signer'),
          () => action(`${gun('signer')}:sealed`, { push: 'false', signer: 'ci', 'signer-key': 'hashivault://ci-signer' }),
          /input 'signer-key': hashivault:\/\/ci-signer: Vault at http:\/\/127\.0\.0\.1:\d+ is unavailable \(503: Vault is sealed\)/,
        );
      } finally {
        vault.sealed = false;
      }
    }, 60_000);
  });
});
