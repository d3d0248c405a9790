import { describe, expect, it } from '@jest/globals';
import { VerificationError } from '../../src/errors.js';
import { MAX_METADATA_BYTES, MAX_REPOSITORY_BYTES, loadTrustedRepository, type TrustOptions } from '../../src/tuf/load-repository.js';
import { sha256Hex } from '../../src/tuf/encoding.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

const GUN = 'registry.example.com/team/app';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const GIB = 1 << 30;

async function newRepo(): Promise<RepoBuilder> {
  const repo = await RepoBuilder.create(GUN);
  repo.addTarget('v1', DIGEST, 1234);
  return repo;
}

async function failure(source: MemorySource, options: Partial<TrustOptions> = {}): Promise<VerificationError> {
  const error = await loadTrustedRepository(source, { gun: GUN, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VerificationError)) throw new Error(`expected a VerificationError, got ${String(error)}`);
  return error;
}

const size = (files: Map<string, Uint8Array>, ...names: string[]) => names.reduce((sum, name) => sum + files.get(name)!.length, 0);

describe('absolute download ceilings, whatever length the (server-signed) metadata lists (TUF spec 5.5.1, 5.6.1)', () => {
  it('are 32 MiB per snapshot, targets or delegation file and 256 MiB per repository load', () => {
    expect(MAX_METADATA_BYTES).toBe(32 << 20);
    expect(MAX_REPOSITORY_BYTES).toBe(256 << 20);
  });

  it.each([
    ['targets', 'snapshot'],
    ['targets/releases', 'snapshot'],
    ['snapshot', 'timestamp'],
  ])('%s listed at 1 GiB in %s fails before it is requested', async (role, listedIn) => {
    const repo = await newRepo();
    const inflate = (meta: Map<string, { length: number }>) => (meta.get(role)!.length = GIB);
    if (listedIn === 'snapshot') repo.beforeSigningSnapshot = (s) => inflate(s.meta);
    else repo.beforeSigningTimestamp = (t) => inflate(t.meta);
    const source = MemorySource.of(await repo.build());
    const error = await failure(source);
    expect(error.code).toBe('METADATA_TOO_LARGE');
    expect(error.message).toBe(
      `${role}.json is listed in ${listedIn}.json at ${GIB} bytes, more than the ceiling of ${MAX_METADATA_BYTES} bytes per file`,
    );
    expect(source.requests.filter((r) => r.startsWith(`${role}.`))).toEqual([]);
  });

  it('a listed length under the ceiling is the request cap', async () => {
    const files = await (await newRepo()).build();
    const source = MemorySource.of(files);
    await loadTrustedRepository(source, { gun: GUN });
    expect(source.maxBytes.get(`targets.${sha256Hex(files.get('targets')!).slice(0, 8)}`)).toBe(files.get('targets')!.length);
  });

  it('the per-file ceiling is an option', async () => {
    const source = MemorySource.of(await (await newRepo()).build());
    const error = await failure(source, { maxMetadataBytes: 100 });
    expect(error.message).toMatch(
      /^snapshot\.json is listed in timestamp\.json at \d+ bytes, more than the ceiling of 100 bytes per file$/,
    );
  });

  it('every file of a load counts towards one budget: the file that would pass it fails before its request', async () => {
    const files = await (await newRepo()).build();
    const source = MemorySource.of(files);
    const before = size(files, 'root', 'timestamp', 'snapshot', 'targets');
    const error = await failure(source, { maxRepositoryBytes: before + size(files, 'targets/releases') - 1 });
    expect(error.code).toBe('METADATA_TOO_LARGE');
    expect(error.message).toMatch(
      new RegExp(
        `targets/releases\\.json \\(listed at \\d+ bytes\\) would take this load past its ceiling of \\d+ bytes for all files \\(${before} downloaded\\)`,
      ),
    );
    expect(source.requests.some((r) => r.startsWith('targets/releases'))).toBe(false);
  });

  it('root versions walked count too; once the budget is spent, the next file is not requested', async () => {
    const repo = await newRepo();
    const pin = repo.rootKey.id;
    await repo.rotateRoot();
    const files = await repo.build();
    const source = MemorySource.of(files);
    const error = await failure(source, { pinnedRootKeyIds: new Set([pin]), maxRepositoryBytes: size(files, 'root', '1.root') });
    expect(error.code).toBe('METADATA_TOO_LARGE');
    expect(error.message).toMatch(/timestamp\.json would take this load past its ceiling/);
    expect(source.requests).toEqual(['root', '1.root']);
  });
});
