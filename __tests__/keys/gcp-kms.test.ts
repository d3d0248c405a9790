import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls, { type SecureContextOptions } from 'node:tls';
import { GcpKmsSigner, parseGcpKmsUri } from '../../src/keys/gcp-kms.js';
import type { NetworkKeyOptions } from '../../src/keys/network-key.js';
import { publicKeyFromPem } from '../../src/tuf/keys.js';
import { verifySignature } from '../../src/tuf/signatures.js';
import { crc32c } from '../../src/util/crc32c.js';
import { GcpKmsServer, GOOGLE_HOSTS } from '../support/gcp-kms-server.js';
import { RoutingProxy } from '../support/routing-proxy.js';

describe('gcpkms:// URIs (cosign form)', () => {
  it('splits the resource name', () => {
    expect(parseGcpKmsUri('gcpkms://projects/my-proj/locations/europe-west1/keyRings/ci/cryptoKeys/signer_1/cryptoKeyVersions/3')).toEqual({
      uri: 'gcpkms://projects/my-proj/locations/europe-west1/keyRings/ci/cryptoKeys/signer_1/cryptoKeyVersions/3',
      name: 'projects/my-proj/locations/europe-west1/keyRings/ci/cryptoKeys/signer_1/cryptoKeyVersions/3',
      project: 'my-proj',
      location: 'europe-west1',
      keyRing: 'ci',
      cryptoKey: 'signer_1',
      version: '3',
    });
    expect(parseGcpKmsUri('gcpkms://projects/example.com:proj/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1').project).toBe(
      'example.com:proj',
    );
  });

  it.each([
    'gcpkms://',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/0',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1/',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k?x/cryptoKeyVersions/1',
    'gcpkms://projects/../locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1',
    'gcpkms:///projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1',
  ])('refuses %s with the expected form', (uri) => {
    expect(() => parseGcpKmsUri(uri)).toThrow(
      expect.objectContaining({
        code: 'KEY_INVALID',
        message: expect.stringMatching(
          /^".*" is not a Google Cloud KMS key URI; expected gcpkms:\/\/projects\/<project>\/locations\/<location>\/keyRings\/<key ring>\/cryptoKeys\/<key>\/cryptoKeyVersions\/<version>$/,
        ),
      }),
    );
  });
});

describe('CRC-32C', () => {
  // RFC 3720 B.4 and the usual check value.
  it.each([
    ['', 0x00000000],
    ['123456789', 0xe3069283],
  ])('%j', (text, expected) => expect(crc32c(Buffer.from(text))).toBe(expected));
  it.each([
    ['32 zeros', new Uint8Array(32), 0x8a9136aa],
    ['32 x 0xff', new Uint8Array(32).fill(0xff), 0x62a8ab43],
    ['0..31', Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e],
  ])('%s', (_name, bytes, expected) => expect(crc32c(bytes)).toBe(expected));
});

/**
 * The test CA, trusted by this process as NODE_EXTRA_CA_CERTS would have it (that variable is
 * read once at start-up, before jest ran this file). Every TLS context Node makes passes through
 * tls.createSecureContext (_tls_wrap.js), whatever module opened the socket.
 */
function trustInThisProcess(caFile: string): () => void {
  const original = tls.createSecureContext;
  const ca = [...tls.rootCertificates, readFileSync(caFile, 'utf8')];
  tls.createSecureContext = (options?: SecureContextOptions) => original({ ...options, ca: options?.ca ?? ca });
  return () => {
    tls.createSecureContext = original;
  };
}

