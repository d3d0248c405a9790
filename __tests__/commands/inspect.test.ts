import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandContext, Reporter } from '../../src/commands/context.js';
import { formatTrustData, inspect, trustDataOf, type TrustData } from '../../src/commands/inspect.js';
import { naturalCompare } from '../../src/util/go-format.js';
import { VerificationError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { createRootCertificate } from '../../src/keys/signing.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { loadTrustedRepository } from '../../src/tuf/load-repository.js';
import { Targets } from '../../src/tuf/metadata.js';
import { expiryFromNow } from '../../src/tuf/time.js';
import type { TrustedRepository } from '../../src/tuf/trusted-repository.js';
import { fixture } from '../support/fixtures.js';
import { HostileNotary } from '../support/hostile-notary.js';
import { newP256Signer } from '../support/keys.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

// Expected values follow docker/cli v28.5.2: cli/command/trust/inspect.go (getRepoTrustInfo),
// common.go (lookupTrustInfo, matchReleasedSignatures, getDelegationRoleToKeyMap), helpers.go, and
// the notary client it vendors (client/reader.go GetAllTargetMetadataByName, ListRoles,
// GetDelegationRoles; tuf/tuf.go WalkTargets; client/delegations.go translateDelegationsToCanonicalIDs).

// The fixtures were made on 2026-11-21; their timestamps expire 14 days later.
const NOW = Date.parse('2026-11-22T00:00:00Z');
const DOCKER_GUN = '127.0.0.1:5000/demo/app';
const DOCKER_ROLES = ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/alice'];
const NOTARY_GUN = '127.0.0.1:5000/notary/app';
const NOTARY_ROLES = ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/rsa'];
const V1_DIGEST = '7437f80e996a0bf6226c156c9ef6e5b950271e38dbc8a363ede161ff26cbc156';

const D1 = `sha256:${'11'.repeat(32)}`;
const D2 = `sha256:${'22'.repeat(32)}`;
const hex = (digest: string) => digest.slice('sha256:'.length);

function loadFixture(repo: string, roles: string[], gun: string): Promise<TrustedRepository> {
  return loadTrustedRepository(MemorySource.fromFixtures(repo, roles), { gun, now: NOW });
}

async function load(builder: RepoBuilder): Promise<TrustedRepository> {
  const source = new MemorySource();
  for (const [name, bytes] of await builder.build()) source.files.set(name, bytes);
  return loadTrustedRepository(source, { gun: builder.gun, now: NOW });
}

/** A delegation `name` (under its parent) with a fresh key, published empty unless `publish` is false. */
function addDelegation(builder: RepoBuilder, name: string, options: { paths?: string[]; publish?: boolean } = {}): void {
  const signer = newP256Signer(name);
  builder.signers.set(name, signer);
  const parentName = name.slice(0, name.lastIndexOf('/'));
  const parent = parentName === 'targets' ? builder.targets : builder.delegations.get(parentName)!;
  parent.delegationKeys.set(signer.publicKey.id, signer.publicKey);
  parent.delegations.push({ name, keyids: [signer.publicKey.id], threshold: 1, paths: options.paths ?? [''] });
  if (options.publish !== false) builder.delegations.set(name, new Targets(1, expiryFromNow(1095, NOW)));
}

describe('trustDataOf on repositories the real peers made', () => {
  it('docker trust: the tag alice pushed is listed with signer alice; keys as docker shows them', async () => {
    const data = trustDataOf(await loadFixture('docker-repo', DOCKER_ROLES, DOCKER_GUN), DOCKER_GUN);
    expect(data).toEqual({
      Name: DOCKER_GUN,
      // v1 is in targets/releases (released) and in targets/alice with the same digest: alice is its
      // signer (matchReleasedSignatures); the digest is hex without "sha256:".
      SignedTags: [{ SignedTag: 'v1', Digest: V1_DIGEST, Signers: ['alice'] }],
      // Every delegation but targets/releases, without "targets/"; alice's key is a bare ecdsa key,
      // so its canonical ID is its TUF ID.
      Signers: [{ Name: 'alice', Keys: [{ ID: '28b67f31db9176930d59d1cb3d2354d6ea6b246faf2b7196d793ba5874bdfb4c' }] }],
      // ListRoles: root's key IDs as root.json lists them (the certificate ID, not the public-key
      // ID 164f4543...), then the targets role's; sorted by Name descending: Root, Repository.
      AdministrativeKeys: [
        { Name: 'Root', Keys: [{ ID: '33e68049f2246222b6b13cf33f397a9d38f78218f406dc2ad6d91cb8c7e04cc5' }] },
        { Name: 'Repository', Keys: [{ ID: '65dba5d4b2a20456af5e73f18fbe8e256c72fda67d3c1511c631709db2282d87' }] },
      ],
      // Our addition: every verified role's `expires`, exactly as published.
      Expires: {
        root: '2036-11-18T20:23:12.733461127Z',
        targets: '2029-11-20T20:23:12.737972712Z',
        snapshot: '2029-11-20T20:23:14.405222657Z',
        timestamp: '2026-12-05T20:23:14.405503402Z',
        'targets/alice': '2029-11-20T20:23:14.402155986Z',
        'targets/releases': '2029-11-20T20:23:14.402510756Z',
      },
    });
  });

  it('docker trust: formatTrustData prints the bytes docker prints (json.Indent, 4 spaces, trailing newline)', async () => {
    const data = trustDataOf(await loadFixture('docker-repo', DOCKER_ROLES, DOCKER_GUN), `${DOCKER_GUN}:v1`, 'v1');
    expect(formatTrustData([data])).toBe(
      [
        '[',
        '    {',
        `        "Name": "${DOCKER_GUN}:v1",`,
        '        "SignedTags": [',
        '            {',
        '                "SignedTag": "v1",',
        `                "Digest": "${V1_DIGEST}",`,
        '                "Signers": [',
        '                    "alice"',
        '                ]',
        '            }',
        '        ],',
        '        "Signers": [',
        '            {',
        '                "Name": "alice",',
        '                "Keys": [',
        '                    {',
        '                        "ID": "28b67f31db9176930d59d1cb3d2354d6ea6b246faf2b7196d793ba5874bdfb4c"',
        '                    }',
        '                ]',
        '            }',
        '        ],',
        '        "AdministrativeKeys": [',
        '            {',
        '                "Name": "Root",',
        '                "Keys": [',
        '                    {',
        '                        "ID": "33e68049f2246222b6b13cf33f397a9d38f78218f406dc2ad6d91cb8c7e04cc5"',
        '                    }',
        '                ]',
        '            },',
        '            {',
        '                "Name": "Repository",',
        '                "Keys": [',
        '                    {',
        '                        "ID": "65dba5d4b2a20456af5e73f18fbe8e256c72fda67d3c1511c631709db2282d87"',
        '                    }',
        '                ]',
        '            }',
        '        ],',
        '        "Expires": {',
        '            "root": "2036-11-18T20:23:12.733461127Z",',
        '            "targets": "2029-11-20T20:23:12.737972712Z",',
        '            "snapshot": "2029-11-20T20:23:14.405222657Z",',
        '            "timestamp": "2026-12-05T20:23:14.405503402Z",',
        '            "targets/alice": "2029-11-20T20:23:14.402155986Z",',
        '            "targets/releases": "2029-11-20T20:23:14.402510756Z"',
        '        }',
        '    }',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('notary CLI: tags in targets and targets/releases are "Repo Admin"; a tag only in targets/rsa is not listed', async () => {
    const data = trustDataOf(await loadFixture('notary-repo', NOTARY_ROLES, NOTARY_GUN), NOTARY_GUN);
    // hello is in `targets`, v2 in targets/releases, both released with no other signer -> "Repo
    // Admin" (getRepoTrustInfo); v3 only in targets/rsa is not released (isReleasedTarget).
    expect(data.SignedTags).toEqual([
      { SignedTag: 'hello', Digest: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', Signers: ['Repo Admin'] },
      { SignedTag: 'v2', Digest: V1_DIGEST, Signers: ['Repo Admin'] },
    ]);
    // targets/releases is left out (getDelegationRoleToKeyMap); rsa's key is an rsa-x509
    // certificate whose TUF ID is 84ef0207...: docker shows the ID of the bare RSA public key
    // (utils.CanonicalKeyID; computed independently with openssl: sha256 of
    // {"keytype":"rsa","keyval":{"private":null,"public":"<base64 SPKI DER>"}}).
    expect(data.Signers).toEqual([{ Name: 'rsa', Keys: [{ ID: '0cdaa5cd5ac4706951fcf8fe1a06fec3a0415730640d8afd3cc6986945d675de' }] }]);
    expect(data.AdministrativeKeys).toEqual([
      { Name: 'Root', Keys: [{ ID: 'e16e6674cb134e71762cf6a914d44855457f1b5bcce63d4c693143ae4f4f5664' }] },
      { Name: 'Repository', Keys: [{ ID: '8795f6b35012648015bb2168b7749420b7f04260ecffab829718d91ace67531b' }] },
    ]);
    expect(Object.keys(data.Expires)).toEqual(['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/rsa']);
  });

  it('a tag given limits SignedTags to that tag, not Signers (GetAllTargetMetadataByName(tag))', async () => {
    const repo = await loadFixture('notary-repo', NOTARY_ROLES, NOTARY_GUN);
    expect(trustDataOf(repo, `${NOTARY_GUN}:v2`, 'v2').SignedTags.map((t) => t.SignedTag)).toEqual(['v2']);
    // Unsigned (or signed only by a non-released role): an empty list, not an error (ErrNoSuchTarget).
    const v3 = trustDataOf(repo, `${NOTARY_GUN}:v3`, 'v3');
    expect(v3.SignedTags).toEqual([]);
    expect(v3.Signers.map((s) => s.Name)).toEqual(['rsa']);
    // No tag, or an empty one: every tag (cli/trust/trust.go getTag returns "").
    expect(trustDataOf(repo, NOTARY_GUN, '').SignedTags).toHaveLength(2);
  });
});

describe('trustDataOf: the docker rules, on repositories built here', () => {
  const GUN = 'registry.example.com/team/app';

  it('lists only released tags; signers are the other roles with the same digest, else "Repo Admin"', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    addDelegation(builder, 'targets/alice');
    addDelegation(builder, 'targets/bob');
    builder.addTarget('only-alice', D1, 10, 'targets/alice'); // not in targets or releases: not listed
    builder.addTarget('both', D1, 10, 'targets/releases');
    builder.addTarget('both', D1, 10, 'targets/alice'); // same digest: alice signed it
    builder.addTarget('both', D2, 10, 'targets/bob'); // another digest: bob did not sign this row
    builder.addTarget('released', D1, 10, 'targets/releases'); // no other signer: "Repo Admin"
    builder.addTarget('in-targets', D2, 20, 'targets'); // `targets` is released too
    builder.addTarget('in-targets', D2, 20, 'targets/bob');
    builder.addTarget('everyone', D1, 10, 'targets');
    builder.addTarget('everyone', D1, 10, 'targets/releases'); // released twice: still one row, no signer
    builder.addTarget('everyone', D1, 10, 'targets/bob');
    builder.addTarget('everyone', D1, 10, 'targets/alice'); // signers in walk order: alice, bob (as listed)
    const data = trustDataOf(await load(builder), GUN);
    expect(data.SignedTags).toEqual([
      { SignedTag: 'both', Digest: hex(D1), Signers: ['alice'] },
      { SignedTag: 'everyone', Digest: hex(D1), Signers: ['alice', 'bob'] },
      { SignedTag: 'in-targets', Digest: hex(D2), Signers: ['bob'] },
      { SignedTag: 'released', Digest: hex(D1), Signers: ['Repo Admin'] },
    ]);
  });

  it('targets and targets/releases disagreeing on a digest make two rows for the tag (keyed by tag and digest)', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    addDelegation(builder, 'targets/alice');
    builder.addTarget('v1', D1, 10, 'targets');
    builder.addTarget('v1', D2, 10, 'targets/releases');
    builder.addTarget('v1', D2, 10, 'targets/alice');
    // Go leaves equal tags in map order; here the walk order decides: targets before releases.
    expect(trustDataOf(await load(builder), GUN).SignedTags).toEqual([
      { SignedTag: 'v1', Digest: hex(D1), Signers: ['Repo Admin'] },
      { SignedTag: 'v1', Digest: hex(D2), Signers: ['alice'] },
    ]);
  });

  it('sorts tags in natural order (sortorder.NaturalLess): numbers by value, digits first, fewer zeros first', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    for (const tag of ['v10', 'v2', 'latest', 'v02', '1.0', 'v1.10', 'v1.9', 'v1']) builder.addTarget(tag, D1, 10);
    expect(trustDataOf(await load(builder), GUN).SignedTags.map((t) => t.SignedTag)).toEqual([
      '1.0', // a digit sorts before any other byte
      'latest',
      'v1', // a prefix sorts first
      'v1.9',
      'v1.10', // 9 < 10 numerically
      'v2',
      'v02', // equal numbers: fewer leading zeros first
      'v10',
    ]);
    expect(naturalCompare('a2', 'a2')).toBe(0);
    expect(naturalCompare('a10', 'a9')).toBe(1);
  });

  it('an empty repository: empty arrays (never null), and Administrative keys still there', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    const data = trustDataOf(await load(builder), GUN);
    // The only delegation is targets/releases, which Signers leaves out.
    expect(data.SignedTags).toEqual([]);
    expect(data.Signers).toEqual([]);
    const text = formatTrustData([data]);
    expect(text).toContain('\n        "SignedTags": [],\n        "Signers": [],\n        "AdministrativeKeys": [\n');
  });

  it('Signers: every delegation but releases, by name descending, canonical key IDs in the role key order', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    addDelegation(builder, 'targets/alice');
    addDelegation(builder, 'targets/zed');
    addDelegation(builder, 'targets/carol', { publish: false }); // added, never signed: still a signer
    addDelegation(builder, 'targets/bob');
    // alice's key is a certificate (ecdsa-x509): docker shows the bare public key's ID.
    const aliceSigner = builder.signers.get('targets/alice')!;
    const aliceCert = await createRootCertificate('alice', aliceSigner, NOW - 1000);
    builder.targets.delegationKeys.set(aliceCert.id, aliceCert);
    builder.targets.delegations.find((d) => d.name === 'targets/alice')!.keyids = [aliceCert.id];
    builder.signedBy.set('targets/alice', [{ signer: aliceSigner, keyid: aliceCert.id }]);
    // bob has two keys: listed second-first, shown in that order.
    const bob2 = newP256Signer('bob2').publicKey;
    builder.targets.delegationKeys.set(bob2.id, bob2);
    const bob = builder.targets.delegations.find((d) => d.name === 'targets/bob')!;
    bob.keyids = [bob2.id, ...bob.keyids];
    const data = trustDataOf(await load(builder), GUN);
    expect(aliceCert.id).not.toBe(aliceSigner.publicKey.id);
    expect(data.Signers).toEqual([
      { Name: 'zed', Keys: [{ ID: builder.signers.get('targets/zed')!.publicKey.id }] },
      { Name: 'carol', Keys: [{ ID: builder.signers.get('targets/carol')!.publicKey.id }] },
      { Name: 'bob', Keys: [{ ID: bob2.id }, { ID: builder.signers.get('targets/bob')!.publicKey.id }] },
      { Name: 'alice', Keys: [{ ID: aliceSigner.publicKey.id }] },
    ]);
    // Administrative keys: the root certificate's TUF ID as root.json lists it (not its public-key
    // ID), and the targets key.
    expect(data.AdministrativeKeys).toEqual([
      { Name: 'Root', Keys: [{ ID: builder.rootKey.id }] },
      { Name: 'Repository', Keys: [{ ID: builder.signers.get('targets')!.publicKey.id }] },
    ]);
    expect(builder.rootKey.id).not.toBe(builder.rootKey.canonicalId);
    // Expires: base roles, then every verified delegation (carol has no metadata, so none).
    expect(data.Expires).toEqual({
      root: builder.root.expires,
      targets: builder.targets.expires,
      snapshot: builder.snapshot.expires,
      timestamp: builder.timestamp.expires,
      'targets/releases': builder.delegations.get('targets/releases')!.expires,
      'targets/alice': builder.delegations.get('targets/alice')!.expires,
      'targets/zed': builder.delegations.get('targets/zed')!.expires,
      'targets/bob': builder.delegations.get('targets/bob')!.expires,
    });
  });

  it('nested delegations: signers in WalkTargets order (breadth first), names keep their path below targets/', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    for (const name of ['targets/a', 'targets/a/x', 'targets/a/x/z', 'targets/b', 'targets/b/y']) addDelegation(builder, name);
    builder.addTarget('v1', D1, 10, 'targets/releases');
    builder.addTarget('v1', D1, 10, 'targets/a/x/z');
    builder.addTarget('v1', D1, 10, 'targets/b/y');
    const repo = await load(builder);
    const data = trustDataOf(repo, GUN);
    // WalkTargets is a queue: targets, releases, a, b, a/x, b/y, a/x/z; so b/y (depth 2) comes
    // before a/x/z (depth 3), which the loader met first.
    expect([...repo.roles.keys()].indexOf('targets/a/x/z')).toBeLessThan([...repo.roles.keys()].indexOf('targets/b/y'));
    expect(data.SignedTags).toEqual([{ SignedTag: 'v1', Digest: hex(D1), Signers: ['b/y', 'a/x/z'] }]);
    // GetDelegationRoles collects the delegations of every role in the walk, nested ones included.
    expect(data.Signers.map((s) => s.Name)).toEqual(['b/y', 'b', 'a/x/z', 'a/x', 'a']);
  });

  it('a role that does not verify signs nothing; its delegation is still a signer (listed by its parent)', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    addDelegation(builder, 'targets/alice');
    builder.addTarget('v1', D1, 10, 'targets/releases');
    builder.addTarget('v1', D1, 10, 'targets/alice');
    builder.delegations.get('targets/alice')!.expires = expiryFromNow(-1, NOW); // expired: skipped, as notary does
    const repo = await load(builder);
    expect(repo.invalidRoles.has('targets/alice')).toBe(true);
    const data = trustDataOf(repo, GUN);
    expect(data.SignedTags).toEqual([{ SignedTag: 'v1', Digest: hex(D1), Signers: ['Repo Admin'] }]);
    expect(data.Signers.map((s) => s.Name)).toEqual(['alice']);
    expect(Object.keys(data.Expires)).not.toContain('targets/alice');
  });

  it('a target outside the delegated paths is not counted (a deliberate difference: docker would list it)', async () => {
    const builder = await RepoBuilder.create(GUN, NOW);
    addDelegation(builder, 'targets/alice', { paths: ['v1'] });
    builder.addTarget('v1', D1, 10, 'targets/releases');
    builder.addTarget('v2', D1, 10, 'targets/releases');
    builder.addTarget('v1', D1, 10, 'targets/alice');
    builder.addTarget('v2', D1, 10, 'targets/alice'); // alice may only sign names starting with v1
    const repo = await load(builder);
    // Docker's tag walk (WalkTargets with a tag) skips alice for v2 too, so both modes agree here.
    expect(trustDataOf(repo, GUN).SignedTags.map((t) => t.Signers)).toEqual([['alice'], ['Repo Admin']]);
    expect(trustDataOf(repo, `${GUN}:v2`, 'v2').SignedTags).toEqual([{ SignedTag: 'v2', Digest: hex(D1), Signers: ['Repo Admin'] }]);
  });
});

