import { describe, expect, it } from '@jest/globals';
import { VerificationError } from '../../src/errors.js';
import { MAX_ROOT_VERSIONS_WALKED, loadTrustedRepository, type TrustOptions } from '../../src/tuf/load-repository.js';
import type { TrustedRepository } from '../../src/tuf/trusted-repository.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

const GUN = 'registry.example.com/team/app';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

async function newRepo(): Promise<RepoBuilder> {
  const repo = await RepoBuilder.create(GUN);
  repo.addTarget('v1', DIGEST, 1234);
  return repo;
}

/** The repository's files with no `<v>.root` at all: every versioned root request is a 404. */
async function withoutVersionedRoots(repo: RepoBuilder): Promise<MemorySource> {
  const files = await repo.build();
  for (const name of [...files.keys()]) if (/^\d+\.root$/.test(name)) files.delete(name);
  return MemorySource.of(files);
}

function load(source: MemorySource, options: Partial<TrustOptions> = {}): Promise<TrustedRepository> {
  return loadTrustedRepository(source, { gun: GUN, ...options });
}

/** The VerificationError a load fails with (anything else fails the test). */
async function failure(promise: Promise<unknown>): Promise<VerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VerificationError)) throw new Error(`expected a VerificationError, got ${String(error)}`);
  return error;
}

describe('the root walk from pins is bounded (TUF spec 5.3.3; notary: client/tufclient.go updateRootVersions has no bound)', () => {
  it('a root that no pin signs, with every older version missing, fails at the first missing version', async () => {
    const pin = (await newRepo()).rootKey.id;
    const attacker = await newRepo();
    attacker.root.version = 5;
    const source = await withoutVersionedRoots(attacker);
    const error = await failure(load(source, { pinnedRootKeyIds: new Set([pin]) }));
    expect(error.code).toBe('ROOT_CHAIN_BROKEN');
    expect(error.message).toMatch(/root rotation chain of .* is broken: version 1 of root\.json is missing/);
    expect(source.requests).toEqual(['root', '1.root']);
  });

  it('a root claiming version 10^12 fails before any versioned request', async () => {
    const pin = (await newRepo()).rootKey.id;
    const attacker = await newRepo();
    attacker.root.version = 1e12;
    const source = await withoutVersionedRoots(attacker);
    const error = await failure(load(source, { pinnedRootKeyIds: new Set([pin]) }));
    expect(error.code).toBe('TOO_MANY_ROOT_VERSIONS');
    expect(error.message).toMatch(/holds version 1000000000000: .* more than the 1024 allowed/);
    expect(source.requests).toEqual(['root']);
  });

  it(`walks at most ${MAX_ROOT_VERSIONS_WALKED} versions: one more is refused up front`, async () => {
    expect(MAX_ROOT_VERSIONS_WALKED).toBe(1024);
    const pin = (await newRepo()).rootKey.id;
    const attacker = await newRepo();
    attacker.root.version = MAX_ROOT_VERSIONS_WALKED + 1;
    const over = await withoutVersionedRoots(attacker);
    expect((await failure(load(over, { pinnedRootKeyIds: new Set([pin]) }))).code).toBe('TOO_MANY_ROOT_VERSIONS');
    expect(over.requests).toEqual(['root']);
    attacker.root.version = MAX_ROOT_VERSIONS_WALKED;
    const atCap = await withoutVersionedRoots(attacker);
    expect((await failure(load(atCap, { pinnedRootKeyIds: new Set([pin]) }))).code).toBe('ROOT_CHAIN_BROKEN');
  });

  it('still follows a rotation from a pin on the old root key', async () => {
    const repo = await newRepo();
    const pin = repo.rootKey.id;
    await repo.rotateRoot();
    const source = MemorySource.of(await repo.build());
    const trusted = await load(source, { pinnedRootKeyIds: new Set([pin]) });
    expect(trusted.root.signed.version).toBe(2);
    expect(source.requests.slice(0, 2)).toEqual(['root', '1.root']);
  });

  it('a new root not signed by the previous root breaks the chain, naming the version', async () => {
    const repo = await newRepo();
    const pin = repo.rootKey.id;
    await repo.rotateRoot(false);
    const error = await failure(load(MemorySource.of(await repo.build()), { pinnedRootKeyIds: new Set([pin]) }));
    expect(error.code).toBe('ROOT_CHAIN_BROKEN');
    expect(error.message).toMatch(/is broken at version 2: root\.json: signature threshold not met for root: 0 valid of 1 required/);
  });
});

