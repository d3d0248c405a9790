import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStateStore } from '../../src/state/trust-state.js';
import { loadTrustedRepository } from '../../src/tuf/load-repository.js';
import type { TrustedRepository } from '../../src/tuf/trusted-repository.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

const SERVER = 'https://notary.example.com:4443';
const GUN = 'registry.example.com/team/app';

async function verified(build: (repo: RepoBuilder) => void = () => undefined): Promise<{ repo: TrustedRepository; builder: RepoBuilder }> {
  const builder = await RepoBuilder.create(GUN);
  build(builder);
  const source = new MemorySource();
  for (const [name, bytes] of await builder.build()) source.files.set(name, bytes);
  return { repo: await loadTrustedRepository(source, { gun: GUN }), builder };
}

describe('the trust state kept across runs', () => {
  it('first use: nothing recorded; then the root, the timestamp, the snapshot and every version', async () => {
    const store = new TrustStateStore(mkdtempSync(join(tmpdir(), 'dct-state-')));
    expect(await store.read(SERVER, GUN)).toBeUndefined();
    const { repo } = await verified();
    store.record(SERVER, GUN, repo);
    await store.flush();
    const state = (await store.read(SERVER, GUN))!;
    expect(Buffer.from(state.root).equals(Buffer.from(repo.root.bytes))).toBe(true);
    expect(Object.fromEntries(state.versions)).toEqual({ root: 1, timestamp: 1, snapshot: 1, targets: 1, 'targets/releases': 1 });
    expect(store.pathOf(SERVER, GUN)).toMatch(/notary\.example\.com%3A4443\/registry\.example\.com\/team\/app\/state\.json$/);
  });

  it('two writers merge: the higher version of every role wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dct-state-'));
    const older = await verified();
    const newer = await verified((b) => {
      b.targets.version = 5;
    });
    const [a, b] = [new TrustStateStore(dir), new TrustStateStore(dir)];
    a.record(SERVER, GUN, newer.repo);
    b.record(SERVER, GUN, older.repo);
    await Promise.all([a.flush(), b.flush()]);
    expect((await a.read(SERVER, GUN))!.versions.get('targets')).toBe(5);
  });

  it('a corrupt file fails naming it and trust-state, and is left as it is', async () => {
    const store = new TrustStateStore(mkdtempSync(join(tmpdir(), 'dct-state-')));
    const { repo } = await verified();
    store.record(SERVER, GUN, repo);
    await store.flush();
    const path = store.pathOf(SERVER, GUN);
    for (const garbage of ['{not json', '{"format":1}', JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), gun: 'other/repo' })]) {
      writeFileSync(path, garbage);
      await expect(store.read(SERVER, GUN)).rejects.toThrow(
        expect.objectContaining({ code: 'STATE_CORRUPT', option: 'trustState', message: expect.stringContaining(path) }),
      );
      expect(readFileSync(path, 'utf8')).toBe(garbage);
    }
  });
});
