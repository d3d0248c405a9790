import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentTrustPull, trustSignerKeyIds } from '../support/docker-trust.js';
import { expectSuccess as ok } from '../support/repository.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { GcpKmsServer, GOOGLE_HOSTS } from '../support/gcp-kms-server.js';
import { newKeyPem } from '../support/keys.js';
import { RoutingProxy } from '../support/routing-proxy.js';
import { LocalStack, type RunResult } from '../support/stack.js';

describe('Google Cloud KMS keys (gcpkms://) through the action, with the real google-auth-library', () => {
  let stack: LocalStack;
  let google: GcpKmsServer;
  let proxy: RoutingProxy;
  /** Where the upper-case proxy variables point: gaxios's own reading of the environment prefers them, dct-sign's settings do not. */
  let environmentProxy: RoutingProxy;
  let dir = '';
  /** What google-github-actions/auth leaves: the federation file (OIDC token by URL) in GOOGLE_APPLICATION_CREDENTIALS. */
  let federationFile = '';
  let repositoryKey = '';
  let signerUri = '';
  const gun = (name: string) => `${stack.registry}/gcp/${name}`;

  /**
   * A runner after google-github-actions/auth: the credential file and GOOGLE_CLOUD_PROJECT; HOME
   * empty (no gcloud ADC from this machine); no metadata-server probe; the routing proxy in the
   * lower-case variables (which dct-sign reads first) and another in the upper-case ones (which
   * gaxios reads first, so a request that bypassed dct-sign's settings would show there).
   */
  const googleEnv = (extra: Record<string, string> = {}): Record<string, string> => {
    const home = mkdtempSync(join(dir, 'home-'));
    return {
      GOOGLE_APPLICATION_CREDENTIALS: federationFile,
      GOOGLE_CLOUD_PROJECT: google.project,
      CLOUDSDK_CONFIG: '',
      HOME: home,
      METADATA_SERVER_DETECTION: 'none',
      NODE_EXTRA_CA_CERTS: google.caFile,
      https_proxy: proxy.url,
      http_proxy: proxy.url,
      no_proxy: '127.0.0.1,localhost',
      HTTPS_PROXY: environmentProxy.url,
      HTTP_PROXY: environmentProxy.url,
      NO_PROXY: '127.0.0.1,localhost',
      ...extra,
    };
  };
  /** Every run: no token or credential reaches stdout or stderr, whatever happened; nothing bypasses dct-sign's proxy settings. */
  const action = async (images: string, inputs: Record<string, string>, env = googleEnv()): Promise<RunResult> => {
    const result = await stack.runAction({ images, 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs }, env);
    for (const secret of google.secrets()) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    expect(environmentProxy.log).toEqual([]);
    return result;
  };
  const pull = (ref: string) => contentTrustPull(stack, ref);
  const signerKeyIds = (repository: string, signer: string) => trustSignerKeyIds(stack, repository, signer);

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    dir = mkdtempSync(join(stack.dir, 'gcp-'));
    google = new GcpKmsServer();
    proxy = new RoutingProxy();
    environmentProxy = new RoutingProxy();
    await Promise.all([google.start(dir), proxy.start(), environmentProxy.start()]);
    google.routeThrough(proxy);
    federationFile = google.externalAccountFile(dir, { source: 'url' });
    signerUri = google.createKey({ key: 'ci-signer' });
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await environmentProxy?.stop();
    await google?.stop();
    await stack?.stop();
  }, 60_000);

  it('add-signer and sign by gcpkms:// URI: notary and docker’s content-trust pull accept it; every request went to a routed Google host through the proxy', async () => {
    const image = stack.makeImage('gcp/app', 'v1');
    const proxyBefore = proxy.log.length;
    ok(await action(gun('app'), { command: 'init', 'root-key': newKeyPem(), 'repository-key': (repositoryKey = newKeyPem()) }));
    ok(await action(gun('app'), { command: 'add-signer', signer: 'gcp', 'signer-public-key': signerUri, 'repository-key': repositoryKey }));
    const callsBefore = google.calls.length;
    ok(await action(`${gun('app')}:v1`, { push: 'false', signer: 'gcp', 'signer-key': signerUri }));
    const calls = google.calls.slice(callsBefore);
    // google-github-actions/auth's file: the OIDC token by URL, one exchange, one public key, then signatures.
    expect(calls.slice(0, 3).map((c) => `${c.method} ${c.host} ${c.status}`)).toEqual([
      `GET ${GOOGLE_HOSTS.oidc} 200`,
      `POST ${GOOGLE_HOSTS.sts} 200`,
      `GET ${GOOGLE_HOSTS.kms} 200`,
    ]);
    expect(calls.filter((c) => c.path.endsWith(':asymmetricSign') && c.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(calls.filter((c) => c.host === GOOGLE_HOSTS.kms).every((c) => c.identity === google.principal)).toBe(true);

    expect(stack.notary(['list', gun('app')])).toContain(image.digest.slice(7));
    expect(pull(`${gun('app')}:v1`)).toContain(image.digest);

    const requests = proxy.log.slice(proxyBefore);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.routed)).toBe(true);
    expect(new Set(requests.map((r) => r.request))).toEqual(
      new Set([`CONNECT ${GOOGLE_HOSTS.oidc}:443`, `CONNECT ${GOOGLE_HOSTS.sts}:443`, `CONNECT ${GOOGLE_HOSTS.kms}:443`]),
    );
    expect(proxy.log.filter((r) => /169\.254\.169\.254|metadata\.google\.internal/.test(r.request))).toEqual([]);
  }, 120_000);

  it('add-signer by URI lists the same key ID as add-signer with the public-key file', async () => {
    ok(
      await action(gun('app'), {
        command: 'add-signer',
        signer: 'gcp-pem',
        'signer-public-key': google.publicKeyPem(signerUri),
        'repository-key': repositoryKey,
      }),
    );
    const byUri = signerKeyIds(gun('app'), 'gcp');
    expect(byUri).toHaveLength(1);
    expect(signerKeyIds(gun('app'), 'gcp-pem')).toEqual(byUri);
  }, 60_000);

  it('init with root and repository keys in Cloud KMS, signed with a service-account key file', async () => {
    const image = stack.makeImage('gcp/init', 'v1');
    const root = google.createKey({ key: 'root' });
    const targets = google.createKey({ key: 'targets' });
    const env = googleEnv({ GOOGLE_APPLICATION_CREDENTIALS: google.serviceAccountKeyFile(dir) });
    ok(await action(gun('init'), { command: 'init', 'root-key': root, 'repository-key': targets }, env));
    ok(await action(gun('init'), { command: 'add-signer', signer: 'gcp', 'signer-public-key': signerUri, 'repository-key': targets }, env));
    ok(await action(`${gun('init')}:v1`, { push: 'false', signer: 'gcp', 'signer-key': signerUri }, env));
    expect(pull(`${gun('init')}:v1`)).toContain(image.digest);
  }, 120_000);

  it('gcloud’s ADC (a developer’s machine): the user credential in ~/.config/gcloud', async () => {
    stack.makeImage('gcp/app', 'v2');
    const env = googleEnv({ GOOGLE_APPLICATION_CREDENTIALS: '' });
    mkdirSync(join(env.HOME!, '.config', 'gcloud'), { recursive: true });
    writeFileSync(join(env.HOME!, '.config', 'gcloud', 'application_default_credentials.json'), google.authorizedUserJson());
    ok(await action(`${gun('app')}:v2`, { push: 'false', signer: 'gcp', 'signer-key': signerUri }, env));
  }, 60_000);

  describe('refusals: one line naming the input and the key, nothing published, no token printed', () => {
    const name = (key: string) => `projects/dct-test-project/locations/global/keyRings/dct/cryptoKeys/${key}/cryptoKeyVersions/1`;
    const cases: [string, () => { uri: string; env?: Record<string, string> }, RegExp][] = [
      [
        'a P-384 key',
        () => ({ uri: google.createKey({ key: 'p384', algorithm: 'EC_SIGN_P384_SHA384' }) }),
        new RegExp(
          `^::error::input 'signer-key': gcpkms://${name('p384')}: the key version's algorithm is "EC_SIGN_P384_SHA384"; notary needs EC_SIGN_P256_SHA256$`,
        ),
      ],
      [
        'an RSA key',
        () => ({ uri: google.createKey({ key: 'rsa', algorithm: 'RSA_SIGN_PKCS1_2048_SHA256' }) }),
        /gcpkms:\/\/.*\/cryptoKeys\/rsa\/cryptoKeyVersions\/1: the key version's algorithm is "RSA_SIGN_PKCS1_2048_SHA256"/,
      ],
      [
        'a key version that does not exist',
        () => ({ uri: `gcpkms://${name('missing')}` }),
        /^::error::input 'signer-key': gcpkms:\/\/.*\/cryptoKeys\/missing\/cryptoKeyVersions\/1: Cloud KMS has no such key version \(getPublicKey answered NOT_FOUND/,
      ],
      [
        'a disabled key version',
        () => ({ uri: google.createKey({ key: 'disabled', state: 'DISABLED' }) }),
        /cryptoKeys\/disabled\/cryptoKeyVersions\/1: the key version cannot be used in its current state \(getPublicKey answered FAILED_PRECONDITION: .*DISABLED/,
      ],
      [
        'a key the identity may not use',
        () => ({ uri: google.createKey({ key: 'denied', denied: true }) }),
        /cryptoKeys\/denied\/cryptoKeyVersions\/1: Cloud KMS denied getPublicKey \(PERMISSION_DENIED: .*\); it needs cloudkms\.cryptoKeyVersions\.viewPublicKey: grant the identity roles\/cloudkms\.signerVerifier on the key/,
      ],
      [
        'STS refusing the subject token',
        () => ({
          uri: signerUri,
          env: {
            GOOGLE_APPLICATION_CREDENTIALS: google.externalAccountFile(dir, {
              source: 'file',
              subjectToken: 'eyJhbGciOiJSUzI1NiJ9.e30.forged',
            }),
          },
        }),
        /cryptoKeys\/ci-signer\/cryptoKeyVersions\/1: sts\.googleapis\.com refused the credentials \(HTTP 400: invalid_grant: .*\); check the workload identity provider/,
      ],
      [
        'no credentials at all',
        () => ({ uri: signerUri, env: { GOOGLE_APPLICATION_CREDENTIALS: '' } }),
        /: no Google credentials found \(use google-github-actions\/auth, or set GOOGLE_APPLICATION_CREDENTIALS to a credential file\)$/,
      ],
      [
        'not a Cloud KMS key URI',
        () => ({ uri: 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k' }),
        /^::error::input 'signer-key': "gcpkms:\/\/projects\/p\/locations\/global\/keyRings\/r\/cryptoKeys\/k" is not a Google Cloud KMS key URI; expected gcpkms:\/\/projects\/<project>\/locations\/<location>\/keyRings\/<key ring>\/cryptoKeys\/<key>\/cryptoKeyVersions\/<version>$/,
      ],
    ];

    it.each(cases)(
      '%s',
      async (_name, make, message) => {
        stack.makeImage('gcp/app', 'bad');
        const { uri, env } = make();
        await expectRefusedWithoutPublishing(
          stack,
          gun('app'),
          () => action(`${gun('app')}:bad`, { push: 'false', signer: 'gcp', 'signer-key': uri }, googleEnv(env)),
          message,
        );
      },
      60_000,
    );

    it('add-signer with a public key that is not P-256 changes nothing', async () => {
      const uri = google.createKey({ key: 'p384-signer', algorithm: 'EC_SIGN_P384_SHA384' });
      await expectRefusedWithoutPublishing(
        stack,
        gun('app'),
        () => action(gun('app'), { command: 'add-signer', signer: 'other', 'signer-public-key': uri, 'repository-key': repositoryKey }),
        /^::error::input 'signer-public-key': gcpkms:\/\/.*\/cryptoKeys\/p384-signer\/cryptoKeyVersions\/1: the key version's algorithm is "EC_SIGN_P384_SHA384"/,
      );
    }, 60_000);
  });

  it.each([
    ['the request deadline', { 'request-timeout': '2' }],
    ['the command deadline', { timeout: '2' }],
  ])(
    '%s ends a Cloud KMS that never answers, and the process',
    async (_name, limit) => {
      google.silentHosts.add(GOOGLE_HOSTS.kms);
      try {
        const started = Date.now();
        const result = await action(`${gun('app')}:v1`, { push: 'false', signer: 'gcp', 'signer-key': signerUri, ...limit });
        expect(result.exitCode).toBe(1);
        expect(result.errors).toHaveLength(1);
        expect(Date.now() - started).toBeLessThan(20_000);
      } finally {
        google.silentHosts.delete(GOOGLE_HOSTS.kms);
      }
    },
    60_000,
  );
});
