import { notaryServerFor } from '../commands/context.js';
import type { DockerConfig } from '../docker/config.js';
import { withIdentityToken, type Credentials } from '../http/auth.js';
import { registryApiHost } from '../registry/reference.js';
import { isLoopbackHost } from '../util/hosts.js';
import type { CommonSettings } from './inputs.js';

/** The hosts a registry's credentials belong to: the registry (and its API host) and its Notary server. */
function hostsOf(settings: Pick<CommonSettings, 'notaryServer'>, registry: string): string[] {
  const notary = new URL(notaryServerFor({ notaryServer: settings.notaryServer }, { registry })).host;
  return [registry, registryApiHost(registry), notary];
}

/**
 * Credentials by server, each offered only to the hosts it belongs to: the inputs for the
 * registries the images name and their Notary servers (docker uses registry credentials for the
 * Notary server's token auth), else the docker config entry of that registry. Any other host gets
 * none, and so does plain HTTP, except to a loopback server or a registry listed as insecure (the
 * user's own choice of plain HTTP, as with docker's --insecure-registry).
 */
export function credentialsFor(
  settings: Pick<CommonSettings, 'images' | 'notaryServer' | 'registryCredentials' | 'insecureRegistries'>,
  config: Pick<DockerConfig, 'credentials'>,
): (target: URL) => Promise<Credentials | undefined> {
  const registryOf = new Map<string, string>();
  for (const registry of new Set(settings.images.map((i) => i.registry)))
    for (const host of hostsOf(settings, registry)) if (!registryOf.has(host)) registryOf.set(host, registry);
  const given = settings.registryCredentials;
  // Looked up once per registry: a credential helper is a process to start.
  const cache = new Map<string, Promise<Credentials | undefined>>();
  return (target) => {
    const host = target.host;
    const registry = registryOf.get(host);
    if (!registry) return Promise.resolve(undefined);
    if (target.protocol !== 'https:' && !isLoopbackHost(host) && !settings.insecureRegistries.includes(host))
      return Promise.resolve(undefined);
    if (given) return Promise.resolve(withIdentityToken(given));
    let credentials = cache.get(registry);
    if (!credentials) {
      credentials = config.credentials(registry).then((found) => (found ? withIdentityToken(found) : undefined));
      cache.set(registry, credentials);
    }
    return credentials;
  };
}
