import { openPemKey } from './file-key.js';
import type { Signer } from './signer.js';

/** What a key input names, once its form is known: key text, an AWS KMS key, or a token key. */
export type KeySource = { kind: 'pem'; pem: string } | { kind: 'awskms'; uri: string } | { kind: 'pkcs11'; uri: string };

export interface OpenKeyOptions {
  /** The passphrase of an encrypted key file, or the PIN of a token; zeroed by the caller after opening. */
  secret?: Buffer;
  /** For hardware keys: told before each signature (a touch may be needed). */
  notice?: (message: string) => void;
  pkcs11?: { defaultModule?: string; addonPath?: string };
  /** The command's limits for keys behind a network (AWS KMS): each request's deadline, and the command's abort. */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

/** The one way to a Signer, whatever backend the key needs (a switch over the source kinds, sigstore-js style). */
export async function openSigner(source: KeySource, options: OpenKeyOptions = {}): Promise<Signer> {
  switch (source.kind) {
    case 'pem':
      return openPemKey(source.pem, options.secret);
    case 'awskms': {
      // Loaded only when used: the SDK is large and most runs never need it.
      const { AwsKmsSigner } = await import('./aws-kms.js');
      return AwsKmsSigner.open(source.uri, { requestTimeoutMs: options.requestTimeoutMs, signal: options.signal });
    }
    case 'pkcs11': {
      // Loaded only when used: the native addon is needed for nothing else.
      const { Pkcs11Signer } = await import('./pkcs11.js');
      return Pkcs11Signer.open(source.uri, {
        pin: options.secret?.toString('utf8') ?? '',
        notice: options.notice,
        ...options.pkcs11,
      });
    }
  }
}
