import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from '../http/auth.js';
import { DOCKER_HUB } from './reference.js';

/**
 * Registry credentials from the docker config (`$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`): `auths` entries and credential helpers (`credHelpers`, `credsStore`),
 * as docker login leaves them.
 */
interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const HUB_KEY = 'https://index.docker.io/v1/';

function normalizeKey(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

export function dockerConfigPath(): string {
  return join(process.env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
}

function readConfig(): DockerConfigFile {
  const path = dockerConfigPath();
  if (!existsSync(path)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

function fromHelper(helper: string, serverUrl: string): Credentials | undefined {
  const result = spawnSync(`docker-credential-${helper}`, ['get'], { input: serverUrl, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0 || !result.stdout) return undefined;
  try {
    const value = JSON.parse(result.stdout) as { Username?: unknown; Secret?: unknown };
    if (typeof value.Username === 'string' && typeof value.Secret === 'string') return { username: value.Username, password: value.Secret };
  } catch {
    // a helper that prints something else has nothing for us
  }
  return undefined;
}

/** Credentials for a registry (`docker.io` or `host:port`), or undefined. */
export function dockerConfigCredentials(registry: string): Credentials | undefined {
  const config = readConfig();
  const isHub = registry === DOCKER_HUB || registry === 'registry-1.docker.io' || registry === 'index.docker.io';
  const serverUrl = isHub ? HUB_KEY : registry;
  const helper = config.credHelpers?.[isHub ? DOCKER_HUB : registry] ?? config.credHelpers?.[serverUrl] ?? config.credsStore;
  if (helper) {
    const credentials = fromHelper(helper, serverUrl);
    if (credentials) return credentials;
  }
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    const host = normalizeKey(key);
    if (!(host === registry || (isHub && (host === 'index.docker.io' || host === DOCKER_HUB)))) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) return { username: decoded.slice(0, sep), password: decoded.slice(sep + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  }
  return undefined;
}
