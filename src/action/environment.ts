import { SettingError } from '../errors.js';
import type { ProxySettings } from '../http/proxy.js';
import type { VaultSettings } from '../keys/vault-settings.js';

type Environment = Record<string, string | undefined>;

/** `scheme://...` or, as curl reads a proxy variable without one, host[:port] meaning http://. */
function proxyUrl(env: Environment, name: string): URL | undefined {
  // `||`: an empty lowercase variable does not hide a set uppercase one.
  const value = (env[name.toLowerCase()] || env[name] || '').trim();
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    url = undefined;
  }
  // The value is not echoed: it may carry the proxy's password.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
    throw new SettingError(name, 'expected an http:// or https:// proxy URL (http://host:port)');
  return url;
}

/**
 * The proxy variables, as curl and Go read them: the lowercase name wins over the uppercase one;
 * `NO_PROXY` is a comma- or space-separated list.
 */
export function readProxySettings(env: Environment): ProxySettings {
  const httpsProxy = proxyUrl(env, 'HTTPS_PROXY');
  const httpProxy = proxyUrl(env, 'HTTP_PROXY');
  const noProxy = (env.no_proxy || env.NO_PROXY || '').split(/[\s,]+/).filter(Boolean);
  return { ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), noProxy };
}

/**
 * Vault's own variables (as the vault CLI and hashicorp/vault-action set them) and cosign's
 * `TRANSIT_SECRET_ENGINE_PATH`. Read only when a `hashivault://` key is used.
 */
export function readVaultSettings(env: Environment): VaultSettings {
  const address = (env.VAULT_ADDR ?? '').trim();
  let url: URL | undefined;
  if (address) {
    try {
      url = new URL(address);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new SettingError('VAULT_ADDR', 'expected the Vault server URL (https://vault.example.com:8200)');
  }
  const mountPath = (env.TRANSIT_SECRET_ENGINE_PATH ?? '').trim().replace(/^\/+|\/+$/g, '') || 'transit';
  return {
    ...(url ? { address: url } : {}),
    ...(env.VAULT_TOKEN ? { token: env.VAULT_TOKEN } : {}),
    ...(env.VAULT_NAMESPACE?.trim() ? { namespace: env.VAULT_NAMESPACE.trim() } : {}),
    ...(env.VAULT_CACERT?.trim() ? { caCertFile: env.VAULT_CACERT.trim() } : {}),
    mountPath,
  };
}
