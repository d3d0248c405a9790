import { describe, expect, it } from '@jest/globals';
import { canonicalString } from '../../src/tuf/canonical-json.js';
import { JsonReader, parseJsonObject } from '../../src/tuf/guard.js';
import { Root, Snapshot, Targets, Timestamp, parseSignedFile, serializeSignedFile, type RoleMetadata } from '../../src/tuf/metadata.js';
import { verifyThreshold } from '../../src/tuf/signatures.js';
import { utf8Text } from '../../src/tuf/encoding.js';
import { fixture } from '../support/fixtures.js';

const parsers = {
  root: (r: JsonReader, o: Parameters<typeof Root.fromJSON>[1]) => Root.fromJSON(r, o),
  snapshot: (r: JsonReader, o: Parameters<typeof Root.fromJSON>[1]) => Snapshot.fromJSON(r, o),
  timestamp: (r: JsonReader, o: Parameters<typeof Root.fromJSON>[1]) => Timestamp.fromJSON(r, o),
};

function load(repo: string, role: string) {
  const bytes = fixture(`${repo}/${role}.json`);
  const parse =
    role in parsers
      ? parsers[role as keyof typeof parsers]
      : (r: JsonReader, o: Parameters<typeof Root.fromJSON>[1]) => Targets.fromJSON(r, o, role);
  return parseSignedFile<RoleMetadata>(role, bytes, parse);
}

const REPOS = {
  'docker-repo': ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/alice'],
  'notary-repo': ['root', 'targets', 'snapshot', 'timestamp', 'targets/releases', 'targets/rsa'],
};

describe('golden metadata from notary-server, docker CLI and notary CLI', () => {
  for (const [repo, roles] of Object.entries(REPOS)) {
    describe(repo, () => {
      it.each(roles)('%s: canonical bytes of signed equal the bytes the peer wrote', (role) => {
        const file = load(repo, role);
        // The file holds the HTML-escaped canonical text; unescaped, it is the canonical text.
        const text = utf8Text(file.bytes);
        const signedText = text.slice('{"signed":'.length, text.indexOf(',"signatures":['));
        expect(utf8Text(file.signedBytes)).toBe(JSON.parse(`"${signedText.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`) as string);
      });

      it.each(roles)('%s: re-serializing the model gives the same file, byte for byte', (role) => {
        const file = load(repo, role);
        expect(utf8Text(serializeSignedFile(file.signed.toJSON(), file.signatures))).toBe(utf8Text(file.bytes));
      });

      it('every signature verifies against the key IDs root and the delegations define', () => {
        const root = load(repo, 'root');
        const rootMeta = root.signed as Root;
        for (const role of ['root', 'targets', 'snapshot', 'timestamp'] as const) {
          const file = role === 'root' ? root : load(repo, role);
          const spec = rootMeta.role(role);
          const valid = verifyThreshold(role, { name: role, ...spec, keys: rootMeta.keys }, file.signedBytes, file.signatures);
          expect(valid.length).toBeGreaterThanOrEqual(1);
        }
        const targets = load(repo, 'targets').signed as Targets;
        for (const d of targets.delegations) {
          const file = load(repo, d.name);
          expect(verifyThreshold(d.name, { ...d, keys: targets.delegationKeys }, file.signedBytes, file.signatures)).toHaveLength(1);
        }
      });

      it('every key ID in the metadata is the real ID of its key', () => {
        const root = load(repo, 'root').signed as Root;
        for (const [id, key] of root.keys) expect(key.id).toBe(id);
        const targets = load(repo, 'targets').signed as Targets;
        for (const [id, key] of targets.delegationKeys) expect(key.id).toBe(id);
      });
    });
  }

  it('covers every signature method notary writes: ecdsa, eddsa (server keys) and rsapss', () => {
    const methods = new Set(
      Object.entries(REPOS).flatMap(([repo, roles]) => roles.flatMap((role) => load(repo, role).signatures.map((s) => s.method))),
    );
    expect([...methods].sort()).toEqual(['ecdsa', 'eddsa', 'rsapss']);
    const targets = load('notary-repo', 'targets').signed as Targets;
    expect([...targets.delegationKeys.values()].map((k) => k.keytype).sort()).toEqual(['ecdsa-x509', 'rsa-x509']);
  });

  it('a tampered file does not verify', () => {
    const file = load('docker-repo', 'targets/releases');
    const tampered = canonicalString(file.signed.toJSON()).replace('"length":523', '"length":524');
    const bytes = new TextEncoder().encode(`{"signed":${tampered},"signatures":[]}`);
    const again = parseSignedFile('targets/releases', bytes, (r, o) => Targets.fromJSON(r, o, 'targets/releases'));
    const targets = load('docker-repo', 'targets').signed as Targets;
    const role = targets.delegations.find((d) => d.name === 'targets/releases')!;
    expect(() => verifyThreshold('x', { ...role, keys: targets.delegationKeys }, again.signedBytes, file.signatures)).toThrow(
      /threshold not met/,
    );
  });

  it('canonical key IDs of x509 root keys match the private key file names docker chose', () => {
    const root = load('docker-repo', 'root').signed as Root;
    const rootKey = root.keys.get(root.role('root').keyids[0]!)!;
    expect(rootKey.keytype).toBe('ecdsa-x509');
    expect(rootKey.id).toBe('33e68049f2246222b6b13cf33f397a9d38f78218f406dc2ad6d91cb8c7e04cc5');
    expect(rootKey.canonicalId).toBe('164f4543bbf096673b850f4685a8bde6c642e3c4e4bb38188e6581b74dc8c2a2');
  });

  it('rejects malformed metadata with the field path', () => {
    const reader = new JsonReader('targets.json');
    const obj = parseJsonObject(
      new TextEncoder().encode('{"_type":"Targets","version":"2","expires":"2030-01-01T00:00:00Z","targets":{}}'),
      'x',
    );
    expect(() => Targets.fromJSON(reader, obj, 'targets')).toThrow('targets.json: malformed metadata: version must be an integer >= 1');
  });
});
