import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStateStore, type RepositoryRecord } from '../../src/state/trust-state.js';
import { loadTrustedRepository } from '../../src/tuf/load-repository.js';
import type { TrustedRepository } from '../../src/tuf/trusted-repository.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

const SERVER = 'https://notary.example.com:4443';
const GUN = 'registry.example.com/team/app';

function recordOf(repo: TrustedRepository): RepositoryRecord {
  return { root: repo.root.bytes, timestamp: repo.timestamp.bytes, snapshot: repo.snapshot.bytes, versions: repo.versions() };
}

async function load(builder: RepoBuilder): Promise<TrustedRepository> {
  const source = new MemorySource();
  for (const [name, bytes] of await builder.build()) source.files.set(name, bytes);
  return loadTrustedRepository(source, { gun: GUN });
}

const store = () => new TrustStateStore(mkdtempSync(join(tmpdir(), 'dct-state-')));

describe('the trust state kept across runs', () => {
  it('first use: nothing recorded; then the root, the timestamp, the snapshot and every version', async () => {
    const state = store();
    expect(await state.read(SERVER, GUN)).toBeUndefined();
    const repo = await load(await RepoBuilder.create(GUN));
    state.record(SERVER, GUN, recordOf(repo));
    expect(await state.flush()).toEqual([]);
    const read = (await state.read(SERVER, GUN))!;
    expect(Buffer.from(read.root).equals(Buffer.from(repo.root.bytes))).toBe(true);
    expect(Object.fromEntries(read.versions)).toEqual({ root: 1, timestamp: 1, snapshot: 1, targets: 1, 'targets/releases': 1 });
    expect(state.pathOf(SERVER, GUN)).toMatch(/notary\.example\.com%3A4443\/registry\.example\.com\/team\/app\/state\.json$/);
  });

  it('two writers with one root merge: the higher version of every role wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dct-state-'));
    const builder = await RepoBuilder.create(GUN);
    const older = await load(builder);
    builder.replaceFiles.set('root', older.root.bytes);
    builder.targets.version = 5;
    const newer = await load(builder);
    const [a, b] = [new TrustStateStore(dir), new TrustStateStore(dir)];
    a.record(SERVER, GUN, recordOf(newer));
    b.record(SERVER, GUN, recordOf(older));
    expect(await Promise.all([a.flush(), b.flush()])).toEqual([[], []]);
    expect((await a.read(SERVER, GUN))!.versions.get('targets')).toBe(5);
  });

  it('a run that started with no record never replaces a root another job recorded meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dct-state-'));
    const real = await load(await RepoBuilder.create(GUN));
    const other = await RepoBuilder.create(GUN);
    other.root.version = 3; // a higher version, of a root that does not chain from the recorded one
    const firstUse = await load(other);
    const [a, b] = [new TrustStateStore(dir), new TrustStateStore(dir)];
    a.record(SERVER, GUN, recordOf(real));
    await a.flush();
    b.record(SERVER, GUN, recordOf(firstUse));
    expect(await b.flush()).toEqual([expect.stringMatching(/another job recorded another root .* this run's record is not written/)]);
    expect(Buffer.from((await a.read(SERVER, GUN))!.root).equals(Buffer.from(real.root.bytes))).toBe(true);
  });

  it('a run that started from the recorded root records the root it chained to', async () => {
    const state = store();
    const builder = await RepoBuilder.create(GUN);
    const first = await load(builder);
    state.record(SERVER, GUN, recordOf(first));
    await state.flush();
    const rotated = await RepoBuilder.create(GUN);
    rotated.root.version = 2;
    const next = await load(rotated);
    state.record(SERVER, GUN, recordOf(next), { base: first.root.bytes });
    expect(await state.flush()).toEqual([]);
    expect((await state.read(SERVER, GUN))!.versions.get('root')).toBe(2);
  });

  it('init replaces an older record of the same name instead of merging with it', async () => {
    const state = store();
    const old = await RepoBuilder.create(GUN);
    old.targets.version = 10;
    state.record(SERVER, GUN, recordOf(await load(old)));
    await state.flush();
    const fresh = await load(await RepoBuilder.create(GUN));
    state.record(SERVER, GUN, recordOf(fresh), { replace: true });
    expect(await state.flush()).toEqual([]);
    const read = (await state.read(SERVER, GUN))!;
    expect(read.versions.get('targets')).toBe(1);
    expect(Buffer.from(read.root).equals(Buffer.from(fresh.root.bytes))).toBe(true);
  });

  it('a corrupt file fails naming it and trust-state, and is left as it is', async () => {
    const state = store();
    state.record(SERVER, GUN, recordOf(await load(await RepoBuilder.create(GUN))));
    await state.flush();
    const path = state.pathOf(SERVER, GUN);
    for (const garbage of ['{not json', '{"format":1}', JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), gun: 'other/repo' })]) {
      writeFileSync(path, garbage);
      await expect(state.read(SERVER, GUN)).rejects.toThrow(
        expect.objectContaining({ code: 'STATE_CORRUPT', option: 'trustState', message: expect.stringContaining(path) }),
      );
      expect(readFileSync(path, 'utf8')).toBe(garbage);
    }
  });

  it('a crashed writer’s stale lock is taken over', async () => {
    const state = store();
    const repo = await load(await RepoBuilder.create(GUN));
    state.record(SERVER, GUN, recordOf(repo));
    await state.flush();
    const lock = `${state.pathOf(SERVER, GUN)}.lock`;
    writeFileSync(lock, 'crashed-writer');
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    state.record(SERVER, GUN, recordOf(repo), { base: repo.root.bytes });
    expect(await state.flush()).toEqual([]);
    expect(() => readFileSync(lock)).toThrow();
  }, 20_000);
});