describe('pins must meet the root threshold by themselves (notary: trustpinning/certs.go ValidateRoot)', () => {
  async function twoOfTwo(): Promise<{ repo: RepoBuilder; first: string; second: string; secondCanonical: string }> {
    const repo = await newRepo();
    const first = repo.rootKey.id;
    const { key } = await repo.addRootKey();
    repo.root.roles.set('root', { keyids: [first, key.id], threshold: 2 });
    return { repo, first, second: key.id, secondCanonical: key.canonicalId };
  }

  it('a root of threshold 2 with one pinned signer is refused', async () => {
    const { repo, first } = await twoOfTwo();
    const error = await failure(load(MemorySource.of(await repo.build()), { pinnedRootKeyIds: new Set([first]) }));
    expect(error.code).toBe('ROOT_NOT_TRUSTED');
    expect(error.message).toMatch(
      /does not match trusted-root-keys: its root keys are .*; pinned keys must sign it to its root threshold of 2/,
    );
  });

  it('the same root with both signers pinned (by certificate or public key ID) is accepted', async () => {
    const { repo, first, second, secondCanonical } = await twoOfTwo();
    const files = await repo.build();
    for (const pins of [
      [first, second],
      [first, secondCanonical],
    ]) {
      const trusted = await load(MemorySource.of(files), { pinnedRootKeyIds: new Set(pins) });
      expect(trusted.trustedOnFirstUse).toBe(false);
    }
  });

  it('threshold 1 with two root keys: one pinned signer is enough, as before', async () => {
    const repo = await newRepo();
    await repo.addRootKey();
    const trusted = await load(MemorySource.of(await repo.build()), { pinnedRootKeyIds: new Set([repo.rootKey.id]) });
    expect(trusted.trustedOnFirstUse).toBe(false);
  });
});

