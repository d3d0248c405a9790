import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentTrustPull, trustSignerKeyIds } from '../support/docker-trust.js';
import { expectSuccess as ok } from '../support/repository.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import {
  DENIED_TOKEN,
  ENTRA_HOST,
  FEDERATED_TOKEN,
  KeyVaultServer,
  TENANT_ID,
  VAULT_TOKEN,
  WORKLOAD_CLIENT_ID,
  fakeAzCli,
} from '../support/key-vault-server.js';
import { newKeyPem } from '../support/keys.js';
import { RoutingProxy, testCertificate } from '../support/routing-proxy.js';
import { LocalStack, type RunResult } from '../support/stack.js';

/** The public names the action is given; never resolved: the proxy routes them to loopback ports. */
const VAULT_HOST = 'dctsign.vault.azure.net';
const HSM_HOST = 'dctsign.managedhsm.azure.net';
/** A vault that accepts connections and never says a word. */
const SILENT_HOST = 'dctsign-silent.vault.azure.net';
const IMDS = '169.254.169.254';
const SECRETS = [VAULT_TOKEN, DENIED_TOKEN, FEDERATED_TOKEN];

describe('Azure Key Vault keys (azurekms://, azurekv://) through the action, with the real @azure/keyvault-keys and @azure/identity', () => {
  let stack: LocalStack;
  let vault: KeyVaultServer;
  let proxy: RoutingProxy;
  /** Where the upper-case proxy variables point: the SDK's own reading of the environment prefers them, dct-sign's settings do not. */
  let environmentProxy: RoutingProxy;
  let silent: { server: Server; sockets: Set<Socket> };
  let caFile = '';
  let federatedTokenFile = '';
  let az: { binDir: string; log: string };
  let deniedAz: { binDir: string; log: string };
  let loggedOutAz: { binDir: string; log: string };
  let stuckAz: { binDir: string; log: string };
  let rotatedFirstVersion = '';
  const gun = (name: string) => `${stack.registry}/azure/${name}`;

  /**
   * A runner after azure/login: an az session first on PATH, no AZURE_* credential from the machine
   * this runs on, the routing proxy in the lower-case variables (which dct-sign reads first) and the
   * environment's proxy in the upper-case ones (which @azure/core-rest-pipeline reads first).
   */
  const azureEnv = (cli = az, extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: `${cli.binDir}:${process.env.PATH ?? ''}`,
    NODE_EXTRA_CA_CERTS: caFile,
    https_proxy: proxy.url,
    http_proxy: proxy.url,
    no_proxy: '127.0.0.1,localhost',
    HTTPS_PROXY: environmentProxy.url,
    HTTP_PROXY: environmentProxy.url,
    NO_PROXY: '127.0.0.1,localhost',
    AZURE_CLIENT_ID: '',
    AZURE_TENANT_ID: '',
    AZURE_CLIENT_SECRET: '',
    AZURE_CLIENT_CERTIFICATE_PATH: '',
    AZURE_FEDERATED_TOKEN_FILE: '',
    AZURE_USERNAME: '',
    ...extra,
  });
  /** Every run: no token reaches stdout or stderr, whatever happened. */
  const action = async (images: string, inputs: Record<string, string>, env = azureEnv()): Promise<RunResult> => {
    const result = await stack.runAction({ images, 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs }, env);
    for (const secret of SECRETS) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    return result;
  };
  const pull = (ref: string) => contentTrustPull(stack, ref);
  const signerKeyIds = (repository: string, signer: string) => trustSignerKeyIds(stack, repository, signer);
  const azCalls = (cli: { log: string }) => readFileSync(cli.log, 'utf8').split('\n').filter(Boolean);
  /** What went through the routing proxy during `run`; nothing may reach the environment's proxy. */
  const proxied = async <T>(run: () => Promise<T>): Promise<{ result: T; requests: { request: string; routed: boolean }[] }> => {
    const before = proxy.log.length;
    const result = await run();
    expect(environmentProxy.log).toEqual([]);
    return { result, requests: proxy.log.slice(before) };
  };

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    const dir = mkdtempSync(join(stack.dir, 'azure-'));
    const cert = testCertificate(dir, [VAULT_HOST, HSM_HOST, SILENT_HOST, ENTRA_HOST]);
    caFile = cert.caFile;
    vault = new KeyVaultServer([VAULT_HOST, HSM_HOST], cert);
    proxy = new RoutingProxy();
    environmentProxy = new RoutingProxy();
    const sockets = new Set<Socket>();
    silent = { server: createServer((socket) => void sockets.add(socket)), sockets };
    await Promise.all([
      vault.start(),
      proxy.start(),
      environmentProxy.start(),
      new Promise<void>((resolve) => silent.server.listen(0, '127.0.0.1', resolve)),
    ]);
    for (const host of [VAULT_HOST, HSM_HOST, ENTRA_HOST]) proxy.route(host, vault.port);
    const silentAddress = silent.server.address();
    proxy.route(SILENT_HOST, typeof silentAddress === 'object' && silentAddress ? silentAddress.port : 0);
    az = fakeAzCli(join(dir, 'az'));
    deniedAz = fakeAzCli(join(dir, 'az-denied'), { token: DENIED_TOKEN });
    loggedOutAz = fakeAzCli(join(dir, 'az-logged-out'), { loggedOut: true });
    // An az CLI that hangs (a prompt, a stuck network); `exec` so that the kill at its timeout reaches it.
    stuckAz = fakeAzCli(join(dir, 'az-stuck'));
    writeFileSync(join(stuckAz.binDir, 'az'), '#!/bin/sh\nexec sleep 20\n');
    federatedTokenFile = join(dir, 'azure-identity-token');
    writeFileSync(federatedTokenFile, FEDERATED_TOKEN);

    vault.createKey('ci-signer');
    vault.createKey('root');
    vault.createKey('targets');
    vault.createKey('hsm-signer', { hsm: true });
    rotatedFirstVersion = vault.createKey('rotated');
    vault.createKey('rotated');
    vault.createKey('rsa', { type: 'RSA' });
    vault.createKey('p384', { type: 'P-384' });
    vault.createKey('disabled', { enabled: false });
    vault.createKey('verify-only', { keyOps: ['verify'] });
  }, 120_000);

  afterAll(async () => {
    for (const socket of silent?.sockets ?? []) socket.destroy();
    await Promise.all([
      vault?.stop(),
      proxy?.stop(),
      environmentProxy?.stop(),
      new Promise<void>((resolve) => (silent ? silent.server.close(() => resolve()) : resolve())),
    ]);
    await stack?.stop();
  }, 60_000);

  it('a signer key: added by azurekms:// with the key ID its public-key file gives, signs by azurekv://; notary list and a DCT pull accept it; no IMDS request', async () => {
    const image = stack.makeImage('azure/signer', 'v1');
    const repositoryKey = newKeyPem();
    ok(await action(gun('signer'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': repositoryKey }));
    const added = await proxied(() =>
      action(gun('signer'), {
        command: 'add-signer',
        signer: 'ci',
        'signer-public-key': `azurekms://${VAULT_HOST}/ci-signer`,
        'repository-key': repositoryKey,
      }),
    );
    ok(added.result);

    // The same key, added to another repository from the PEM file of its public key.
    const pemFile = join(stack.dir, 'ci-signer.pub');
    writeFileSync(pemFile, vault.publicKeyPem('ci-signer'));
    const byFileKey = newKeyPem();
    ok(await action(gun('by-file'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': byFileKey }));
    ok(await action(gun('by-file'), { command: 'add-signer', signer: 'ci', 'signer-public-key': pemFile, 'repository-key': byFileKey }));
    expect(signerKeyIds(gun('signer'), 'ci')).toEqual(signerKeyIds(gun('by-file'), 'ci'));

    const callsBefore = vault.calls.length;
    const azBefore = azCalls(az).length;
    const signed = await proxied(() =>
      action(`${gun('signer')}:v1`, { push: 'false', signer: 'ci', 'signer-key': `azurekv://${VAULT_HOST}/keys/ci-signer` }),
    );
    ok(signed.result);
    // The key is read once; every signature (targets/releases and targets/ci) is by the version read.
    const calls = vault.calls.slice(callsBefore).filter((c) => c.auth !== 'none');
    expect(calls.filter((c) => c.method === 'GET')).toEqual([expect.objectContaining({ path: '/keys/ci-signer/', status: 200 })]);
    const signs = calls.filter((c) => c.method === 'POST');
    expect(signs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(signs.map((c) => c.path)).size).toBe(1);
    expect(calls.every((c) => c.status === 200 && c.auth === 'valid' && c.apiVersion)).toBe(true);
    // One token from the az session for both clients, asked for Key Vault in the challenge's tenant.
    expect(azCalls(az).slice(azBefore)).toEqual([
      `account get-access-token --output json --resource https://vault.azure.net --tenant ${TENANT_ID}`,
    ]);

    for (const run of [added, signed]) {
      expect(run.requests.length).toBeGreaterThan(0);
      expect(run.requests).toEqual(run.requests.map(() => ({ request: `CONNECT ${VAULT_HOST}:443`, routed: true })));
    }
    expect(proxy.requestsFor(IMDS)).toEqual([]);

    expect(stack.notary(['list', gun('signer')])).toContain(image.digest.slice('sha256:'.length));
    expect(pull(`${gun('signer')}:v1`)).toContain(image.digest);
  }, 180_000);

  it('root and repository keys in Key Vault (both URI forms), a Managed HSM signer key, and a pinned version', async () => {
    const image = stack.makeImage('azure/root', 'v1');
    const init = ok(
      await action(gun('root'), {
        command: 'init',
        'root-key': `azurekv://${VAULT_HOST}/keys/root`,
        'repository-key': `azurekms://${VAULT_HOST}/targets`,
      }),
    );
    expect(init.outputs['root-key-id']).toMatch(/^[a-f0-9]{64}$/);
    const azBefore = azCalls(az).length;
    ok(
      await action(gun('root'), {
        command: 'add-signer',
        signer: 'hsm',
        'signer-public-key': `azurekms://${HSM_HOST}/hsm-signer`,
        'repository-key': `azurekv://${VAULT_HOST}/keys/targets`,
      }),
    );
    // Managed HSM's challenge names its own resource, and the token is asked for it.
    expect(azCalls(az).slice(azBefore)).toContain(
      `account get-access-token --output json --resource https://managedhsm.azure.net --tenant ${TENANT_ID}`,
    );
    ok(
      await action(gun('root'), {
        command: 'add-signer',
        signer: 'pinned',
        'signer-public-key': `azurekms://${VAULT_HOST}/rotated/${rotatedFirstVersion}`,
        'repository-key': `azurekv://${VAULT_HOST}/keys/targets`,
      }),
    );
    ok(await action(`${gun('root')}:v1`, { push: 'false', signer: 'hsm', 'signer-key': `azurekv://${HSM_HOST}/keys/hsm-signer` }));
    stack.makeImage('azure/root', 'v2');
    ok(
      await action(`${gun('root')}:v2`, {
        push: 'false',
        signer: 'pinned',
        'signer-key': `azurekv://${VAULT_HOST}/keys/rotated/${rotatedFirstVersion}`,
      }),
    );
    expect(vault.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/keys/rotated/')).map((c) => c.path)).toContain(
      `/keys/rotated/${rotatedFirstVersion}/sign`,
    );
    // Without a version, the key's current version signs: it is not the one the role lists.
    stack.makeImage('azure/root', 'v3');
    const unpinned = await action(`${gun('root')}:v3`, {
      push: 'false',
      signer: 'pinned',
      'signer-key': `azurekv://${VAULT_HOST}/keys/rotated`,
    });
    expect(unpinned.exitCode).toBe(1);
    expect(unpinned.errors).toHaveLength(1);

    expect(pull(`${gun('root')}:v1`)).toContain(image.digest);
    const inspect = JSON.parse(stack.docker(['trust', 'inspect', gun('root')])) as {
      AdministrativeKeys: { Name: string; Keys: { ID: string }[] }[];
    }[];
    expect(inspect[0]!.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys.map((k) => k.ID)).toEqual([init.outputs['root-key-id']]);
    expect(proxy.requestsFor(IMDS)).toEqual([]);
  }, 180_000);

  it('workload identity (AZURE_FEDERATED_TOKEN_FILE): the token exchange with Entra ID goes by the proxy settings; the az session is not asked', async () => {
    stack.makeImage('azure/signer', 'workload');
    const azBefore = azCalls(az).length;
    const entraBefore = vault.entraCalls.length;
    const run = await proxied(() =>
      action(
        `${gun('signer')}:workload`,
        { push: 'false', signer: 'ci', 'signer-key': `azurekms://${VAULT_HOST}/ci-signer` },
        azureEnv(az, { AZURE_CLIENT_ID: WORKLOAD_CLIENT_ID, AZURE_TENANT_ID: TENANT_ID, AZURE_FEDERATED_TOKEN_FILE: federatedTokenFile }),
      ),
    );
    ok(run.result);
    expect(vault.entraCalls.slice(entraBefore).filter((c) => c.method === 'POST')).toEqual([
      expect.objectContaining({
        path: `/${TENANT_ID}/oauth2/v2.0/token`,
        status: 200,
        grantType: 'client_credentials',
        clientId: WORKLOAD_CLIENT_ID,
        scope: 'https://vault.azure.net/.default',
      }),
    ]);
    expect(run.requests).toContainEqual({ request: `CONNECT ${ENTRA_HOST}:443`, routed: true });
    expect(run.requests.every((r) => r.routed)).toBe(true);
    expect(azCalls(az).slice(azBefore)).toEqual([]);
  }, 120_000);

  describe('refusals: one line naming the key URI and what Key Vault answered, no token anywhere, nothing published', () => {
    /** name, key URI, the error line, and the az session the run has (the denied identity's hands out its own token). */
    const cases: [string, string, RegExp, ('denied' | 'crypto-user')?][] = [
      [
        'a key that does not exist',
        `azurekv://${VAULT_HOST}/keys/no-such-key`,
        /^::error::input 'signer-key': azurekv:\/\/dctsign\.vault\.azure\.net\/keys\/no-such-key: no such key in the vault \(check the vault, key name and version; Key Vault answered 404 KeyNotFound: A key with \(name\/id\) no-such-key was not found in this key vault\.\)$/,
      ],
      [
        'a version that does not exist',
        `azurekms://${VAULT_HOST}/ci-signer/0123456789abcdef0123456789abcdef`,
        /azurekms:\/\/dctsign\.vault\.azure\.net\/ci-signer\/0123456789abcdef0123456789abcdef: no such key in the vault .*404 KeyNotFound/,
      ],
      [
        'a disabled key',
        `azurekms://${VAULT_HOST}/disabled`,
        /azurekms:\/\/dctsign\.vault\.azure\.net\/disabled: the key is disabled in Key Vault/,
      ],
      [
        'an RSA key',
        `azurekv://${VAULT_HOST}/keys/rsa`,
        /azurekv:\/\/dctsign\.vault\.azure\.net\/keys\/rsa: the key is of type "RSA"; notary needs an EC P-256 key \(kty EC or EC-HSM, crv P-256\)/,
      ],
      [
        'a P-384 key',
        `azurekms://${VAULT_HOST}/p384`,
        /azurekms:\/\/dctsign\.vault\.azure\.net\/p384: the key is of type "EC", curve "P-384"; notary needs/,
      ],
      ['a key without the sign operation', `azurekms://${VAULT_HOST}/verify-only`, /verify-only: the key does not permit sign/],
      [
        'an identity without a role on the vault',
        `azurekms://${VAULT_HOST}/ci-signer`,
        /azurekms:\/\/dctsign\.vault\.azure\.net\/ci-signer: Key Vault denied the get operation \(Key Vault answered 403 Forbidden\/ForbiddenByRbac: Caller is not authorized to perform action on resource\. \(action Microsoft\.KeyVault\/vaults\/keys\/read\)\); the identity needs the "Key Vault Crypto User" role on the key or the vault/,
        'denied',
      ],
      [
        'a host that is not a vault',
        'azurekms://vault.example.com/ci-signer',
        /"azurekms:\/\/vault\.example\.com\/ci-signer" is not an Azure Key Vault key URI/,
      ],
    ];

    it.each(cases)(
      '%s',
      async (_name, uri, message, session = 'crypto-user') => {
        const image = `${gun('signer')}:refused`;
        stack.makeImage('azure/signer', 'refused');
        const cli = session === 'denied' ? deniedAz : az;
        const run = await proxied(() =>
          expectRefusedWithoutPublishing(
            stack,
            gun('signer'),
            () => action(image, { push: 'false', signer: 'ci', 'signer-key': uri }, azureEnv(cli)),
            message,
          ),
        );
        expect(run.requests.every((r) => r.routed)).toBe(true);
      },
      60_000,
    );

    it('no credential at all: says to use azure/login or AZURE_* and what az said; managed identity was tried last, through the proxy', async () => {
      stack.makeImage('azure/signer', 'refused');
      const uri = `azurekms://${VAULT_HOST}/ci-signer`;
      const run = await proxied(() =>
        expectRefusedWithoutPublishing(
          stack,
          gun('signer'),
          () => action(`${gun('signer')}:refused`, { push: 'false', signer: 'ci', 'signer-key': uri }, azureEnv(loggedOutAz)),
          /^::error::input 'signer-key': azurekms:\/\/dctsign\.vault\.azure\.net\/ci-signer: no Azure credential is available: sign in with azure\/login \(OIDC\) before this step, or set AZURE_CLIENT_ID and AZURE_TENANT_ID with AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH \(az CLI: Please run 'az login'/,
        ),
      );
      expect(azCalls(loggedOutAz).length).toBeGreaterThan(0);
      // The only request past the vault's is managed identity's, last, refused by the proxy.
      expect(run.requests.filter((r) => !r.routed).map((r) => r.request)).toEqual([
        expect.stringMatching(/^GET http:\/\/169\.254\.169\.254\/metadata\/identity\/oauth2\/token\?/),
      ]);
    }, 60_000);

    it('an az CLI that never answers: the request deadline ends the wait for a token', async () => {
      const started = Date.now();
      const run = await proxied(() =>
        action(
          `${gun('signer')}:v1`,
          { push: 'false', signer: 'ci', 'signer-key': `azurekms://${VAULT_HOST}/ci-signer`, 'request-timeout': '2' },
          azureEnv(stuckAz),
        ),
      );
      expect(run.result.exitCode).toBe(1);
      expect(run.result.errors).toEqual([
        expect.stringMatching(/azurekms:\/\/dctsign\.vault\.azure\.net\/ci-signer: no Azure access token came in time \(2 s\)$/),
      ]);
      expect(Date.now() - started).toBeLessThan(30_000);
      // The deadline ended the chain: managed identity was not asked.
      expect(run.requests.every((r) => r.routed)).toBe(true);
    }, 60_000);

    it.each([
      [
        'the request deadline',
        { 'request-timeout': '2' },
        /azurekms:\/\/dctsign-silent\.vault\.azure\.net\/ci-signer: Key Vault did not answer get in time \(2 s\)$/,
      ],
      ['the command deadline', { timeout: '2' }, /^::error::the command did not finish within 2 s \(timeout\)/],
    ])(
      'a vault that never answers: %s ends the call and the process',
      async (_name, limit, message) => {
        const started = Date.now();
        const run = await proxied(() =>
          action(`${gun('signer')}:v1`, { push: 'false', signer: 'ci', 'signer-key': `azurekms://${SILENT_HOST}/ci-signer`, ...limit }),
        );
        expect(run.result.exitCode).toBe(1);
        expect(run.result.errors).toEqual([expect.stringMatching(message)]);
        expect(Date.now() - started).toBeLessThan(30_000);
      },
      60_000,
    );
  });
});
