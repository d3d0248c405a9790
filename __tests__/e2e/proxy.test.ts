import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { awsTestEnvironment, KmsServer } from '../support/kms-server.js';
import { expectSuccess, TestKeys } from '../support/repository.js';
import { LocalStack } from '../support/stack.js';
import { Tinyproxy } from '../support/tinyproxy.js';

const USER = 'proxy-bot';
const PASSWORD = 'proxy-pass-1';

/**
 * Corporate proxies: every request dct-sign makes (registry, Notary server, token realm, AWS KMS)
 * goes through HTTPS_PROXY/HTTP_PROXY unless NO_PROXY exempts its host, as Debian's tinyproxy's
 * own log shows. The Notary server's private CA (`notary-ca`) still applies through the tunnel.
 */
describe('proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, through a real tinyproxy', () => {
  let stack: LocalStack;
  let proxy: Tinyproxy;
  let kms: KmsServer;
  const keys = new TestKeys();
  const gun = () => `${stack.registry}/proxy/app`;
  const base = () => ({
    'notary-server': stack.notaryUrl,
    'notary-ca': stack.caFile,
    'registry-username': USER,
    'registry-password': PASSWORD,
  });
  const through = (extra: Record<string, string> = {}) => ({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '', ...extra });
  const hosts = () => ({
    notary: `CONNECT 127.0.0.1:${stack.notaryPort}`,
    realm: `CONNECT 127.0.0.1:${stack.tokens!.port}`,
    registry: `http://127.0.0.1:${stack.registryPort}/v2/`,
  });

  beforeAll(async () => {
    stack = await LocalStack.start({ auth: { username: USER, password: PASSWORD } });
    proxy = await Tinyproxy.start(stack.dir);
    kms = new KmsServer();
    await kms.start();
    stack.dockerLogin(USER, PASSWORD);
    await keys.createRepository(stack, gun());
  }, 120_000);

  afterAll(async () => {
    proxy?.stop();
    await kms?.stop();
    await stack?.stop();
  }, 60_000);

  it('signs and verifies with every request through the proxy: registry (http), Notary and token realm (CONNECT)', async () => {
    const image = stack.makeImage('proxy/app', 'v1');
    const before = proxy.requests().length;
    const signed = expectSuccess(
      await stack.runAction({ ...base(), images: `${gun()}:v1`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem }, through()),
    );
    expect(signed.outputs.digests).toBe(`${gun()}@${image.digest}`);
    expectSuccess(await stack.runAction({ ...base(), command: 'verify', images: `${gun()}:v1` }, through()));
    const seen = proxy.requests().slice(before);
    const { notary, realm, registry } = hosts();
    expect(seen).toEqual(expect.arrayContaining([notary, realm]));
    // One manifest look-up per tag, a HEAD, for sign and for verify (each asked twice: the registry's 401, then with the token).
    const manifest = `${registry}proxy/app/manifests/v1`;
    expect(seen.filter((r) => r.includes(manifest))).toEqual(Array(4).fill(`HEAD ${manifest}`));
  }, 90_000);

  it('reads the lowercase variables too (https_proxy, http_proxy), as curl and Go do', async () => {
    stack.makeImage('proxy/app', 'v2');
    const before = proxy.requests().length;
    expectSuccess(
      await stack.runAction(
        { ...base(), images: `${gun()}:v2`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem },
        { https_proxy: proxy.url, http_proxy: proxy.url },
      ),
    );
    expect(proxy.requests().slice(before)).toEqual(expect.arrayContaining([hosts().notary]));
  }, 60_000);

  it('with NO_PROXY naming the hosts, the proxy sees no request at all', async () => {
    stack.makeImage('proxy/app', 'v3');
    const before = proxy.requests().length;
    expectSuccess(
      await stack.runAction(
        { ...base(), images: `${gun()}:v3`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem },
        through({ NO_PROXY: 'localhost,127.0.0.1' }),
      ),
    );
    expectSuccess(await stack.runAction({ ...base(), command: 'verify', images: `${gun()}:v3` }, through({ no_proxy: '127.0.0.0/8' })));
    expect(proxy.requests().slice(before)).toEqual([]);
  }, 60_000);

  it('AWS KMS keys: the SDK’s own request handler goes through the same proxy', async () => {
    stack.makeImage('proxy/app', 'kms');
    kms.createKey({ alias: 'proxy-signer' });
    const aws = awsTestEnvironment(kms.url);
    expectSuccess(
      await stack.runAction(
        {
          ...base(),
          command: 'add-signer',
          images: gun(),
          signer: 'kms',
          'signer-public-key': 'awskms:///alias/proxy-signer',
          'repository-key': keys.targets.privatePem,
        },
        { ...aws, ...through() },
      ),
    );
    const before = proxy.requests().length;
    expectSuccess(
      await stack.runAction(
        { ...base(), images: `${gun()}:kms`, push: 'false', signer: 'kms', 'signer-key': 'awskms:///alias/proxy-signer' },
        { ...aws, ...through() },
      ),
    );
    const kmsOrigin = new URL(kms.url).origin;
    expect(
      proxy
        .requests()
        .slice(before)
        .filter((r) => r.startsWith(`POST ${kmsOrigin}`)).length,
    ).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('a proxy URL that does not parse: one error naming the variable, its value (and password) never echoed', async () => {
    const result = await stack.runAction(
      { ...base(), command: 'verify', images: `${gun()}:v1` },
      { HTTPS_PROXY: 'http://user:s3cret-pw@[not a host', HTTP_PROXY: '' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/HTTPS_PROXY: expected an http:\/\/ or https:\/\/ proxy URL/)]);
    expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret-pw');
  }, 60_000);

  it('a proxy that is down: the error names the proxy, not only the server', async () => {
    const result = await stack.runAction(
      { ...base(), command: 'verify', images: `${gun()}:v1`, 'request-timeout': '20' },
      { HTTPS_PROXY: 'http://user:s3cret-pw@127.0.0.1:1', HTTP_PROXY: 'http://user:s3cret-pw@127.0.0.1:1', NO_PROXY: '' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('through the proxy http://127.0.0.1:1');
    expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret-pw');
  }, 90_000);
});