describe('a root recorded by an earlier run (trust-state; TUF spec 5.2, 5.3)', () => {
  it('walks from a recorded v1 to the latest v3, each version signed by the one before, with no trust on first use', async () => {
    const repo = await newRepo();
    const recorded = await repo.rotateRoot();
    await repo.rotateRoot();
    const source = MemorySource.of(await repo.build());
    const trusted = await load(source, { trustedRoot: recorded });
    expect(trusted.root.signed.version).toBe(3);
    expect(trusted.trustedOnFirstUse).toBe(false);
    expect(trusted.warnings.join('\n')).not.toMatch(/first use/);
    expect(source.requests.slice(0, 3)).toEqual(['root', '2.root', 'timestamp']);
  });

  it('a recorded root that is the latest needs no walk', async () => {
    const repo = await newRepo();
    const files = await repo.build();
    const source = MemorySource.of(files);
    const trusted = await load(source, { trustedRoot: files.get('root')! });
    expect(trusted.trustedOnFirstUse).toBe(false);
    expect(source.requests.slice(0, 2)).toEqual(['root', 'timestamp']);
  });

  it('a served chain that does not continue the recorded root (another root at v2) is ROOT_CHAIN_BROKEN', async () => {
    const recorded = (await (await newRepo()).build()).get('root')!;
    const other = await newRepo();
    await other.rotateRoot();
    await other.rotateRoot();
    const error = await failure(load(MemorySource.of(await other.build()), { trustedRoot: recorded }));
    expect(error.code).toBe('ROOT_CHAIN_BROKEN');
    expect(error.message).toMatch(
      /root rotation chain of .* from the recorded root version 1 is broken at version 2: 2\.root\.json: signature threshold not met/,
    );
  });

  it('another root of the recorded version is ROOT_CHAIN_BROKEN', async () => {
    const recorded = (await (await newRepo()).build()).get('root')!;
    const error = await failure(load(MemorySource.of(await (await newRepo()).build()), { trustedRoot: recorded }));
    expect(error.code).toBe('ROOT_CHAIN_BROKEN');
    expect(error.message).toMatch(/from the recorded root version 1 is broken: root\.json holds version 1 with other content/);
  });

  it('a version missing after the recorded root is ROOT_CHAIN_BROKEN at that version', async () => {
    const repo = await newRepo();
    const recorded = await repo.rotateRoot();
    await repo.rotateRoot();
    const files = await repo.build();
    files.delete('2.root');
    const source = MemorySource.of(files);
    const error = await failure(load(source, { trustedRoot: recorded }));
    expect(error.code).toBe('ROOT_CHAIN_BROKEN');
    expect(error.message).toMatch(/from the recorded root version 1 is broken: version 2 of root\.json is missing/);
    expect(source.requests).toEqual(['root', '2.root']);
  });

  it('a latest root older than the recorded one is a rollback naming both versions', async () => {
    const repo = await newRepo();
    const older = await repo.build();
    await repo.rotateRoot();
    const recorded = (await repo.build()).get('root')!;
    const error = await failure(load(MemorySource.of(older), { trustedRoot: recorded }));
    expect(error.code).toBe('ROLLBACK');
    expect(error.message).toMatch(/root\.json of .* holds version 1, older than the recorded root version 2 \(rollback\)/);
  });

  it('a gap over the bound is refused before any versioned request', async () => {
    const repo = await newRepo();
    const recorded = (await repo.build()).get('root')!;
    repo.root.version = 2 + MAX_ROOT_VERSIONS_WALKED;
    const source = MemorySource.of(await repo.build());
    expect((await failure(load(source, { trustedRoot: recorded }))).code).toBe('TOO_MANY_ROOT_VERSIONS');
    expect(source.requests).toEqual(['root']);
  });

  describe('with pins too: some root of the chain must meet them', () => {
    async function rotated(): Promise<{ files: Map<string, Uint8Array>; recorded: Uint8Array; oldKey: string; newKey: string }> {
      const repo = await newRepo();
      const oldKey = repo.rootKey.id;
      const recorded = await repo.rotateRoot();
      return { files: await repo.build(), recorded, oldKey, newKey: repo.rootKey.canonicalId };
    }

    it('pins met by the recorded root: the chain starts there, and 1.root.json is never needed', async () => {
      const { files, recorded, oldKey } = await rotated();
      files.delete('1.root');
      const source = MemorySource.of(files);
      const trusted = await load(source, { trustedRoot: recorded, pinnedRootKeyIds: new Set([oldKey]) });
      expect(trusted.root.signed.version).toBe(2);
      expect(source.requests).not.toContain('1.root');
    });

    it('pins met only by the latest root', async () => {
      const { files, recorded, newKey } = await rotated();
      const trusted = await load(MemorySource.of(files), { trustedRoot: recorded, pinnedRootKeyIds: new Set([newKey]) });
      expect(trusted.root.signed.version).toBe(2);
    });

    it('pins met by no root of the chain: ROOT_NOT_TRUSTED', async () => {
      const { files, recorded } = await rotated();
      const error = await failure(load(MemorySource.of(files), { trustedRoot: recorded, pinnedRootKeyIds: new Set(['ab'.repeat(32)]) }));
      expect(error.code).toBe('ROOT_NOT_TRUSTED');
      expect(error.message).toMatch(/no root of .* from the recorded version 1 to version 2 matches trusted-root-keys: its root keys are/);
    });
  });
});

describe('what trust-state keeps between runs', () => {
  it('versions() lists every trusted role; a later run starts from them and the recorded root', async () => {
    const repo = await newRepo();
    const files = await repo.build();
    const first = await load(MemorySource.of(files));
    expect(Object.fromEntries(first.versions())).toEqual({ root: 1, timestamp: 1, snapshot: 1, targets: 1, 'targets/releases': 1 });
    const seenVersions = new Map(first.versions());
    const again = await load(MemorySource.of(files), { trustedRoot: first.root.bytes, seenVersions });
    expect(again.trustedOnFirstUse).toBe(false);
  });

  it('a rollback below a version recorded earlier names the role and both versions', async () => {
    const repo = await newRepo();
    const error = await failure(load(MemorySource.of(await repo.build()), { seenVersions: new Map([['snapshot', 5]]) }));
    expect(error.code).toBe('ROLLBACK');
    expect(error.message).toBe('snapshot.json version 1 is older than version 5 seen earlier (rollback)');
  });
});
