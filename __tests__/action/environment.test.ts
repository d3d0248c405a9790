import { describe, expect, it } from '@jest/globals';
import { readProxySettings, readVaultSettings } from '../../src/action/environment.js';
import { SettingError } from '../../src/errors.js';

describe('proxy variables', () => {
  it('reads both cases, the lowercase name winning, and NO_PROXY as a comma or space list', () => {
    const settings = readProxySettings({
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://lower:3128',
      HTTP_PROXY: 'proxy.corp:8080',
      NO_PROXY: 'localhost, .internal 10.0.0.0/8',
    });
    expect(settings.httpsProxy?.host).toBe('lower:3128');
    // No scheme means http://, as curl reads it.
    expect(settings.httpProxy?.href).toBe('http://proxy.corp:8080/');
    expect(settings.noProxy).toEqual(['localhost', '.internal', '10.0.0.0/8']);
  });

  it('an empty lowercase variable does not hide the uppercase one', () => {
    const settings = readProxySettings({ https_proxy: '', HTTPS_PROXY: 'http://upper:3128', no_proxy: '', NO_PROXY: 'a.test' });
    expect(settings.httpsProxy?.host).toBe('upper:3128');
    expect(settings.noProxy).toEqual(['a.test']);
  });

  it('nothing set: no proxy', () => {
    expect(readProxySettings({})).toEqual({ noProxy: [] });
  });

  it('a value that is not an http(s) URL fails naming the variable, never echoing the value', () => {
    for (const value of ['socks5://user:s3cret@proxy:1080', 'http://user:s3cret@[bad']) {
      let error: unknown;
      try {
        readProxySettings({ HTTPS_PROXY: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SettingError);
      expect((error as SettingError).message).toMatch(/^HTTPS_PROXY: expected an http:\/\/ or https:\/\/ proxy URL/);
      expect((error as SettingError).message).not.toContain('s3cret');
    }
  });
});

describe('Vault variables', () => {
  it('reads the address, token, namespace, CA file and cosign’s mount path variable', () => {
    const settings = readVaultSettings({
      VAULT_ADDR: 'https://vault.example.com:8200',
      VAULT_TOKEN: 'hvs.token',
      VAULT_NAMESPACE: 'team-a',
      VAULT_CACERT: '/etc/vault/ca.pem',
      TRANSIT_SECRET_ENGINE_PATH: '/signing/',
    });
    expect(settings).toEqual({
      address: new URL('https://vault.example.com:8200'),
      token: 'hvs.token',
      namespace: 'team-a',
      caCertFile: '/etc/vault/ca.pem',
      mountPath: 'signing',
    });
    expect(readVaultSettings({}).mountPath).toBe('transit');
  });

  it('a VAULT_ADDR that is not an http(s) URL fails naming the variable', () => {
    expect(() => readVaultSettings({ VAULT_ADDR: 'vault:8200' })).toThrow(/^VAULT_ADDR: expected the Vault server URL/);
  });
});
