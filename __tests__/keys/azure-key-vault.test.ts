import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import type { KeyVaultKey } from '@azure/keyvault-keys';
import { KeyError } from '../../src/errors.js';
import { checkedPublicKey, keyVaultError, parseKeyVaultUri, type KeyVaultKeyUri } from '../../src/keys/azure-key-vault.js';
import { VAULT_TOKEN } from '../support/key-vault-server.js';

const VERSION = '0123456789abcdef0123456789abcdef';

describe('Azure Key Vault key URIs', () => {
  it.each([
    [`azurekms://myvault.vault.azure.net/ci-signer`, { host: 'myvault.vault.azure.net', name: 'ci-signer' }],
    [`azurekv://myvault.vault.azure.net/keys/ci-signer`, { host: 'myvault.vault.azure.net', name: 'ci-signer' }],
    [`azurekms://myvault.vault.azure.net/ci-signer/${VERSION}`, { name: 'ci-signer', version: VERSION }],
    [`azurekv://myvault.vault.azure.net/keys/ci-signer/${VERSION}`, { name: 'ci-signer', version: VERSION }],
    [
      `azurekms://MyVault.Vault.Azure.NET/Key-1`,
      { host: 'myvault.vault.azure.net', vaultUrl: 'https://myvault.vault.azure.net', name: 'Key-1' },
    ],
    [`azurekms://contoso-hsm.managedhsm.azure.net/signer`, { host: 'contoso-hsm.managedhsm.azure.net' }],
    [`azurekms://cn-vault.vault.azure.cn/signer`, { host: 'cn-vault.vault.azure.cn' }],
    [`azurekv://gov-vault.vault.usgovcloudapi.net/keys/signer`, { host: 'gov-vault.vault.usgovcloudapi.net' }],
    [`azurekv://de-vault.vault.microsoftazure.de/keys/signer`, { host: 'de-vault.vault.microsoftazure.de' }],
    [`azurekms://myvault.vault.azure.net/${'k'.repeat(127)}`, { name: 'k'.repeat(127) }],
  ])('%s', (uri, expected) => {
    expect(parseKeyVaultUri(uri)).toEqual(expect.objectContaining({ uri, ...expected }));
  });

  it('both forms name the same key', () => {
    const cosign = parseKeyVaultUri(`azurekms://myvault.vault.azure.net/ci-signer/${VERSION}`);
    const keyId = parseKeyVaultUri(`azurekv://myvault.vault.azure.net/keys/ci-signer/${VERSION}`);
    expect({ ...cosign, uri: '' }).toEqual({ ...keyId, uri: '' });
  });

  it.each([
    ['azurekms://', /no vault host and key name/],
    ['azurekms://myvault.vault.azure.net', /no vault host and key name/],
    ['azurekms://myvault.vault.azure.net/', /a key name is/],
    ['azurekms://myvault.vault.azure.net/ci-signer/', /a key version is 32 hex digits/],
    ['azurekms://myvault.vault.azure.net/ci_signer', /a key name is/],
    [`azurekms://myvault.vault.azure.net/${'k'.repeat(128)}`, /a key name is/],
    ['azurekms://myvault.vault.azure.net/ci-signer/latest', /a key version is 32 hex digits/],
    [`azurekms://myvault.vault.azure.net/ci-signer/${VERSION}/sign`, /nothing may follow the version/],
    ['azurekms://myvault.vault.azure.net/ci-signer?api-version=7.4', /no vault host and key name/],
    ['azurekv://myvault.vault.azure.net/secrets/ci-signer', /the path must start with \/keys\//],
    ['azurekv://myvault.vault.azure.net/ci-signer', /the path must start with \/keys\//],
    ['azurekms://vault.example.com/ci-signer', /"vault.example.com" is not a vault host/],
    ['azurekms://myvault.vault.azure.net.example.com/ci-signer', /is not a vault host/],
    ['azurekms://vault.azure.net/ci-signer', /is not a vault host/],
    ['azurekms://my--vault.vault.azure.net/ci-signer', /is not a vault host/],
    ['azurekms://1vault.vault.azure.net/ci-signer', /is not a vault host/],
    ['azurekms://myvault.vault.azure.net:8443/ci-signer', /is not a vault host/],
    ['azurekms://127.0.0.1/ci-signer', /is not a vault host/],
  ])('refuses %s', (uri, reason) => {
    let error: unknown;
    try {
      parseKeyVaultUri(uri);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeyError);
    expect((error as KeyError).code).toBe('KEY_INVALID');
    const message = (error as KeyError).message;
    expect(message).toMatch(/^".*" is not an Azure Key Vault key URI \(/);
    expect(message).toMatch(reason);
    expect(message).toContain(
      'expected azurekms://<vault>.vault.azure.net/<key name>[/<version>] or azurekv://<vault>.vault.azure.net/keys/<key name>[/<version>]',
    );
    expect(message).not.toContain('\n');
  });

  it('does not echo credentials a URI carries', () => {
    expect(() => parseKeyVaultUri('azurekms://user:hunter2@myvault.vault.azure.net/k')).toThrow(/^"azurekms:\/\/\*\*\*@myvault/);
  });
});

describe('the key Key Vault returns, before it is used', () => {
  const key = parseKeyVaultUri('azurekms://myvault.vault.azure.net/ci-signer');
  const p256 = () => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' });
    return { x: Buffer.from(jwk.x!, 'base64url'), y: Buffer.from(jwk.y!, 'base64url') };
  };
  const vaultKey = (overrides: { key?: object; properties?: object; id?: string } = {}): KeyVaultKey => ({
    id: `https://myvault.vault.azure.net/keys/ci-signer/${VERSION}`,
    name: 'ci-signer',
    key: { kty: 'EC', crv: 'P-256', keyOps: ['sign', 'verify'], ...p256(), ...overrides.key },
    properties: {
      name: 'ci-signer',
      vaultUrl: 'https://myvault.vault.azure.net',
      version: VERSION,
      enabled: true,
      ...overrides.properties,
    },
    ...(overrides.id ? { id: overrides.id } : {}),
  });
  const refusal = (k: KeyVaultKey, uri: KeyVaultKeyUri = key) => {
    try {
      checkedPublicKey(uri, k);
    } catch (error) {
      return { code: (error as KeyError).code, message: (error as KeyError).message };
    }
    throw new Error('accepted');
  };

  it('an EC or EC-HSM P-256 key with sign becomes the ecdsa public key of its point', () => {
    const point = p256();
    const publicKey = checkedPublicKey(key, vaultKey({ key: point }));
    expect(publicKey.keytype).toBe('ecdsa');
    expect(Buffer.from(publicKey.publicBytes).subarray(-64)).toEqual(Buffer.concat([point.x, point.y]));
    expect(checkedPublicKey(key, vaultKey({ key: { kty: 'EC-HSM' } })).keytype).toBe('ecdsa');
  });

  it('pads a coordinate given without its leading zero bytes', () => {
    let point = p256();
    while (point.x[0] !== 0) point = p256();
    const publicKey = checkedPublicKey(key, vaultKey({ key: { x: point.x.subarray(1), y: point.y } }));
    expect(Buffer.from(publicKey.publicBytes).subarray(-64)).toEqual(Buffer.concat([point.x, point.y]));
  });

  it.each([
    ['RSA', { key: { kty: 'RSA', crv: undefined } }, 'KEY_INVALID', /the key is of type "RSA"; notary needs an EC P-256 key/],
    ['P-384', { key: { crv: 'P-384' } }, 'KEY_INVALID', /the key is of type "EC", curve "P-384"; notary needs/],
    ['secp256k1', { key: { kty: 'EC-HSM', crv: 'P-256K' } }, 'KEY_INVALID', /of type "EC-HSM", curve "P-256K"/],
    ['no sign operation', { key: { keyOps: ['verify'] } }, 'KEY_INVALID', /the key does not permit sign \(key_ops \["verify"\]\)/],
    ['disabled', { properties: { enabled: false } }, 'KEY_NOT_FOUND', /the key is disabled in Key Vault/],
    ['expired', { properties: { expiresOn: new Date(Date.now() - 1000) } }, 'KEY_INVALID', /the key expired on /],
    ['not yet valid', { properties: { notBefore: new Date(Date.now() + 60_000) } }, 'KEY_INVALID', /the key is not valid before /],
    ['a point off the curve', { key: { x: Buffer.alloc(32, 1), y: Buffer.alloc(32, 2) } }, 'KEY_STORE_ERROR', /not a P-256 point/],
    ['no coordinates', { key: { x: undefined } }, 'KEY_STORE_ERROR', /not a P-256 point/],
    [
      'another vault in its ID',
      { id: `https://elsewhere.vault.azure.net/keys/ci-signer/${VERSION}` },
      'KEY_STORE_ERROR',
      /another key's ID/,
    ],
    ['another key in its ID', { id: `https://myvault.vault.azure.net/keys/other/${VERSION}` }, 'KEY_STORE_ERROR', /another key's ID/],
    ['an ID without a version', { id: 'https://myvault.vault.azure.net/keys/ci-signer' }, 'KEY_STORE_ERROR', /another key's ID/],
  ])('refuses %s', (_name, overrides, code, message) => {
    const got = refusal(vaultKey(overrides));
    expect(got.code).toBe(code);
    expect(got.message).toMatch(/^azurekms:\/\/myvault\.vault\.azure\.net\/ci-signer: /);
    expect(got.message).toMatch(message);
  });

  it('refuses another version than the URI pins', () => {
    const pinned = parseKeyVaultUri(`azurekms://myvault.vault.azure.net/ci-signer/${'f'.repeat(32)}`);
    expect(refusal(vaultKey(), pinned).message).toMatch(/another key's ID/);
  });
});

describe("Key Vault's answers as one line naming the key", () => {
  const key = parseKeyVaultUri('azurekv://myvault.vault.azure.net/keys/ci-signer');
  const restError = (statusCode: number | undefined, code: string | undefined, message: string, inner?: string) =>
    Object.assign(new Error(message), {
      name: 'RestError',
      statusCode,
      code,
      ...(inner ? { details: { error: { code, message, innerError: { code: inner } } } } : {}),
    });
  const rbac =
    "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=x;oid=y;iss=https://sts.windows.net/t/\r\nAction: 'Microsoft.KeyVault/vaults/keys/sign/action'\r\nResource: '/subscriptions/s/keys/ci-signer'\r\n";

  it.each([
    [
      'a missing key',
      restError(
        404,
        'KeyNotFound',
        'A key with (name/id) ci-signer was not found in this key vault. If you recently deleted this key you may be able to recover it.',
      ),
      'KEY_NOT_FOUND',
      'no such key in the vault (check the vault, key name and version; Key Vault answered 404 KeyNotFound: A key with (name/id) ci-signer was not found in this key vault.)',
    ],
    [
      'a role missing',
      restError(403, 'Forbidden', rbac, 'ForbiddenByRbac'),
      'KEY_ACCESS_DENIED',
      'Key Vault denied the sign operation (Key Vault answered 403 Forbidden/ForbiddenByRbac: Caller is not authorized to perform action on resource. (action Microsoft.KeyVault/vaults/keys/sign/action)); the identity needs the "Key Vault Crypto User" role on the key or the vault (or get and sign key permissions in the vault\'s access policy)',
    ],
    [
      'an access policy without the permission',
      restError(
        403,
        'Forbidden',
        "The user, group or application 'appid=x;oid=y' does not have keys sign permission on key vault 'myvault;location=westeurope'.",
        'AccessDenied',
      ),
      'KEY_ACCESS_DENIED',
      /^Key Vault denied the sign operation \(Key Vault answered 403 Forbidden\/AccessDenied: The user, group or application .* does not have keys sign permission .*\); the identity needs the "Key Vault Crypto User" role/,
    ],
    [
      'a key disabled after it was read',
      restError(403, 'Forbidden', 'Operation sign is not allowed on a disabled key.', 'KeyDisabled'),
      'KEY_NOT_FOUND',
      'the key is disabled (Key Vault answered 403 Forbidden/KeyDisabled: Operation sign is not allowed on a disabled key.)',
    ],
    [
      "the vault's firewall",
      restError(
        403,
        'Forbidden',
        'Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.7',
        'ForbiddenByFirewall',
      ),
      'KEY_ACCESS_DENIED',
      "the vault's firewall refused this machine's address (Key Vault answered 403 Forbidden/ForbiddenByFirewall: Client address is not authorized and caller is not a trusted service.)",
    ],
    [
      'a token refused',
      restError(401, 'Unauthorized', 'AKV10032: Invalid issuer.'),
      'KEY_ACCESS_DENIED',
      'Key Vault refused the credential (Key Vault answered 401 Unauthorized: AKV10032: Invalid issuer.)',
    ],
    [
      'a server error',
      restError(500, 'InternalServerError', 'oops'),
      'KEY_STORE_ERROR',
      'Key Vault sign failed (Key Vault answered 500 InternalServerError: oops)',
    ],
    [
      'no connection',
      restError(undefined, 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8080'),
      'KEY_STORE_ERROR',
      'could not reach Key Vault at myvault.vault.azure.net: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8080',
    ],
    [
      'Entra ID refusing the credential',
      Object.assign(new Error('invalid_client Status code: 401\nMore details:\nAADSTS7000215: Invalid client secret provided.'), {
        name: 'AuthenticationError',
      }),
      'KEY_ACCESS_DENIED',
      'Microsoft Entra ID refused the credential: invalid_client Status code: 401',
    ],
    [
      'the challenge naming another domain',
      new Error("The challenge resource 'vault.example.com' does not match the requested domain."),
      'KEY_STORE_ERROR',
      "Key Vault sign failed: The challenge resource 'vault.example.com' does not match the requested domain.",
    ],
    [
      'a request deadline',
      Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }),
      'KEY_STORE_ERROR',
      'Key Vault did not answer sign in time (5 s)',
    ],
  ])('%s', (_name, error, code, message) => {
    const mapped = keyVaultError(key, 'sign', error, { proxy: { noProxy: [] }, requestTimeoutMs: 5000 });
    expect(mapped.code).toBe(code);
    expect(mapped.message.startsWith('azurekv://myvault.vault.azure.net/keys/ci-signer: ')).toBe(true);
    const rest = mapped.message.slice('azurekv://myvault.vault.azure.net/keys/ci-signer: '.length);
    if (typeof message === 'string') expect(rest).toBe(message);
    else expect(rest).toMatch(message);
    expect(mapped.message).not.toMatch(/[\r\n]/);
  });

  it("the command's deadline", () => {
    const controller = new AbortController();
    controller.abort();
    const error = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(keyVaultError(key, 'get', error, { proxy: { noProxy: [] }, signal: controller.signal }).message).toBe(
      "azurekv://myvault.vault.azure.net/keys/ci-signer: Key Vault get was stopped: the command's deadline passed",
    );
  });

  it('never quotes a token a message carries', () => {
    const error = restError(400, 'BadParameter', `bad token ${VAULT_TOKEN} here`);
    const message = keyVaultError(key, 'get', error).message;
    expect(message).not.toContain(VAULT_TOKEN);
    expect(message).toContain('bad token *** here');
  });
});
