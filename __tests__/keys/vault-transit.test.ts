import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicKey, publicKeyFromPem } from '../../src/tuf/keys.js';
import { verifySignature } from '../../src/tuf/signatures.js';
import { parseVaultUri, vaultReason, VaultTransitSigner } from '../../src/keys/vault-transit.js';
import type { VaultSettings } from '../../src/keys/vault-settings.js';
import type { ProxySettings } from '../../src/http/proxy.js';
import { RoutingProxy } from '../support/routing-proxy.js';
import { DENIED_TOKEN, VAULT_TOKEN, VaultServer, vaultCertificate } from '../support/vault-server.js';

describe('hashivault:// URIs (cosign form)', () => {
  it.each(['hashivault://ci-signer', 'hashivault://a', 'hashivault://team.release@v2_key', 'hashivault://A9'])('%s', (uri) => {
    expect(parseVaultUri(uri)).toEqual({ uri, name: uri.slice('hashivault://'.length) });
  });

  it.each([
    'hashivault://',
    'hashivault://-leading',
    'hashivault://trailing.',
    'hashivault://with/slash',
    'hashivault://with space',
    'hashivault://ключ',
    `hashivault://${'k'.repeat(300)}`,
    'hashivault://x?y',
  ])('refuses %s as an invalid key, in one line', (uri) => {
    expect(() => parseVaultUri(uri)).toThrow(
      expect.objectContaining({
        code: 'KEY_INVALID',
        message: expect.stringMatching(/^"[^\n]*" is not a Vault transit key URI; expected hashivault:\/\/<key name>/),
      }),
    );
  });
});

describe("Vault's error text, one line", () => {
  const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  it.each([
    [{ errors: ['1 error occurred:\n\t* permission denied\n\n'] }, 'permission denied'],
    [{ errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] }, 'permission denied; invalid token'],
    [{ errors: ['Vault is sealed'] }, 'Vault is sealed'],
    [{ errors: [] }, ''],
    [{ errors: [42, 'text'] }, 'text'],
    ['not an object', ''],
  ])('%j', (value, expected) => {
    expect(vaultReason(body(value), undefined)).toBe(expected);
  });

  it('never repeats the token, even if a server echoes it', () => {
    expect(vaultReason(body({ errors: [`bad token ${VAULT_TOKEN}`] }), VAULT_TOKEN)).toBe('bad token ***');
  });

  it('is cut to a line a log can hold', () => {
    expect(vaultReason(body({ errors: ['x'.repeat(5000)] }), undefined).length).toBeLessThan(400);
  });

  it('ignores a body that is not JSON', () => {
    expect(vaultReason(new TextEncoder().encode('<html>502 Bad Gateway</html>'), undefined)).toBe('');
  });
});

