import { describe, expect, it } from '@jest/globals';
import { createRootCertificate } from '../../src/keys/signing.js';
import { loadTrustedRepository } from '../../src/tuf/load-repository.js';
import { newP256Signer } from '../support/keys.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

const GUN = 'registry.example.com/team/app';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const DAY = 86_400_000;

async function newRepo(): Promise<RepoBuilder> {
  const repo = await RepoBuilder.create(GUN);
  repo.addTarget('v1', DIGEST, 1234);
  return repo;
}

describe('thresholds count distinct keys, not key IDs (TUF spec 4.3; notary: tuf/signed/verify.go counts IDs)', () => {
  it('a delegation of threshold 2 whose two listed keys are one key (bare ecdsa and its certificate) is set aside', async () => {
    const repo = await newRepo();
    const signer = repo.signers.get('targets/releases')!;
    const bare = signer.publicKey;
    const cert = await createRootCertificate(GUN, signer, repo.now - DAY);
    expect(cert.canonicalId).toBe(bare.id);
    repo.targets.delegationKeys.set(cert.id, cert);
    repo.targets.delegations[0] = { name: 'targets/releases', keyids: [bare.id, cert.id], threshold: 2, paths: [''] };
    repo.signedBy.set('targets/releases', [
      { signer, keyid: bare.id },
      { signer, keyid: cert.id },
    ]);
    const trusted = await loadTrustedRepository(MemorySource.of(await repo.build()), { gun: GUN });
    expect(trusted.roles.has('targets/releases')).toBe(false);
    expect(trusted.invalidRoles.get('targets/releases')?.reason).toMatch(
      /signature threshold not met for targets\/releases: 1 valid of 2 required .*2 of the role's key IDs name only 1 distinct key/,
    );
  });

  it('the same delegation signed by two distinct keys is trusted', async () => {
    const repo = await newRepo();
    const signer = repo.signers.get('targets/releases')!;
    const other = newP256Signer('second signer');
    repo.targets.delegationKeys.set(other.publicKey.id, other.publicKey);
    repo.targets.delegations[0] = {
      name: 'targets/releases',
      keyids: [signer.publicKey.id, other.publicKey.id],
      threshold: 2,
      paths: [''],
    };
    repo.signedBy.set('targets/releases', [
      { signer, keyid: signer.publicKey.id },
      { signer: other, keyid: other.publicKey.id },
    ]);
    const trusted = await loadTrustedRepository(MemorySource.of(await repo.build()), { gun: GUN });
    expect(trusted.roles.has('targets/releases')).toBe(true);
  });

  it('a root of threshold 2 listing two certificates of one key does not sign itself to threshold', async () => {
    const repo = await newRepo();
    const signer = repo.signers.get('root')!;
    const again = await createRootCertificate(GUN, signer, repo.now - 2 * DAY);
    expect(again.id).not.toBe(repo.rootKey.id);
    repo.root.keys.set(again.id, again);
    repo.root.roles.set('root', { keyids: [repo.rootKey.id, again.id], threshold: 2 });
    repo.signedBy.set('root', [
      { signer, keyid: repo.rootKey.id },
      { signer, keyid: again.id },
    ]);
    await expect(loadTrustedRepository(MemorySource.of(await repo.build()), { gun: GUN })).rejects.toThrow(
      expect.objectContaining({ code: 'THRESHOLD_NOT_MET', message: expect.stringMatching(/1 valid of 2 required/) }),
    );
  });
});

describe('signature methods', () => {
  it('match case-insensitively, as notary lower-cases `method` on input (notary: tuf/data/types.go Signature.UnmarshalJSON)', async () => {
    const repo = await newRepo();
    const genuine = (await repo.build()).get('targets/releases')!;
    const upper = Buffer.from(genuine).toString().replace('"method":"ecdsa"', '"method":"ECDSA"');
    expect(upper).toContain('"method":"ECDSA"');
    repo.replaceFiles.set('targets/releases', new TextEncoder().encode(upper));
    const trusted = await loadTrustedRepository(MemorySource.of(await repo.build()), { gun: GUN });
    expect(trusted.roles.get('targets/releases')!.file.signatures[0]!.method).toBe('ecdsa');
  });
});
