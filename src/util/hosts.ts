/** Docker Hub's registry name in references and GUNs (its API answers elsewhere: registry-1.docker.io). */
export const DOCKER_HUB = 'docker.io';

/** Loopback hosts (`localhost`, 127.0.0.0/8, [::1]), which may speak plain HTTP, as docker allows. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * An Azure Container Registry host (`<name>.azurecr.io`, and the sovereign clouds' `.azurecr.cn`
 * and `.azurecr.us`), which serves the Notary API on the registry's own host and token realm.
 */
export function isAzureContainerRegistry(host: string): boolean {
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.azurecr\.(?:io|cn|us)(?::\d+)?$/i.test(host);
}
