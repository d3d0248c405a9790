/** Docker Hub's registry name in references and GUNs (its API answers elsewhere: registry-1.docker.io). */
export const DOCKER_HUB = 'docker.io';

/** Loopback hosts (`localhost`, 127.0.0.0/8, [::1]), which may speak plain HTTP, as docker allows. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
