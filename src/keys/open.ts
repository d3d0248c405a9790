import type { ProxySettings } from '../http/proxy.js';
import { openPemKey } from './file-key.js';
import type { Signer } from './signer.js';
import type { VaultSettings } from './vault-settings.js';

/** The key stores a key input can name by URI, each with cosign's scheme. */
export type KeyStoreKind = 'awskms' | 'azurekv' | 'gcpkms' | 'hashivault' | 'pkcs11';

/**
 * What a key input names, once its form is known: key text, or a key in a store. `azurekv`
 * covers both Azure forms (`azurekms://` and `azurekv://`).
 */
export type KeySource = { kind: 'pem'; pem: string } | { kind: KeyStoreKind; uri: string };

/** The URI schemes of the key stores, as the action layer recognises them. */
export const KEY_STORE_SCHEMES: readonly { prefix: string; kind: KeyStoreKind }[] = [
  { prefix: 'awskms://', kind: 'awskms' },
  { prefix: 'azurekms://', kind: 'azurekv' },
  { prefix: 'azurekv://', kind: 'azurekv' },
  { prefix: 'gcpkms://', kind: 'gcpkms' },
  { prefix: 'hashivault://', kind: 'hashivault' },
  { prefix: 'pkcs11:', kind: 'pkcs11' },
];

/** The store a key URI names, or undefined for anything else (key text, a file path). */
export function keyStoreOf(text: string): KeyStoreKind | undefined {
  return KEY_STORE_SCHEMES.find((scheme) => text.startsWith(scheme.prefix))?.kind;
}

export interface OpenKeyOptions {
  /** The passphrase of an encrypted key file, or the PIN of a token; zeroed by the caller after opening. */
  secret?: Buffer;
  /** For hardware keys: told before each signature (a touch may be needed). */
  notice?: (message: string) => void;
  pkcs11?: { defaultModule?: string; addonPath?: string };
  /** The command's limits for keys behind a network (cloud KMS, Vault): each request's deadline, and the command's abort. */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  /** The run's proxy settings, which every request to a key store keeps to. */
  proxy?: ProxySettings;
  /** For `hashivault://` keys. */
  vault?: VaultSettings;
}

/** The one way to a Signer, whatever backend the key needs (a switch over the source kinds, sigstore-js style). */
export async function openSigner(source: KeySource, options: OpenKeyOptions = {}): Promise<Signer> {
  const network = {
    requestTimeoutMs: options.requestTimeoutMs,
    signal: options.signal,
    proxy: options.proxy ?? { noProxy: [] },
  };
  // Each store's SDK is loaded only when a key of its kind is used: they are large, and most runs need none.
  switch (source.kind) {
    case 'pem':
      return openPemKey(source.pem, options.secret);
    case 'awskms': {
      const { AwsKmsSigner } = await import('./aws-kms.js');
      return AwsKmsSigner.open(source.uri, network);
    }
    case 'azurekv': {
      const { AzureKeyVaultSigner } = await import('./azure-key-vault.js');
      return AzureKeyVaultSigner.open(source.uri, network);
    }
    case 'gcpkms': {
      const { GcpKmsSigner } = await import('./gcp-kms.js');
      return GcpKmsSigner.open(source.uri, network);
    }
    case 'hashivault': {
      const { VaultTransitSigner } = await import('./vault-transit.js');
      return VaultTransitSigner.open(source.uri, { ...network, vault: options.vault ?? { mountPath: 'transit' } });
    }
    case 'pkcs11': {
      // The native addon is needed for nothing else.
      const { Pkcs11Signer } = await import('./pkcs11.js');
      return Pkcs11Signer.open(source.uri, {
        pin: options.secret?.toString('utf8') ?? '',
        notice: options.notice,
        ...options.pkcs11,
      });
    }
  }
}
