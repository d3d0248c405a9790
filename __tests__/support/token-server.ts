import { spawn, type ChildProcess } from 'node:child_process';
import { execSync } from './exec.js';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TSX = join(HERE, '..', '..', 'node_modules', '.bin', 'tsx');

export interface TokenRequest {
  scope: string[];
  account: string | null;
  authorized: boolean;
  /** GET (Basic auth) or POST (an OAuth2 grant). */
  method: 'GET' | 'POST';
  /** `basic`, `refresh_token` or `password`. */
  grant: string;
  clientId: string | null;
  /** Set when the server refused the request's form (405 to a GET while OAuth-only). */
  refused?: number;
}

/**
 * A registry token issuer (docker/distribution's token auth protocol): GET /token?service=&scope=
 * with Basic credentials answers an ES256 JWT whose `x5c` chain is trusted through the servers'
 * `rootcertbundle`; notary-server and docker-registry verify these tokens themselves. It runs as
 * its own process (token-server-main.ts), so synchronous docker/notary CLI calls can reach it.
 */
export class TokenServer {
  readonly issuer = 'dct-sign-test-issuer';
  port = 0;
  child?: ChildProcess;

  /** The refresh token (an ACR identity token's stand-in) the POST refresh-token grant accepts. */
  readonly refreshToken = `refresh-${randomBytes(12).toString('hex')}`;

  constructor(
    readonly dir: string,
    readonly username: string,
    readonly password: string,
  ) {}

  /** While on, GET answers 405 and only the OAuth2 POST grants work. */
  set oauthOnly(on: boolean) {
    const flag = join(this.dir, 'oauth-only');
    if (on) writeFileSync(flag, '');
    else rmSync(flag, { force: true });
  }

  get certFile(): string {
    return join(this.dir, 'token.crt');
  }

  get realm(): string {
    return `https://127.0.0.1:${this.port}/token`;
  }

  get requests(): TokenRequest[] {
    const log = join(this.dir, 'token-requests.log');
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TokenRequest);
  }

  async start(): Promise<ChildProcess> {
    execSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'token.key'], { cwd: this.dir });
    execSync('openssl', ['req', '-x509', '-new', '-key', 'token.key', '-subj', '/CN=token issuer', '-days', '30', '-out', 'token.crt'], {
      cwd: this.dir,
    });
    const child = spawn(TSX, [join(HERE, 'token-server-main.ts'), this.dir, this.username, this.password, this.issuer, this.refreshToken], {
      stdio: 'ignore',
    });
    this.child = child;
    const portFile = join(this.dir, 'token.port');
    const deadline = Date.now() + 20_000;
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`token server did not start (exit ${child.exitCode})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    this.port = Number(readFileSync(portFile, 'utf8'));
    return child;
  }
}
