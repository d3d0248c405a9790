import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOKEN_USER_HELPER, type Credentials } from '../http/auth.js';
import { DOCKER_HUB } from '../util/hosts.js';

/**
 * Registry credentials from the docker config (`<dir>/config.json`): `auths` entries and
 * credential helpers (`credHelpers`, `credsStore`), as docker login leaves them
 * (docker/cli: cli/config/configfile/file.go GetAuthConfig). Helpers run asynchronously, so a
 * look-up never blocks requests already in flight.
 */
interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const HUB_KEY = 'https://index.docker.io/v1/';
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A helper that has not answered by then has nothing for us (it may be waiting on a keychain prompt). */
const HELPER_TIMEOUT_MS = 30_000;

function normalizeKey(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class DockerConfig {
  private file?: Promise<DockerConfigFile>;

  /**
   * `dir`: DOCKER_CONFIG, else ~/.docker; `env`: what a credential helper may see (the action layer
   * decides both); `onHelperFailure`: told when a configured helper fails (its output is not shown:
   * it may hold the secret it failed to return).
   */
  constructor(
    readonly dir: string,
    private readonly env: Record<string, string> = {},
    private readonly onHelperFailure: (message: string) => void = () => undefined,
  ) {}

  get path(): string {
    return join(this.dir, 'config.json');
  }

  /** Credentials for a registry (`docker.io` or `host:port`), or undefined. */
  async credentials(registry: string): Promise<Credentials | undefined> {
    const config = await this.read();
    const isHub = registry === DOCKER_HUB || registry === 'registry-1.docker.io' || registry === 'index.docker.io';
    const serverUrl = isHub ? HUB_KEY : registry;
    const helpers = isObject(config.credHelpers) ? config.credHelpers : {};
    const helper = helpers[isHub ? DOCKER_HUB : registry] ?? helpers[serverUrl] ?? config.credsStore;
    // A helper is a program name, docker-credential-<helper>: nothing else is run.
    if (typeof helper === 'string' && HELPER_NAME.test(helper)) {
      const credentials = await fromHelper(helper, serverUrl, this.env, this.onHelperFailure);
      if (credentials) return credentials;
    }
    for (const [key, entry] of Object.entries(isObject(config.auths) ? config.auths : {})) {
      const host = normalizeKey(key);
      if (!(host === registry || (isHub && (host === 'index.docker.io' || host === DOCKER_HUB)))) continue;
      if (!isObject(entry)) continue;
      const credentials = fromAuthEntry(entry);
      if (credentials) return credentials;
    }
    return undefined;
  }

  /** Read once per run; a missing or unreadable file is an empty config, as docker treats it. */
  private read(): Promise<DockerConfigFile> {
    this.file ??= readFile(this.path, 'utf8').then(
      (text) => {
        try {
          const value: unknown = JSON.parse(text);
          return isObject(value) ? value : {};
        } catch {
          return {};
        }
      },
      () => ({}),
    );
    return this.file;
  }
}

/**
 * One `auths` entry: `auth` (base64 user:password) or `username`/`password`, and an `identitytoken`
 * (a refresh token, as `az acr login` writes it beside `auth` = the zero user and no password),
 * which docker uses instead of the password (docker/cli: cli/trust/trust.go simpleCredentialStore
 * RefreshToken).
 */
function fromAuthEntry(entry: Record<string, unknown>): Credentials | undefined {
  let username = '';
  let password = '';
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    if (sep > 0) [username, password] = [decoded.slice(0, sep), decoded.slice(sep + 1)];
  } else if (typeof entry.username === 'string' && typeof entry.password === 'string') {
    [username, password] = [entry.username, entry.password];
  }
  if (typeof entry.identitytoken === 'string' && entry.identitytoken) return { username, password: '', identityToken: entry.identitytoken };
  return username && password ? { username, password } : undefined;
}

function fromHelper(
  helper: string,
  serverUrl: string,
  env: Record<string, string>,
  onFailure: (message: string) => void,
): Promise<Credentials | undefined> {
  return new Promise((resolve) => {
    const options = { encoding: 'utf8' as const, timeout: HELPER_TIMEOUT_MS, env };
    const child = execFile(`docker-credential-${helper}`, ['get'], options, (error, stdout) => {
      // "credentials not found" is how a helper says it has none (docker-credential-helpers: credentials/error.go).
      if (error && !/credentials not found/i.test(stdout)) {
        const why =
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'is not installed'
            : error.killed
              ? 'timed out'
              : `exited with ${String(error.code)}`;
        onFailure(`docker-credential-${helper} ${why}; no credentials from it for ${serverUrl}`);
      }
      if (error || !stdout) return resolve(undefined);
      try {
        const value: unknown = JSON.parse(stdout);
        if (isObject(value) && typeof value.Username === 'string' && typeof value.Secret === 'string' && value.Secret) {
          // A helper answers `<token>` as the user name when the secret is an identity token
          // (docker/cli: cli/config/credentials/native_store.go).
          if (value.Username === TOKEN_USER_HELPER) return resolve({ username: '', password: '', identityToken: value.Secret });
          return resolve({ username: value.Username, password: value.Secret });
        }
      } catch {
        // a helper that prints something else has nothing for us
      }
      resolve(undefined);
    });
    child.stdin?.end(serverUrl);
  });
}
