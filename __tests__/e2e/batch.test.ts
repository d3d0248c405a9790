import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MovingRegistry } from '../support/moving-registry.js';
import { LocalStack, type RunResult } from '../support/stack.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { TestKeys, expectSuccess } from '../support/repository.js';

describe('batches, concurrent publishers and tags that move', () => {
  let stack: LocalStack;
  const keys = new TestKeys();
  const action = (inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs });
  const ok = expectSuccess;
  const sign = (images: Record<string, string>) => action({ push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem, ...images });

  beforeAll(async () => {
    stack = await LocalStack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('six jobs signing different tags of one repository at the same time: every tag ends up signed', async () => {
    const gun = `${stack.registry}/batch/shared`;
    await keys.createRepository(stack, gun);
    const tags = ['a', 'b', 'c', 'd', 'e', 'f'];
    const digests = tags.map((tag) => stack.makeImage('batch/shared', tag).digest);
    const runs = await Promise.all(tags.map((tag) => sign({ images: `${gun}:${tag}` })));
    for (const run of runs) ok(run);
    const retried = runs.filter((r) => r.stdout.includes('another publisher updated the repository first')).length;
    expect(retried).toBeGreaterThan(0); // they really did collide, and recovered
    const verified = ok(await action({ command: 'verify', images: tags.map((t) => `${gun}:${t}`).join('\n') }));
    expect(verified.outputs.digests!.split('\n')).toEqual(digests.map((d) => `${gun}@${d}`));
  }, 120_000);

  it('one run over three repositories from images-file: one publish per repository', async () => {
    const repos = ['batch/r1', 'batch/r2', 'batch/r3'];
    const lines: string[] = [];
    for (const repo of repos) {
      await keys.createRepository(stack, `${stack.registry}/${repo}`);
      for (let i = 0; i < 20; i++) {
        stack.makeImage(repo, `t${i}`);
        lines.push(`${stack.registry}/${repo}:t${i}`);
      }
    }
    const file = join(stack.dir, 'images.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const before = repos.map((r) => stack.publishCount(`${stack.registry}/${r}`));
    await stack.logsSettled();
    const requestsBefore = stack.registryRequests().length;
    const result = ok(await sign({ 'images-file': file }));
    expect(result.outputs.digests!.split('\n')).toHaveLength(60);
    expect(repos.map((r, i) => stack.publishCount(`${stack.registry}/${r}`) - before[i]!)).toEqual([1, 1, 1]);
    // One registry look-up per tag: a HEAD of its manifest, and nothing else of the registry's.
    await stack.logsSettled();
    const reads = stack
      .registryRequests()
      .slice(requestsBefore)
      .filter((r) => r.includes('/manifests/') && !r.startsWith('PUT '));
    expect(reads).toHaveLength(60);
    expect(reads.every((r) => r.startsWith('HEAD '))).toBe(true);
  }, 180_000);

  it('a tag moved between the build and the sign: the run fails naming both digests, and publishes nothing', async () => {
    const proxy = new MovingRegistry(stack.registry, 'v1', 'other');
    await proxy.start();
    try {
      const gun = `${proxy.host}/batch/moving`;
      await keys.createRepository(stack, gun);
      const signed = stack.makeImage('batch/moving', 'v1');
      const other = stack.makeImage('batch/moving', 'other');
      await expectRefusedWithoutPublishing(
        stack,
        gun,
        // The build passes the digest it pushed; the registry's one look-up finds the tag moved.
        () => sign({ images: `${gun}:v1@${signed.digest}` }),
        `::error::${gun}:v1 moved while signing: it was ${signed.digest} (given in the reference), the registry now serves ${other.digest}; nothing was published`,
      );
    } finally {
      await proxy.stop();
    }
  }, 90_000);

  it('images-file that does not exist names the input', async () => {
    const result = await sign({ 'images-file': '/nonexistent/images.txt' });
    expect(result.errors).toEqual([
      '::error::input \'images-file\': "/nonexistent/images.txt" does not exist; expected a file with one image reference per line',
    ]);
  }, 30_000);
});
