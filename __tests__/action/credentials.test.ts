import { describe, expect, it } from '@jest/globals';
import { credentialsFor } from '../../src/action/credentials.js';
import { parseImageReference } from '../../src/registry/reference.js';

const images = [parseImageReference('registry.example.com/team/app:1'), parseImageReference('alpine:3')];
const at = (host: string, scheme = 'https') => new URL(`${scheme}://${host}/v2/`);

describe('credentials go only to the hosts they belong to', () => {
  it('the given credentials: to the registries of the images and their Notary servers, nowhere else', async () => {
    const creds = { username: 'ci', password: 'secret' };
    const lookup = credentialsFor(
      { images, registryCredentials: creds, insecureRegistries: [] },
      { credentials: () => Promise.reject(new Error('unused')) },
    );
    for (const host of ['registry.example.com', 'registry-1.docker.io', 'docker.io', 'notary.docker.io'])
      expect([host, await lookup(at(host))]).toEqual([host, creds]);
    for (const host of ['evil.example.com', 'registry.example.com.evil.com', 'storage.example.com:443'])
      expect([host, await lookup(at(host))]).toEqual([host, undefined]);
  });

  it('never over plain HTTP, but to a loopback server or a registry listed as insecure', async () => {
    const creds = { username: 'ci', password: 'secret' };
    const refs = [...images, parseImageReference('127.0.0.1:5000/a:1'), parseImageReference('lab.internal:5000/a:1')];
    const lookup = credentialsFor(
      { images: refs, registryCredentials: creds, insecureRegistries: ['lab.internal:5000'] },
      { credentials: () => Promise.resolve(undefined) },
    );
    expect(await lookup(at('registry.example.com', 'http'))).toBeUndefined();
    expect(await lookup(at('127.0.0.1:5000', 'http'))).toEqual(creds);
    expect(await lookup(at('lab.internal:5000', 'http'))).toEqual(creds);
  });

  it('a Notary server given as notary-server gets them; the default one no longer does', async () => {
    const lookup = credentialsFor(
      {
        images: [images[0]!],
        notaryServer: 'https://notary.example.com:4443',
        registryCredentials: { username: 'u', password: 'p' },
        insecureRegistries: [],
      },
      { credentials: () => Promise.resolve(undefined) },
    );
    expect(await lookup(at('notary.example.com:4443'))).toEqual({ username: 'u', password: 'p' });
    expect(await lookup(at('notary.docker.io'))).toBeUndefined();
  });

  it('from the docker config: the entry of the registry the host belongs to, looked up once', async () => {
    const asked: string[] = [];
    const lookup = credentialsFor(
      { images, insecureRegistries: [] },
      {
        credentials: (registry) => {
          asked.push(registry);
          return Promise.resolve({ username: registry, password: 'x' });
        },
      },
    );
    expect(await lookup(at('registry-1.docker.io'))).toEqual({ username: 'docker.io', password: 'x' });
    expect(await lookup(at('notary.docker.io'))).toEqual({ username: 'docker.io', password: 'x' });
    expect(await lookup(at('elsewhere.example'))).toBeUndefined();
    expect(asked).toEqual(['docker.io']);
  });
});
