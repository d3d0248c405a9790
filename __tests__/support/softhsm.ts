import { execSync } from './exec.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A SoftHSM2 token in a temp dir: the real PKCS#11 module standing in for a YubiKey. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export class SoftHsm {
  readonly pin = '123456';
  readonly conf: string;

  constructor(
    readonly dir: string,
    readonly label = 'dct',
  ) {
    mkdirSync(join(dir, 'tokens'), { recursive: true });
    this.conf = join(dir, 'softhsm2.conf');
    writeFileSync(this.conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\n`);
    execSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', this.pin, '--so-pin', '654321'], {
      env: this.env(),
      stdio: 'pipe',
    });
  }

  env(): Record<string, string> {
    return { ...(process.env as Record<string, string>), SOFTHSM2_CONF: this.conf };
  }

  private tool(args: string[]): string {
    return execSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', this.label, '--login', '--pin', this.pin, ...args], {
      env: this.env(),
      encoding: 'utf8',
      stdio: 'pipe',
    });
  }

  /** A key pair on the token; `alwaysAuth` sets CKA_ALWAYS_AUTHENTICATE (like PIV slot 9c). */
  keygen(label: string, id: string, options: { type?: string; alwaysAuth?: boolean } = {}): void {
    this.tool([
      '--keypairgen',
      '--key-type',
      options.type ?? 'EC:prime256v1',
      '--label',
      label,
      '--id',
      id,
      '--usage-sign',
      ...(options.alwaysAuth ? ['--always-auth'] : []),
    ]);
  }

  /** Imports a private key and its certificate, with no public key object: how a PIV slot looks. */
  importKeyWithCertificate(label: string, id: string, keyDer: string, certDer: string): void {
    this.tool(['--write-object', keyDer, '--type', 'privkey', '--id', id, '--label', label, '--usage-sign']);
    this.tool(['--write-object', certDer, '--type', 'cert', '--id', id, '--label', label]);
  }

  /** The key's PKCS#11 URI, module named in it. */
  uri(object: string, extra = ''): string {
    return `pkcs11:token=${this.label};object=${encodeURIComponent(object)}${extra}?module-path=${SOFTHSM_MODULE}`;
  }
}
