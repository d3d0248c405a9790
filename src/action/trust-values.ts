import { InputError, KeyError } from '../errors.js';
import { publicKeyFromPem } from '../tuf/keys.js';
import { quoted } from '../util/redact.js';

/** Values that inputs and the trust policy file both take, parsed the same way in both. */

/** An input's items: one per line or comma-separated. */
export function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Signer names as docker allows them (docker/cli: cli/command/trust/signer_add.go validSignerName),
 * short enough that `targets/<name>` is a role name notary stores (under 256 bytes: notary:
 * tuf/data/roles.go IsDelegation).
 */
export const SIGNER_NAME = /^[a-z0-9][a-z0-9_-]{0,246}$/;

/** `required-signers`: signer names, one per line or comma-separated. */
export function parseSignerNames(value: string, input = 'required-signers'): string[] {
  return list(value).map((name) => {
    if (!SIGNER_NAME.test(name))
      throw new InputError(input, `${quoted(name)} is not a signer name; expected names such as releases or alice`);
    return name;
  });
}

export function parseServerUrl(value: string, input = 'notary-server'): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(input, `${quoted(value)} is not a URL; expected https://host[:port]`);
  }
  if (url.username || url.password)
    throw new InputError(input, `${quoted(value)} carries credentials; give them as registry-username and registry-password`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(input, `${quoted(value)} must use https:// (or http:// for a test server)`);
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    throw new InputError(input, `${quoted(value)} must be a bare server URL, https://host[:port]`);
  return `${url.protocol}//${url.host}`;
}

const KEY_ID = /^[a-f0-9]{64}$/;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Root key IDs (hex) or root certificates (PEM); a certificate pins both of its IDs. */
export function parseTrustedRootKeys(value: string, input = 'trusted-root-keys'): Set<string> {
  const pins = new Set<string>();
  for (const pem of value.match(PEM_CERTIFICATE) ?? []) {
    try {
      const key = publicKeyFromPem(pem);
      pins.add(key.id).add(key.canonicalId);
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      throw new InputError(input, 'a certificate does not parse; expected PEM root certificates or 64-hex root key IDs');
    }
  }
  for (const item of list(value.replace(PEM_CERTIFICATE, ''))) {
    const id = item.toLowerCase();
    if (!KEY_ID.test(id))
      throw new InputError(input, `${quoted(item)} is not a key ID; expected 64 hex characters or a PEM root certificate`);
    pins.add(id);
  }
  return pins;
}
