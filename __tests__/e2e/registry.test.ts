import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { LocalStack } from '../support/stack.js';

describe('registry client against docker-registry: a tag resolves to the digest and size DCT signs', () => {
  let stack: LocalStack;
  let http: HttpClient;
  let registry: RegistryClient;

  beforeAll(async () => {
    stack = await LocalStack.start();
    http = new HttpClient();
    registry = new RegistryClient(http);
  }, 60_000);

  afterAll(async () => {
    http?.close();
    await stack?.stop();
  }, 60_000);

  /** What the registry stores under the tag, fetched independently: its bytes' sha256 and length. */
  async function stored(repository: string, tag: string, accept: string): Promise<{ digest: string; size: number; type: string }> {
    const res = await fetch(`http://${stack.registry}/v2/${repository}/manifests/${tag}`, { headers: { accept } });
    const body = Buffer.from(await res.arrayBuffer());
    return {
      digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
      size: body.length,
      type: res.headers.get('content-type') ?? '',
    };
  }

  it.each([
    ['an OCI image manifest', {}, 'application/vnd.oci.image.manifest.v1+json'],
    ['a docker v2 manifest', { format: 'v2s2' as const }, 'application/vnd.docker.distribution.manifest.v2+json'],
    ['an OCI image index (multi-arch)', { asIndex: true }, 'application/vnd.oci.image.index.v1+json'],
    [
      'a docker manifest list (multi-arch)',
      { asIndex: true, format: 'v2s2' as const },
      'application/vnd.docker.distribution.manifest.list.v2+json',
    ],
  ])(
    '%s',
    async (_name, options, mediaType) => {
      const tag = mediaType.replace(/^application\/vnd\.|\+json$/g, '').replace(/[^a-z0-9]+/g, '-');
      stack.makeImage('kinds/app', tag, options);
      const resolved = await registry.resolve(parseImageReference(`${stack.registry}/kinds/app:${tag}`));
      const expected = await stored('kinds/app', tag, mediaType);
      expect(resolved).toEqual({ digest: expected.digest, size: expected.size, mediaType });
    },
    60_000,
  );

  it('says which tag is missing', async () => {
    await expect(registry.resolve(parseImageReference(`${stack.registry}/kinds/app:nope`))).rejects.toThrow(
      `${stack.registry}/kinds/app:nope is not in the registry (no manifest for tag nope)`,
    );
  });
});
