import { describe, expect, it } from '@jest/globals';
import { gunOf, parseImageList, parseImageReference } from '../../src/registry/reference.js';
import { isLoopbackHost } from '../../src/util/hosts.js';

describe('image references, normalized as docker does', () => {
  it.each([
    ['alpine:3', 'docker.io', 'library/alpine', '3'],
    ['user/app:v1', 'docker.io', 'user/app', 'v1'],
    ['index.docker.io/user/app:v1', 'docker.io', 'user/app', 'v1'],
    ['127.0.0.1:5000/demo/app:v1', '127.0.0.1:5000', 'demo/app', 'v1'],
    ['localhost/app:latest', 'localhost', 'app', 'latest'],
    ['ghcr.io/org/team/app:1.2.3', 'ghcr.io', 'org/team/app', '1.2.3'],
  ])('%s', (value, registry, repository, tag) => {
    const ref = parseImageReference(value);
    expect([ref.registry, ref.repository, ref.tag]).toEqual([registry, repository, tag]);
    expect(gunOf(ref)).toBe(`${registry}/${repository}`);
  });

  it('keeps a pinned digest', () => {
    expect(parseImageReference(`a.io/b:c@sha256:${'a'.repeat(64)}`).digest).toBe(`sha256:${'a'.repeat(64)}`);
  });

  it.each([
    ['alpine', /a tag is required/],
    ['Alpine:1', /lowercase/],
    ['a.io/b:c@sha256:xyz', /sha256:<64 hex>/],
    ['a.io/b:-bad', /not a valid tag/],
  ])('rejects %s, about the images option', (value, why) => {
    expect(() => parseImageReference(value)).toThrow(expect.objectContaining({ code: 'REFERENCE_INVALID', option: 'images' }));
    expect(() => parseImageReference(value)).toThrow(/^".*" is not a valid image reference/);
    expect(() => parseImageReference(value)).toThrow(why);
  });

  it('reads lists split by lines or commas', () => {
    expect(parseImageList('a.io/x:1, a.io/x:2\n\nb.io/y:3').map((r) => r.tag)).toEqual(['1', '2', '3']);
    expect(() => parseImageList(' \n ')).toThrow(/^no image given/);
  });

  it('knows loopback hosts', () => {
    expect(['localhost:5000', '127.0.0.1:5000', '127.9.9.9', '[::1]:5000'].every(isLoopbackHost)).toBe(true);
    expect(isLoopbackHost('10.0.0.1:5000')).toBe(false);
  });
});
