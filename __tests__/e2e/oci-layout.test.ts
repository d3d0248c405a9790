import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MovingRegistry } from '../support/moving-registry.js';
import { writeOciImage, type OciImage } from '../support/oci-image.js';
import { LocalStack, type RunResult } from '../support/stack.js';
import { TestKeys, expectSuccess } from '../support/repository.js';

describe('daemonless push from an OCI layout, multi-arch images, then signing', () => {
  let stack: LocalStack;
  let proxy: MovingRegistry;
  let layout: string;
  const images: Record<string, OciImage> = {};
  const keys = new TestKeys();
  const action = (inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs });
  const ok = expectSuccess;
  const gun = (repo: string) => `${proxy.host}/${repo}`;
  const signFromLayout = (refs: string[]) =>
    action({ images: refs.join('\n'), 'oci-layout': layout, signer: 'ci', 'signer-key': keys.ci.privatePem });

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    // Through a counting proxy, to see which registry calls the push makes.
    proxy = new MovingRegistry(stack.registry, '', '');
    await proxy.start();
    layout = join(stack.dir, 'layout');
    mkdirSync(layout);
    images.v1 = writeOciImage(layout, 'v1', 'single platform');
    images.multi = writeOciImage(layout, 'multi', 'multi-arch', { asIndex: true });
    images.big = writeOciImage(layout, 'big', 'big layer', { extraBytes: 20 << 20 });
    for (const repo of ['layout/app', 'layout/mirror']) await keys.createRepository(stack, gun(repo));
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    await stack?.stop();
  }, 60_000);

  it('pushes every tag through the registry API (a large layer in chunks) and signs the pushed digests', async () => {
    const before = proxy.requests.length;
    const result = ok(await signFromLayout(['v1', 'multi', 'big'].map((t) => `${gun('layout/app')}:${t}`)));
    expect(result.outputs.digests!.split('\n')).toEqual(
      ['v1', 'multi', 'big'].map((t) => `${gun('layout/app')}@${images[t]!.manifestDigest}`),
    );
    const calls = proxy.requests.slice(before);
    expect(calls.filter((c) => c.startsWith('PATCH ')).length).toBeGreaterThanOrEqual(3); // 20 MiB in 8 MiB chunks
    expect(calls.filter((c) => /^PUT \/v2\/layout\/app\/manifests\/sha256(:|%3A)/.test(c))).toHaveLength(1); // the index's child
    expect(calls).toContain(`PUT /v2/layout/app/manifests/multi -> 201`);
  }, 120_000);

  it('docker’s content-trust pull accepts the multi-arch tag (signed by its index digest) and the others', async () => {
    for (const tag of ['multi', 'v1', 'big']) {
      const ref = `${gun('layout/app')}:${tag}`;
      const out = await stack.dockerAsync(['pull', ref], { DOCKER_CONTENT_TRUST: '1' });
      expect(out).toContain(images[tag]!.manifestDigest);
    }
  }, 120_000);

  it('a second push uploads nothing: every blob is found by HEAD first', async () => {
    const before = proxy.requests.length;
    ok(await signFromLayout([`${gun('layout/app')}:v1`, `${gun('layout/app')}:big`]));
    const calls = proxy.requests.slice(before);
    expect(calls.filter((c) => /^(POST|PATCH) /.test(c))).toEqual([]);
    expect(calls.filter((c) => /^HEAD \/v2\/layout\/app\/blobs\//.test(c)).every((c) => c.endsWith('-> 200'))).toBe(true);
  }, 60_000);

  it('pushing the same images to another repository mounts the blobs instead of uploading them', async () => {
    const before = proxy.requests.length;
    ok(await signFromLayout([`${gun('layout/app')}:big`, `${gun('layout/mirror')}:big`]));
    const calls = proxy.requests.slice(before);
    expect(
      calls.filter((c) => /^POST \/v2\/layout\/mirror\/blobs\/uploads\/\?mount=.*&from=layout%2Fapp -> 201$/.test(c)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c.startsWith('PATCH '))).toEqual([]);
  }, 60_000);

  it('names the tag that the layout does not have', async () => {
    const result = await signFromLayout([`${gun('layout/app')}:nope`]);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^::error::input 'oci-layout': .* has no image named nope \(its org.opencontainers.image.ref.name values: v1, multi, big\)$/,
      ),
    ]);
  }, 30_000);
});