describe('formatTrustData: Go json.Marshal + json.Indent bytes', () => {
  it('prints "[]\\n" for nothing', () => {
    expect(formatTrustData([])).toBe('[]\n');
  });

  it("escapes as Go's encoding/json does (HTML-safe, short escapes, lowercase \\u00xx, U+2028/9)", () => {
    const data: TrustData = {
      Name: 'a<b>&"c"\\d\n\t\r\b\f\u0001\u001f\u007fé€😀\u2028\u2029\ud800',
      SignedTags: [],
      Signers: [],
      AdministrativeKeys: [],
      Expires: {},
    };
    const text = formatTrustData([data]);
    expect(text).toBe(
      '[\n    {\n' +
        '        "Name": "a\\u003cb\\u003e\\u0026\\"c\\"\\\\d\\n\\t\\r\\b\\f\\u0001\\u001f\u007fé€😀\\u2028\\u2029\ufffd",\n' +
        '        "SignedTags": [],\n        "Signers": [],\n        "AdministrativeKeys": [],\n        "Expires": {}\n' +
        '    }\n]\n',
    );
  });

  it('omits an empty Name, Keys or ID (trustSigner and trustKey fields are omitempty)', () => {
    const data: TrustData = {
      Name: 'x',
      SignedTags: [],
      Signers: [{ Name: 'nokeys', Keys: [] }],
      AdministrativeKeys: [],
      Expires: {},
    };
    expect(formatTrustData([data])).toContain('"Signers": [\n            {\n                "Name": "nokeys"\n            }\n        ],');
  });

  it('parses back to the same data (valid JSON)', async () => {
    const data = trustDataOf(await loadFixture('notary-repo', NOTARY_ROLES, NOTARY_GUN), NOTARY_GUN);
    expect(JSON.parse(formatTrustData([data, data]))).toEqual([data, data]);
  });
});

