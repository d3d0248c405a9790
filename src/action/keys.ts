import { InputError, KeyError, type KeyErrorCode } from '../errors.js';
import { openSigner, type OpenKeyOptions } from '../keys/open.js';
import type { Signer } from '../keys/signer.js';
import type { VaultSettings } from '../keys/vault-settings.js';
import type { PublicKey } from '../tuf/keys.js';
import type { KeySetting, PublicKeySetting } from './key-inputs.js';

/** Key errors that mean the passphrase or PIN is at fault, not the key input itself. */
const SECRET_CODES: readonly KeyErrorCode[] = ['KEY_PASSPHRASE_REQUIRED', 'KEY_WRONG_PASSPHRASE', 'KEY_PIN_LOCKED'];

/**
 * The keys a command signs with, opened from their settings and all closed at the end of the run.
 * A key that fails to open fails naming its input (or its passphrase input), which only this layer
 * knows; each secret is zeroed once its key is open.
 */
export class KeyRing {
  private readonly open: Signer[] = [];
  private closed = false;

  /** `vault` is read when a `hashivault://` key is opened, so a bad VAULT_ADDR fails only runs that use Vault. */
  constructor(private readonly options: Omit<OpenKeyOptions, 'secret' | 'vault'> & { vault?: () => VaultSettings }) {}

  async signer(setting: KeySetting): Promise<Signer>;
  async signer(setting: KeySetting | undefined): Promise<Signer | undefined>;
  async signer(setting: KeySetting | undefined): Promise<Signer | undefined> {
    if (!setting) return undefined;
    try {
      const { vault, ...options } = this.options;
      const signer = await openSigner(setting.source, {
        ...options,
        ...(setting.source.kind === 'hashivault' && vault ? { vault: vault() } : {}),
        secret: setting.secret,
      });
      // A key that finished opening after the run ended (its deadline passed) is closed at once.
      if (this.closed) {
        await signer.close();
        throw new InputError(setting.input, 'the command ended before this key was open');
      }
      this.open.push(signer);
      if (signer.publicKey.keytype !== 'ecdsa')
        throw new InputError(setting.input, `expected an ECDSA P-256 key, got ${signer.publicKey.keytype}`);
      return signer;
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      if (!SECRET_CODES.includes(error.code)) throw new InputError(setting.input, error.message);
      // A file key's passphrase names the key it belongs to; a token's PIN error names the token already.
      const suffix = setting.source.kind === 'pem' ? ` for '${setting.input}'` : '';
      throw new InputError(setting.secretInput, `${error.message}${suffix}`);
    } finally {
      setting.secret.fill(0);
    }
  }

  /** The public key of `signer-public-key`: as given, or read from its key store (closed with the other keys). */
  async publicKey(setting: PublicKeySetting): Promise<PublicKey> {
    if (setting.kind === 'pem') return setting.key;
    const signer = await this.signer(setting.key);
    return signer.publicKey;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.open.splice(0).map((signer) => signer.close()));
  }
}