describe('VaultTransitSigner against a Vault transit protocol server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dct-vault-'));
  const cert = vaultCertificate(dir, ['vault.dct-sign.test']);
  const vault = new VaultServer();
  const mounted = new VaultServer({ mountPath: 'ci/transit', namespace: 'team-a' });
  const secure = new VaultServer({ tls: cert });
  const proxy = new RoutingProxy();
  const noProxy: ProxySettings = { noProxy: [] };
  const settings = (server: VaultServer, more: Partial<VaultSettings> = {}): VaultSettings => ({
    address: new URL(server.url),
    token: VAULT_TOKEN,
    mountPath: 'transit',
    ...more,
  });
  const open = (uri: string, vaultSettings: VaultSettings, more: { proxy?: ProxySettings; signal?: AbortSignal } = {}) =>
    VaultTransitSigner.open(uri, {
      proxy: more.proxy ?? noProxy,
      requestTimeoutMs: 10_000,
      ...(more.signal ? { signal: more.signal } : {}),
      vault: vaultSettings,
    });
  /** The error `promise` rejects with, checked to be one line without the token. */
  const refusal = async (promise: Promise<unknown>): Promise<{ code: string; message: string }> => {
    const error = (await promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e,
    )) as { code: string; message: string };
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(VAULT_TOKEN);
    expect(error.message).not.toContain(DENIED_TOKEN);
    return error;
  };

  beforeAll(async () => {
    await Promise.all([vault.start(), mounted.start(), secure.start(), proxy.start()]);
    vault.createKey('ci-signer');
    vault.createKey('rotated', { versions: 3 });
    vault.createKey('rsa', { type: 'rsa-2048' });
    vault.createKey('p384', { type: 'ecdsa-p384' });
    vault.createKey('aes', { type: 'aes256-gcm96' });
    vault.createKey('public-only', { publicOnly: true });
    vault.tokens.set('hvs.read-only', { 'transit/keys/*': ['read'] });
    // The README's least-privilege policy, and the policy that misses the hash algorithm in the sign path.
    vault.tokens.set('hvs.least', { 'transit/keys/ci-signer': ['read'], 'transit/sign/ci-signer/sha2-256': ['update'] });
    vault.tokens.set('hvs.no-suffix', { 'transit/keys/ci-signer': ['read'], 'transit/sign/ci-signer': ['update'] });
    mounted.createKey('ci-signer');
    secure.createKey('ci-signer');
    proxy.route('vault.dct-sign.test:8200', secure.port);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([vault.stop(), mounted.stop(), secure.stop(), proxy.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the public key once and signs with prehashed SHA-256, key version and asn1 marshaling, as raw r||s that verifies', async () => {
    const before = vault.calls.length;
    const signer = await open('hashivault://ci-signer', settings(vault));
    try {
      expect(signer.publicKey.id).toBe(publicKeyFromPem(vault.publicKeyPem('ci-signer')).id);
      expect(signer.description).toBe('Vault transit key transit/ci-signer (version 1)');
      const data = new TextEncoder().encode('{"signed":{"_type":"Targets"}}');
      const signature = await signer.sign(data);
      expect(signature).toHaveLength(64);
      expect(verifySignature(signer.publicKey, 'ecdsa', signature, data)).toBe(true);
      await signer.sign(data);
      const calls = vault.calls.slice(before);
      expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
        'GET /v1/transit/keys/ci-signer 200',
        'POST /v1/transit/sign/ci-signer/sha2-256 200',
        'POST /v1/transit/sign/ci-signer/sha2-256 200',
      ]);
      expect(calls.every((c) => c.tokenSent && c.vaultRequestHeader && c.namespace === undefined)).toBe(true);
      expect(calls[1]!.sign).toEqual({ inputBytes: 32, prehashed: true, keyVersion: 1, marshaling: 'asn1' });
    } finally {
      await signer.close();
    }
  });

  it('works with the least-privilege policy: read on <mount>/keys/<name>, update on <mount>/sign/<name>/sha2-256', async () => {
    const signer = await open('hashivault://ci-signer', settings(vault, { token: 'hvs.least' }));
    try {
      expect(await signer.sign(new Uint8Array([9]))).toHaveLength(64);
    } finally {
      await signer.close();
    }
  });

  it('uses the latest of several versions, asks for it by number, and the signature verifies with that version only', async () => {
    const signer = await open('hashivault://rotated', settings(vault));
    try {
      expect(signer.publicKey.id).toBe(publicKeyFromPem(vault.publicKeyPem('rotated', 3)).id);
      const data = new TextEncoder().encode('three');
      const signature = await signer.sign(data);
      expect(vault.calls.at(-1)!.sign?.keyVersion).toBe(3);
      expect(verifySignature(publicKeyFromPem(vault.publicKeyPem('rotated', 1)), 'ecdsa', signature, data)).toBe(false);
      // A rotation while the run goes on does not change the key this run signs with.
      vault.rotate('rotated');
      const again = await signer.sign(data);
      expect(vault.calls.at(-1)!.sign?.keyVersion).toBe(3);
      expect(verifySignature(signer.publicKey, 'ecdsa', again, data)).toBe(true);
    } finally {
      await signer.close();
    }
  });

  it('keeps to a custom mount path and sends the namespace', async () => {
    const signer = await open('hashivault://ci-signer', settings(mounted, { mountPath: 'ci/transit', namespace: 'team-a' }));
    try {
      await signer.sign(new Uint8Array([1, 2, 3]));
    } finally {
      await signer.close();
    }
    expect(mounted.calls.map((c) => [c.path, c.namespace, c.status])).toEqual([
      ['/v1/ci/transit/keys/ci-signer', 'team-a', 200],
      ['/v1/ci/transit/sign/ci-signer/sha2-256', 'team-a', 200],
    ]);
  });

  it('joins the address path, as the Vault client does (a Vault behind a path prefix)', async () => {
    const error = await refusal(open('hashivault://ci-signer', settings(vault, { address: new URL(`${vault.url}/vault/`) })));
    expect(vault.calls.at(-1)!.path).toBe('/vault/v1/transit/keys/ci-signer');
    expect(error.code).toBe('KEY_NOT_FOUND');
  });

  it('over HTTPS, trusting the CA file VAULT_CACERT names', async () => {
    const signer = await open('hashivault://ci-signer', settings(secure, { caCertFile: cert.caFile }));
    try {
      expect(await signer.sign(new Uint8Array([7]))).toHaveLength(64);
    } finally {
      await signer.close();
    }
  });

  it('through the HTTPS proxy for a Vault host NO_PROXY does not cover, with the CA still checked end to end', async () => {
    const before = proxy.log.length;
    const viaProxy: ProxySettings = { httpsProxy: new URL(proxy.url), noProxy: ['127.0.0.1', 'localhost'] };
    const address = new URL('https://vault.dct-sign.test:8200');
    const signer = await open('hashivault://ci-signer', settings(secure, { address, caCertFile: cert.caFile }), { proxy: viaProxy });
    try {
      await signer.sign(new Uint8Array([8]));
    } finally {
      await signer.close();
    }
    expect(proxy.log.slice(before).map((e) => [e.request, e.routed])).toContainEqual(['CONNECT vault.dct-sign.test:8200', true]);
    expect(proxy.log.slice(before).every((e) => e.routed)).toBe(true);
  });

  describe('refusals: one line naming the key URI and what Vault said', () => {
    it.each<[string, () => VaultSettings, string, RegExp]>([
      [
        'VAULT_ADDR missing',
        () => ({ token: VAULT_TOKEN, mountPath: 'transit' }),
        'KEY_STORE_ERROR',
        /^hashivault:\/\/ci-signer: VAULT_ADDR is not set; set it to the Vault server's URL/,
      ],
      [
        'VAULT_TOKEN missing',
        () => ({ address: new URL(vault.url), mountPath: 'transit' }),
        'KEY_ACCESS_DENIED',
        /^hashivault:\/\/ci-signer: VAULT_TOKEN is not set; log in first \(hashicorp\/vault-action/,
      ],
      [
        'a token that is not one',
        () => settings(vault, { token: 'two words' }),
        'KEY_ACCESS_DENIED',
        /VAULT_TOKEN has characters no Vault token has/,
      ],
      [
        'plain http to a host that is not loopback',
        () => settings(vault, { address: new URL('http://vault.dct-sign.test:8200') }),
        'KEY_STORE_ERROR',
        /VAULT_ADDR http:\/\/vault\.dct-sign\.test:8200 is plain http to a host that is not loopback, which would send the token unencrypted; use https/,
      ],
      [
        'a denied token',
        () => settings(vault, { token: DENIED_TOKEN }),
        'KEY_ACCESS_DENIED',
        /^hashivault:\/\/ci-signer: Vault refused the token \(403: permission denied\); its policy needs "read" on transit\/keys\/ci-signer and "update" on transit\/sign\/ci-signer\/sha2-256, and it must not have expired$/,
      ],
      [
        'an unknown token',
        () => settings(vault, { token: 'hvs.unknown' }),
        'KEY_ACCESS_DENIED',
        /Vault refused the token \(403: permission denied; invalid token\)/,
      ],
      [
        'a missing CA file',
        () => settings(secure, { caCertFile: join(dir, 'missing.crt') }),
        'KEY_STORE_ERROR',
        /^hashivault:\/\/ci-signer: VAULT_CACERT ".*missing\.crt" cannot be read \(ENOENT\)/,
      ],
      [
        'a CA file without a certificate',
        () => settings(secure, { caCertFile: cert.keyFile }),
        'KEY_STORE_ERROR',
        /VAULT_CACERT ".*vault-server\.key" holds no PEM certificate/,
      ],
      [
        'HTTPS without the CA',
        () => settings(secure),
        'KEY_STORE_ERROR',
        /^hashivault:\/\/ci-signer: Vault: cannot reach https:\/\/127\.0\.0\.1:\d+: .*certificate/i,
      ],
      [
        'a wrong mount path',
        () => settings(vault, { mountPath: 'nope' }),
        'KEY_NOT_FOUND',
        /Vault has no transit key ci-signer \(mount nope\) \(404: no handler for route "nope\/keys\/ci-signer"/,
      ],
    ])('%s', async (_name, vaultSettings, code, message) => {
      const error = await refusal(open('hashivault://ci-signer', vaultSettings()));
      expect(error).toEqual(expect.objectContaining({ code, message: expect.stringMatching(message) }));
    });

    it.each<[string, string, string, RegExp]>([
      [
        'an rsa-2048 key',
        'hashivault://rsa',
        'KEY_INVALID',
        /^hashivault:\/\/rsa: Vault transit key rsa is of type "rsa-2048"; notary needs ecdsa-p256$/,
      ],
      ['an ecdsa-p384 key', 'hashivault://p384', 'KEY_INVALID', /is of type "ecdsa-p384"; notary needs ecdsa-p256/],
      ['an encryption key', 'hashivault://aes', 'KEY_INVALID', /is of type "aes256-gcm96"/],
      [
        'a missing key',
        'hashivault://no-such-key',
        'KEY_NOT_FOUND',
        /^hashivault:\/\/no-such-key: Vault has no transit key no-such-key \(mount transit\) \(404\)$/,
      ],
    ])('%s', async (_name, uri, code, message) => {
      const error = await refusal(open(uri, settings(vault)));
      expect(error).toEqual(expect.objectContaining({ code, message: expect.stringMatching(message) }));
    });

    it('a namespace the token does not belong to', async () => {
      const error = await refusal(open('hashivault://ci-signer', settings(mounted, { mountPath: 'ci/transit', namespace: 'team-b' })));
      expect(error.code).toBe('KEY_ACCESS_DENIED');
      expect(error.message).toMatch(/"update" on ci\/transit\/sign\/ci-signer\/sha2-256 in namespace team-b/);
    });

    it('a sealed Vault (503, retried, then reported)', async () => {
      vault.sealed = true;
      try {
        const error = await refusal(open('hashivault://ci-signer', settings(vault)));
        expect(error).toEqual(
          expect.objectContaining({
            code: 'KEY_STORE_ERROR',
            message: expect.stringMatching(/Vault at http:\/\/127\.0\.0\.1:\d+ is unavailable \(503: Vault is sealed\)/),
          }),
        );
      } finally {
        vault.sealed = false;
      }
    }, 30_000);

    it('a token that may read the key but not sign with it', async () => {
      const signer = await open('hashivault://ci-signer', settings(vault, { token: 'hvs.read-only' }));
      try {
        const error = await refusal(signer.sign(new Uint8Array([1])));
        expect(error.code).toBe('KEY_ACCESS_DENIED');
        expect(error.message).toMatch(/"update" on transit\/sign\/ci-signer\/sha2-256,/);
      } finally {
        await signer.close();
      }
    });

    it('a policy on <mount>/sign/<name> alone: Vault matches the sign path exactly, hash algorithm included', async () => {
      const signer = await open('hashivault://ci-signer', settings(vault, { token: 'hvs.no-suffix' }));
      try {
        const error = await refusal(signer.sign(new Uint8Array([1])));
        expect(error.code).toBe('KEY_ACCESS_DENIED');
        expect(error.message).toMatch(/"update" on transit\/sign\/ci-signer\/sha2-256,/);
      } finally {
        await signer.close();
      }
    });

    it('a key whose sign call Vault refuses with 400 (imported from a public key only)', async () => {
      const signer = await open('hashivault://public-only', settings(vault));
      try {
        const error = await refusal(signer.sign(new Uint8Array([1])));
        expect({ code: error.code, message: error.message }).toEqual({
          code: 'KEY_SIGN_FAILED',
          message:
            'hashivault://public-only: Vault refused to sign with transit key public-only version 1 (400: requested version for signing does not contain a private part)',
        });
      } finally {
        await signer.close();
      }
    });

    it('a key deleted after it was read', async () => {
      vault.createKey('short-lived');
      const signer = await open('hashivault://short-lived', settings(vault));
      vault.keys.delete('short-lived');
      try {
        const error = await refusal(signer.sign(new Uint8Array([1])));
        expect(error.code).toBe('KEY_NOT_FOUND');
        expect(error.message).toMatch(/no longer has transit key short-lived .*400: encryption key not found/);
      } finally {
        await signer.close();
      }
    });

    it.each<[NonNullable<VaultServer['tamper']>, RegExp]>([
      ['wrong-version', /Vault signed with key version 2, not the version 1 asked for/],
      ['other-key', /Vault returned a signature that does not verify with version 1's public key/],
      ['not-der', /Vault returned a signature that is not a DER P-256 ECDSA signature/],
    ])('a signature that is not what was asked for (%s)', async (tamper, message) => {
      const signer = await open('hashivault://ci-signer', settings(vault));
      vault.tamper = tamper;
      try {
        const error = await refusal(signer.sign(new Uint8Array([1])));
        expect(error).toEqual(expect.objectContaining({ code: 'KEY_SIGN_FAILED', message: expect.stringMatching(message) }));
      } finally {
        vault.tamper = undefined;
        await signer.close();
      }
    });

    it('the command’s abort stops the call', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await refusal(open('hashivault://ci-signer', settings(vault), { signal: controller.signal }));
      expect(error.code).toBe('KEY_STORE_ERROR');
      expect(error.message).toMatch(/stopped: the command's deadline passed/);
    });
  });

  it('a PublicKey of the same ID as the PEM the server holds (what add-signer lists)', async () => {
    const signer = await open('hashivault://ci-signer', settings(vault));
    await signer.close();
    expect(signer.publicKey).toBeInstanceOf(PublicKey);
    expect(signer.publicKey.keytype).toBe('ecdsa');
  });
});