describe('inspect: loads and verifies each repository once, one entry per image in the order given', () => {
  let notary: HostileNotary;
  const OTHER_GUN = '127.0.0.1:5000/other/app';
  let otherRootKeyId = '';

  beforeAll(async () => {
    notary = new HostileNotary();
    await notary.start();
    const docker = new Map<string, Uint8Array>();
    for (const role of DOCKER_ROLES) docker.set(role, fixture(`docker-repo/${role}.json`));
    notary.repositories.set(DOCKER_GUN, docker);
    const builder = await RepoBuilder.create(OTHER_GUN, NOW);
    builder.addTarget('v2', D1, 10);
    builder.addTarget('v10', D2, 10);
    notary.repositories.set(OTHER_GUN, await builder.build());
    otherRootKeyId = builder.rootKey.id;
  });

  afterAll(async () => {
    await notary?.stop();
  });

  function context(pins: string[] = []): { ctx: CommandContext; warnings: string[] } {
    const warnings: string[] = [];
    const reporter: Reporter = { info: () => undefined, warning: (m) => warnings.push(m), error: () => undefined, group: (_n, fn) => fn() };
    const http = new HttpClient();
    return {
      ctx: {
        http,
        registry: new RegistryClient(http),
        reporter,
        notaryServer: notary.url,
        pinnedRootKeyIds: new Set(pins),
        expiryWarningDays: 30,
        now: () => NOW,
      },
      warnings,
    };
  }

  it('names each entry as written, filters by its tag, keeps the input order across repositories', async () => {
    const images = [`${DOCKER_GUN}:v1`, OTHER_GUN, `${DOCKER_GUN}:nope`, `${OTHER_GUN}:v10`, OTHER_GUN].map((s) =>
      parseImageReference(s, false),
    );
    const { ctx } = context();
    const before = notary.requests.length;
    const data = await inspect(ctx, { images });
    expect(data.map((d) => d.Name)).toEqual([`${DOCKER_GUN}:v1`, OTHER_GUN, `${DOCKER_GUN}:nope`, `${OTHER_GUN}:v10`, OTHER_GUN]);
    expect(data.map((d) => d.SignedTags.map((t) => t.SignedTag))).toEqual([['v1'], ['v2', 'v10'], [], ['v10'], ['v2', 'v10']]);
    expect(data[0]!.SignedTags[0]!.Signers).toEqual(['alice']);
    // One load per repository: root.json fetched twice in all (once per GUN).
    expect(notary.requests.slice(before).filter((p) => p.endsWith('/root.json'))).toHaveLength(2);
  });

  it('a digest in the reference shows every tag (docker: getTag is "" for a digested reference)', async () => {
    const images = [parseImageReference(`${OTHER_GUN}:v2@sha256:${'ab'.repeat(32)}`, false)];
    expect((await inspect(context().ctx, { images }))[0]!.SignedTags.map((t) => t.SignedTag)).toEqual(['v2', 'v10']);
  });

  it('uses the pins: a pinned root loads, an unpinned one fails with the loader error', async () => {
    const images = [parseImageReference(`${OTHER_GUN}:v2`, false)];
    await expect(inspect(context([otherRootKeyId]).ctx, { images })).resolves.toHaveLength(1);
    const failure = inspect(context(['00'.repeat(32)]).ctx, { images });
    await expect(failure).rejects.toBeInstanceOf(VerificationError);
    await expect(failure).rejects.toMatchObject({ code: 'ROOT_NOT_TRUSTED' });
  });

  it('warns as the other commands do (trust on first use, expiry within expiry-warning-days)', async () => {
    const { ctx, warnings } = context();
    await inspect({ ...ctx, expiryWarningDays: 5000 }, { images: [parseImageReference(`${DOCKER_GUN}:v1`, false)] });
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/trusted on first use/), expect.stringMatching(/snapshot expires in \d+ days/)]),
    );
  });
});
