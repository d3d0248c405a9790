import { describe, expect, it } from '@jest/globals';
import type { JsonValue } from '../../src/tuf/canonical-json.js';
import { VerificationError } from '../../src/errors.js';
import { loadTrustedRepository } from '../../src/tuf/load-repository.js';
import { PublicKey } from '../../src/tuf/keys.js';
import { MemorySource } from '../support/memory-source.js';
import { RepoBuilder } from '../support/repo-builder.js';

const GUN = 'registry.example.com/team/app';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

async function validRepo(): Promise<RepoBuilder> {
  const repo = await RepoBuilder.create(GUN);
  repo.addTarget('v1', DIGEST, 1234);
  return repo;
}

function sourceOf(files: Map<string, Uint8Array>): MemorySource {
  const source = new MemorySource();
  for (const [k, v] of files) source.files.set(k, v);
  return source;
}

/** Every path in a JSON value, with a value of another type to put there. */
function* wrongTypes(value: JsonValue, path: (string | number)[] = []): Generator<[(string | number)[], JsonValue]> {
  if (path.length > 0) {
    if (typeof value === 'string') yield [path, 42];
    else if (typeof value === 'number') yield [path, String(value)];
    else if (typeof value === 'boolean') yield [path, 'true'];
    else if (Array.isArray(value)) yield [path, {}];
    else if (value !== null) yield [path, []];
  }
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* wrongTypes(item, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* wrongTypes(v, [...path, k]);
}

function setPath(root: JsonValue, path: (string | number)[], value: JsonValue): JsonValue {
  const copy = JSON.parse(JSON.stringify(root)) as JsonValue;
  let node = copy as Record<string | number, JsonValue>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, JsonValue>;
  node[path[path.length - 1]!] = value;
  return copy;
}

describe('wrong types in every field of every role are refused as malformed', () => {
  it.each(['root', 'timestamp', 'snapshot', 'targets', 'targets/releases'])('%s', async (role) => {
    const files = await (await validRepo()).build();
    const envelope = JSON.parse(Buffer.from(files.get(role)!).toString()) as JsonValue;
    let cases = 0;
    for (const [path, wrong] of wrongTypes(envelope)) {
      const repo = await validRepo();
      // snapshot and timestamp describe the variant, so the only thing wrong is the type.
      repo.replaceFiles.set(role, new TextEncoder().encode(JSON.stringify(setPath(envelope, path, wrong))));
      const error = await loadTrustedRepository(sourceOf(await repo.build()), { gun: GUN }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect([path.join('.'), error instanceof VerificationError ? 'VerificationError' : String(error)]).toEqual([
        path.join('.'),
        'VerificationError',
      ]);
      expect([path.join('.'), (error as Error).message]).toEqual([
        path.join('.'),
        expect.stringMatching(/malformed metadata: .* must be /),
      ]);
      cases++;
    }
    expect(cases).toBeGreaterThan(8);
  });
});

describe('rollback within one run', () => {
  it('refuses a snapshot that points at an older delegation than one already seen', async () => {
    const repo = await validRepo();
    const older = await repo.build();
    repo.delegations.get('targets/releases')!.version = 2;
    repo.addTarget('v2', DIGEST, 1234);
    const newer = await repo.build();
    const seenVersions = new Map<string, number>();
    await loadTrustedRepository(sourceOf(newer), { gun: GUN, seenVersions });
    expect(seenVersions.get('targets/releases')).toBe(2);
    await expect(loadTrustedRepository(sourceOf(older), { gun: GUN, seenVersions })).rejects.toThrow(
      'targets/releases.json version 1 is older than version 2 seen earlier (rollback)',
    );
  });
});

describe('keys OpenSSL cannot read fail as verification errors, never as crashes', () => {
  it('a root "certificate" of 3 bytes', async () => {
    const repo = await validRepo();
    const broken = new PublicKey('ecdsa-x509', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'));
    repo.root.keys.delete(repo.rootKey.id);
    repo.root.keys.set(broken.id, broken);
    repo.root.roles.set('root', { keyids: [broken.id], threshold: 1 });
    repo.signedBy.set('root', [{ signer: repo.signers.get('root')!, keyid: broken.id }]);
    await expect(loadTrustedRepository(sourceOf(await repo.build()), { gun: GUN })).rejects.toThrow(
      expect.objectContaining({ code: 'CERTIFICATE_INVALID', message: expect.stringMatching(/certificate does not parse/) }),
    );
  });
});