describe('GcpKmsSigner through google-auth-library, against Google-protocol servers on loopback', () => {
  let dir: string;
  let server: GcpKmsServer;
  let proxy: RoutingProxy;
  /** What HTTPS_PROXY in the environment names: the backend must not use it (it routes nothing). */
  let decoy: RoutingProxy;
  let untrust: () => void;
  let options: NetworkKeyOptions;
  const savedEnv = { ...process.env };
  const ENV_NAMES = [
    'GOOGLE_APPLICATION_CREDENTIALS',
    'CLOUDSDK_CONFIG',
    'HOME',
    'METADATA_SERVER_DETECTION',
    'HTTPS_PROXY',
    'HTTP_PROXY',
    'https_proxy',
    'http_proxy',
    'NO_PROXY',
    'no_proxy',
    'GOOGLE_CLOUD_PROJECT',
  ];
  let signer: GcpKmsSigner | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dct-gcp-'));
    server = new GcpKmsServer();
    await server.start(dir);
    untrust = trustInThisProcess(server.caFile);
    proxy = new RoutingProxy();
    await proxy.start();
    server.routeThrough(proxy);
    decoy = new RoutingProxy();
    await decoy.start();
    options = { proxy: { httpsProxy: new URL(proxy.url), httpProxy: new URL(proxy.url), noProxy: [] }, requestTimeoutMs: 5000 };
  });

  afterAll(async () => {
    untrust?.();
    await proxy?.stop();
    await decoy?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    for (const name of ENV_NAMES) delete process.env[name];
    const home = mkdtempSync(join(dir, 'home-'));
    Object.assign(process.env, {
      HOME: home,
      // No metadata-server probe (gcp-metadata isAvailable), should a test find no credentials.
      METADATA_SERVER_DETECTION: 'none',
      HTTPS_PROXY: decoy.url,
      HTTP_PROXY: decoy.url,
      GOOGLE_CLOUD_PROJECT: server.project,
    });
  });

  afterEach(async () => {
    await signer?.close();
    signer = undefined;
    for (const name of ENV_NAMES) delete process.env[name];
    for (const name of ENV_NAMES) if (savedEnv[name] !== undefined) process.env[name] = savedEnv[name];
    expect(decoy.log).toEqual([]);
  });

  const useCredentials = (file: string) => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = file;
  };

  async function expectSignatureVerifies(uri: string) {
    signer = await GcpKmsSigner.open(uri, options);
    expect(signer.publicKey.id).toBe(publicKeyFromPem(server.publicKeyPem(uri)).id);
    const data = Buffer.from(`{"signed":{"_type":"Targets","n":${Math.random()}}}`);
    const signature = await signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(verifySignature(signer.publicKey, 'ecdsa', signature, data)).toBe(true);
    return signature;
  }

  it('google-github-actions/auth’s file (OIDC token by URL, direct federation): the token exchange and KMS go through options.proxy, not HTTPS_PROXY', async () => {
    const uri = server.createKey();
    useCredentials(server.externalAccountFile(dir, { source: 'url' }));
    const before = proxy.log.length;
    const callsBefore = server.calls.length;
    await expectSignatureVerifies(uri);
    expect(proxy.log.slice(before).map((e) => e.request)).toEqual(
      expect.arrayContaining([`CONNECT ${GOOGLE_HOSTS.oidc}:443`, `CONNECT ${GOOGLE_HOSTS.sts}:443`, `CONNECT ${GOOGLE_HOSTS.kms}:443`]),
    );
    expect(proxy.log.slice(before).every((e) => e.routed)).toBe(true);
    const calls = server.calls.slice(callsBefore);
    expect(calls.map((c) => `${c.method} ${c.host}`)).toEqual([
      `GET ${GOOGLE_HOSTS.oidc}`,
      `POST ${GOOGLE_HOSTS.sts}`,
      `GET ${GOOGLE_HOSTS.kms}`,
      `POST ${GOOGLE_HOSTS.kms}`,
    ]);
    expect(calls.filter((c) => c.host === GOOGLE_HOSTS.kms).map((c) => c.identity)).toEqual([server.principal, server.principal]);
  });

  it('a file credential_source with service-account impersonation', async () => {
    const uri = server.createKey();
    useCredentials(server.externalAccountFile(dir, { source: 'file', impersonate: server.serviceAccount.email }));
    const callsBefore = server.calls.length;
    await expectSignatureVerifies(uri);
    const calls = server.calls.slice(callsBefore);
    expect(calls.map((c) => c.host)).toEqual([GOOGLE_HOSTS.sts, GOOGLE_HOSTS.iam, GOOGLE_HOSTS.kms, GOOGLE_HOSTS.kms]);
    expect(calls.filter((c) => c.host === GOOGLE_HOSTS.kms).map((c) => c.identity)).toEqual([
      server.serviceAccount.email,
      server.serviceAccount.email,
    ]);
  });

  it('a service-account key file (JWT-bearer grant, signature checked by the server)', async () => {
    const uri = server.createKey();
    useCredentials(server.serviceAccountKeyFile(dir));
    const callsBefore = server.calls.length;
    await expectSignatureVerifies(uri);
    expect(server.calls.slice(callsBefore).map((c) => `${c.host} ${c.status}`)).toEqual([
      `${GOOGLE_HOSTS.oauth} 200`,
      `${GOOGLE_HOSTS.kms} 200`,
      `${GOOGLE_HOSTS.kms} 200`,
    ]);
  });

  it('gcloud’s user ADC in ~/.config/gcloud (refresh-token grant)', async () => {
    const uri = server.createKey();
    const gcloud = join(process.env.HOME!, '.config', 'gcloud');
    mkdirSync(gcloud, { recursive: true });
    writeFileSync(join(gcloud, 'application_default_credentials.json'), server.authorizedUserJson());
    await expectSignatureVerifies(uri);
  });

  it('gcloud’s impersonated_service_account ADC: both clients the library builds for it keep to options.proxy', async () => {
    const uri = server.createKey();
    const gcloud = join(process.env.HOME!, '.config', 'gcloud');
    mkdirSync(gcloud, { recursive: true });
    writeFileSync(join(gcloud, 'application_default_credentials.json'), server.impersonatedUserJson(server.serviceAccount.email));
    const callsBefore = server.calls.length;
    await expectSignatureVerifies(uri);
    const calls = server.calls.slice(callsBefore);
    expect(calls.map((c) => c.host)).toEqual([GOOGLE_HOSTS.oauth, GOOGLE_HOSTS.iam, GOOGLE_HOSTS.kms, GOOGLE_HOSTS.kms]);
    expect(calls.filter((c) => c.host === GOOGLE_HOSTS.kms).map((c) => c.identity)).toEqual([
      server.serviceAccount.email,
      server.serviceAccount.email,
    ]);
  });

  it('several signatures reuse one access token', async () => {
    const uri = server.createKey();
    useCredentials(server.externalAccountFile(dir, { source: 'file' }));
    signer = await GcpKmsSigner.open(uri, options);
    const callsBefore = server.calls.length;
    for (let i = 0; i < 3; i++) await signer.sign(Buffer.from(`data ${i}`));
    expect(server.calls.slice(callsBefore).map((c) => c.host)).toEqual([GOOGLE_HOSTS.kms, GOOGLE_HOSTS.kms, GOOGLE_HOSTS.kms]);
  });

  describe('data integrity (Google’s CRC32C guidance)', () => {
    beforeEach(() => useCredentials(server.serviceAccountKeyFile(dir)));

    it('sends digestCrc32c, and retries an answer whose signature checksum does not match', async () => {
      const uri = server.createKey();
      signer = await GcpKmsSigner.open(uri, options);
      server.faults.signatureCrc32c = 2;
      const callsBefore = server.calls.length;
      const data = Buffer.from('payload');
      expect(verifySignature(signer.publicKey, 'ecdsa', await signer.sign(data), data)).toBe(true);
      expect(server.calls.slice(callsBefore)).toHaveLength(3);
    });

    it.each([
      ['signatureCrc32c', /the signature does not match its checksum \(signatureCrc32c\), 3 times$/],
      ['unverifiedDigest', /Cloud KMS did not confirm the digest checksum \(verifiedDigestCrc32c\), 3 times$/],
      ['otherName', /Cloud KMS signed with ".*\/cryptoKeyVersions\/99", not the key version asked for$/],
      ['otherKey', /Cloud KMS returned a signature that does not verify with the key's public key$/],
    ] as [keyof GcpKmsServer['faults'], RegExp][])('%s: refused', async (fault, message) => {
      const uri = server.createKey();
      signer = await GcpKmsSigner.open(uri, options);
      server.faults[fault] = 3;
      try {
        await expect(signer.sign(Buffer.from('payload'))).rejects.toMatchObject({
          code: 'KEY_SIGN_FAILED',
          message: expect.stringMatching(new RegExp(`^${escape(uri)}: ${message.source}`)),
        });
      } finally {
        server.faults[fault] = 0;
      }
    });

    it('a public key whose pemCrc32c does not match is read again, and refused when it never does', async () => {
      const uri = server.createKey();
      server.faults.pemCrc32c = 1;
      signer = await GcpKmsSigner.open(uri, options);
      await signer.close();
      signer = undefined;
      server.faults.pemCrc32c = 3;
      await expect(GcpKmsSigner.open(uri, options)).rejects.toMatchObject({
        code: 'KEY_STORE_ERROR',
        message: `${uri}: the public key does not match its checksum (pemCrc32c), 3 times`,
      });
    });
  });

  describe('errors: one line naming the key and what the store answered, no token', () => {
    beforeEach(() => useCredentials(server.externalAccountFile(dir, { source: 'url' })));

    const cases: [string, () => string, string, RegExp][] = [
      [
        'a P-384 key',
        () => server.createKey({ algorithm: 'EC_SIGN_P384_SHA384' }),
        'KEY_INVALID',
        /: the key version's algorithm is "EC_SIGN_P384_SHA384"; notary needs EC_SIGN_P256_SHA256$/,
      ],
      [
        'an RSA key',
        () => server.createKey({ algorithm: 'RSA_SIGN_PKCS1_2048_SHA256' }),
        'KEY_INVALID',
        /: the key version's algorithm is "RSA_SIGN_PKCS1_2048_SHA256"; notary needs EC_SIGN_P256_SHA256$/,
      ],
      [
        'a key version that does not exist',
        () => `gcpkms://projects/${server.project}/locations/global/keyRings/dct/cryptoKeys/missing/cryptoKeyVersions/7`,
        'KEY_NOT_FOUND',
        /: Cloud KMS has no such key version \(getPublicKey answered NOT_FOUND: projects\/.*\/cryptoKeyVersions\/7 not found\.\)$/,
      ],
      [
        'a disabled key version',
        () => server.createKey({ state: 'DISABLED' }),
        'KEY_NOT_FOUND',
        /: the key version cannot be used in its current state \(getPublicKey answered FAILED_PRECONDITION: .* current state is: DISABLED\.\)$/,
      ],
      [
        'a key the identity may not use',
        () => server.createKey({ denied: true }),
        'KEY_ACCESS_DENIED',
        /: Cloud KMS denied getPublicKey \(PERMISSION_DENIED: Permission 'cloudkms\.cryptoKeyVersions\.viewPublicKey' denied on resource .*\); it needs cloudkms\.cryptoKeyVersions\.viewPublicKey: grant the identity roles\/cloudkms\.signerVerifier on the key/,
      ],
    ];

    it.each(cases)('%s', async (_name, makeUri, code, message) => {
      const uri = makeUri();
      const error = await GcpKmsSigner.open(uri, options).then(
        () => undefined,
        (e: unknown) => e as Error & { code: string },
      );
      expect(error).toMatchObject({ code });
      expect(error!.message.startsWith(`${uri}: `)).toBe(true);
      expect(error!.message).toMatch(message);
      expect(error!.message).not.toContain('\n');
      for (const secret of server.secrets()) expect(error!.message).not.toContain(secret);
    });

    it('a signature the identity may not make names useToSign', async () => {
      const uri = server.createKey();
      signer = await GcpKmsSigner.open(uri, options);
      server.keys.get(uri.slice('gcpkms://'.length))!.denied = true;
      await expect(signer.sign(Buffer.from('x'))).rejects.toMatchObject({
        code: 'KEY_ACCESS_DENIED',
        message: expect.stringMatching(
          /cloudkms\.cryptoKeyVersions\.useToSign: grant the identity roles\/cloudkms\.signerVerifier on the key$/,
        ),
      });
    });

    it('STS refusing the subject token', async () => {
      useCredentials(server.externalAccountFile(dir, { source: 'file', subjectToken: 'eyJhbGciOiJSUzI1NiJ9.e30.forged' }));
      const uri = server.createKey();
      await expect(GcpKmsSigner.open(uri, options)).rejects.toMatchObject({
        code: 'KEY_ACCESS_DENIED',
        message: `${uri}: ${GOOGLE_HOSTS.sts} refused the credentials (HTTP 400: invalid_grant: The given credential is rejected by the attribute condition.); check the workload identity provider: its audience, issuer and attribute condition`,
      });
    });

    it('impersonation refused', async () => {
      useCredentials(server.externalAccountFile(dir, { source: 'file', impersonate: 'other@dct-test-project.iam.gserviceaccount.com' }));
      const uri = server.createKey();
      await expect(GcpKmsSigner.open(uri, options)).rejects.toMatchObject({
        code: 'KEY_ACCESS_DENIED',
        message: expect.stringMatching(
          /iamcredentials\.googleapis\.com refused the credentials \(HTTP 403: Permission 'iam\.serviceAccounts\.getAccessToken' denied .*\); the federated identity needs roles\/iam\.workloadIdentityUser/,
        ),
      });
    });

    it('no credentials anywhere', async () => {
      delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      const uri = server.createKey();
      await expect(GcpKmsSigner.open(uri, options)).rejects.toMatchObject({
        code: 'KEY_ACCESS_DENIED',
        message: `${uri}: no Google credentials found (use google-github-actions/auth, or set GOOGLE_APPLICATION_CREDENTIALS to a credential file)`,
      });
    });

    it('a credential file that is not JSON is not quoted', async () => {
      const file = join(dir, 'broken.json');
      writeFileSync(file, '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nMIIsecret');
      useCredentials(file);
      const uri = server.createKey();
      const error = (await GcpKmsSigner.open(uri, options).catch((e: unknown) => e)) as Error;
      expect(error).toMatchObject({ code: 'KEY_ACCESS_DENIED' });
      expect(error.message).not.toContain('MIIsecret');
    });
  });

  describe('the deadline applies to every call', () => {
    beforeEach(() => useCredentials(server.externalAccountFile(dir, { source: 'file' })));

    it.each([GOOGLE_HOSTS.sts, GOOGLE_HOSTS.kms])(
      'requestTimeoutMs: %s never answers',
      async (host) => {
        server.silentHosts.add(host);
        const started = Date.now();
        try {
          await expect(GcpKmsSigner.open(server.createKey(), { ...options, requestTimeoutMs: 300 })).rejects.toMatchObject({
            code: 'KEY_STORE_ERROR',
            message: expect.stringContaining(`${host} did not answer in time`),
          });
        } finally {
          server.silentHosts.delete(host);
        }
        expect(Date.now() - started).toBeLessThan(8000);
      },
      15_000,
    );

    it('the command’s signal stops a call in flight', async () => {
      server.silentHosts.add(GOOGLE_HOSTS.kms);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      try {
        await expect(
          GcpKmsSigner.open(server.createKey(), { ...options, requestTimeoutMs: 60_000, signal: controller.signal }),
        ).rejects.toMatchObject({
          code: 'KEY_STORE_ERROR',
          message: expect.stringContaining('was stopped with the command (its deadline passed)'),
        });
      } finally {
        server.silentHosts.delete(GOOGLE_HOSTS.kms);
      }
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
