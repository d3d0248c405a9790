import { describe, expect, it } from '@jest/globals';
import { loadTrustedRepository } from '../../src/tuf/load-repository.js';
import { newP256Signer } from '../support/keys.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

// The fixtures were made on 2026-11-21; their timestamps expire 14 days later.
const NOW = Date.parse('2026-11-22T00:00:00Z');
const DOCKER_ROLES = ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/alice'];
const NOTARY_ROLES = ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/rsa'];

describe('loadTrustedRepository on repositories the real peers made', () => {
  it('loads a docker trust repository: every role verified, in the listed pre-order', async () => {
    const repo = await loadTrustedRepository(MemorySource.fromFixtures('docker-repo', DOCKER_ROLES), {
      gun: '127.0.0.1:5000/demo/app',
      now: NOW,
    });
    const listed = repo.targets.file.signed.delegations.map((d) => d.name);
    expect([...repo.roles.keys()]).toEqual(['targets', ...listed]);
    expect(listed.sort()).toEqual(['targets/alice', 'targets/releases']);
    expect(repo.invalidRoles.size).toBe(0);
    expect(repo.trustedOnFirstUse).toBe(true);
    expect(repo.warnings[0]).toMatch(/trusted on first use. Pin it with trusted-root-keys: 33e68049/);
    expect(repo.roles.get('targets/releases')!.file.signed.targets.get('v1')!.length).toBe(523);
  });

  it('loads a notary CLI repository (local snapshot key, sha512 hashes, x509 delegation key)', async () => {
    const repo = await loadTrustedRepository(MemorySource.fromFixtures('notary-repo', NOTARY_ROLES), {
      gun: '127.0.0.1:5000/notary/app',
      now: NOW,
    });
    expect(repo.roles.get('targets/releases')!.file.signed.targets.has('v2')).toBe(true);
  });

  it('accepts a pin by root certificate ID or by canonical public key ID', async () => {
    for (const pin of [
      '33e68049f2246222b6b13cf33f397a9d38f78218f406dc2ad6d91cb8c7e04cc5',
      '164f4543bbf096673b850f4685a8bde6c642e3c4e4bb38188e6581b74dc8c2a2',
    ]) {
      const repo = await loadTrustedRepository(MemorySource.fromFixtures('docker-repo', DOCKER_ROLES), {
        gun: '127.0.0.1:5000/demo/app',
        now: NOW,
        pinnedRootKeyIds: new Set([pin]),
      });
      expect(repo.trustedOnFirstUse).toBe(false);
    }
  });

  it('refuses a root that matches no pin, naming its keys', async () => {
    const source = MemorySource.fromFixtures('docker-repo', DOCKER_ROLES);
    await expect(
      loadTrustedRepository(source, { gun: '127.0.0.1:5000/demo/app', now: NOW, pinnedRootKeyIds: new Set(['00'.repeat(32)]) }),
    ).rejects.toThrow(/does not match trusted-root-keys: its root keys are 33e68049.* \(public key 164f4543/);
  });

  it('refuses the repository under another name (root certificate CN is the GUN)', async () => {
    await expect(
      loadTrustedRepository(MemorySource.fromFixtures('docker-repo', DOCKER_ROLES), { gun: 'example.com/other', now: NOW }),
    ).rejects.toThrow(/certificate CN "127.0.0.1:5000\/demo\/app" does not match the repository example.com\/other/);
  });

  it('refuses an expired timestamp', async () => {
    await expect(
      loadTrustedRepository(MemorySource.fromFixtures('docker-repo', DOCKER_ROLES), {
        gun: '127.0.0.1:5000/demo/app',
        now: Date.parse('2026-12-06T00:00:00Z'),
      }),
    ).rejects.toThrow(/timestamp.json expired at 2026-12-05/);
  });

  it('allowExpired (renew) records expired roles, three years on, and still checks every signature', async () => {
    const later = Date.parse('2029-12-01T00:00:00Z');
    const repo = await loadTrustedRepository(MemorySource.fromFixtures('docker-repo', DOCKER_ROLES), {
      gun: '127.0.0.1:5000/demo/app',
      now: later,
      allowExpired: true,
    });
    expect(repo.expired.map((e) => e.role).sort()).toEqual(['snapshot', 'targets', 'targets/alice', 'targets/releases', 'timestamp']);
    expect(repo.invalidRoles.size).toBe(0);
  });

  it('allowExpired still refuses expired metadata that is not signed by its role', async () => {
    const repo = await RepoBuilder.create('example.com/renew/app');
    repo.targets.expires = '2020-01-01T00:00:00Z';
    const impostor = newP256Signer('impostor');
    repo.signedBy.set('targets', [{ signer: impostor, keyid: repo.root.role('targets').keyids[0]! }]);
    const source = MemorySource.of(await repo.build());
    const load = loadTrustedRepository(source, { gun: 'example.com/renew/app', allowExpired: true });
    await expect(load).rejects.toThrow(/signature threshold not met for targets/);
  });

  it('refuses a rollback to an older version within one run', async () => {
    const seenVersions = new Map([['targets', 99]]);
    await expect(
      loadTrustedRepository(MemorySource.fromFixtures('docker-repo', DOCKER_ROLES), {
        gun: '127.0.0.1:5000/demo/app',
        now: NOW,
        seenVersions,
      }),
    ).rejects.toThrow(/targets.json version \d+ is older than version 99 seen earlier \(rollback\)/);
  });
});
