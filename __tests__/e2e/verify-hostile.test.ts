import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createRootCertificate } from '../../src/keys/signing.js';
import { PublicKey } from '../../src/tuf/keys.js';
import { expiryFromNow } from '../../src/tuf/time.js';
import { HostileNotary } from '../support/hostile-notary.js';
import { newP256Signer } from '../support/keys.js';
import { RepoBuilder } from '../support/repo-builder.js';
import { execFile } from 'node:child_process';
import { ACTION, ACTION_NODE, LocalStack, type RunResult } from '../support/stack.js';

const PAST = expiryFromNow(-1);

describe('verify against a compromised or broken Notary server', () => {
  let stack: LocalStack;
  let hostile: HostileNotary;
  let v1: { digest: string; size: number };
  let v2: { digest: string; size: number };
  const gun = () => `${stack.registry}/hostile/app`;

  beforeAll(async () => {
    stack = await LocalStack.start();
    hostile = new HostileNotary();
    await hostile.start();
    v1 = stack.makeImage('hostile/app', 'v1');
    v2 = stack.makeImage('hostile/app', 'v2');
  }, 60_000);

  afterAll(async () => {
    await hostile?.stop();
    await stack?.stop();
  }, 60_000);

  /** A valid repository signing v1, broken by `change`, served by the hostile server, verified by the action. */
  async function verifyWith(
    change: (repo: RepoBuilder) => void | Promise<void> = () => undefined,
    after: (files: Map<string, Uint8Array>, repo: RepoBuilder) => void | Promise<void> = () => undefined,
    inputs: Record<string, string> = {},
  ): Promise<RunResult> {
    const repo = await RepoBuilder.create(gun());
    repo.addTarget('v1', v1.digest, v1.size);
    await change(repo);
    const files = await repo.build();
    await after(files, repo);
    hostile.files = files;
    hostile.endless.clear();
    return stack.runAction({ command: 'verify', images: `${gun()}:v1`, 'notary-server': hostile.url, ...inputs });
  }

  function expectFailure(result: RunResult, message: RegExp): void {
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(new RegExp(`^::error::${stack.registry.replace(/\./g, '\\.')}/hostile/app:v1: `));
    expect(result.errors[0]).toMatch(message);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.digests).toBeUndefined();
  }

  it('accepts the untouched repository (the baseline every case below breaks)', async () => {
    const result = await verifyWith();
    expect(result.errors).toEqual([]);
    expect(result.outputs.digests).toBe(`${gun()}@${v1.digest}`);
  }, 30_000);

  it('the command line runs the same core: flags are input names, outputs name=value, exit 0 or 1', async () => {
    const repo = await RepoBuilder.create(gun());
    repo.addTarget('v1', v1.digest, v1.size);
    hostile.files = await repo.build();
    hostile.endless.clear();
    // Asynchronous: the hostile server answers from this process.
    const cli = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        execFile(ACTION_NODE, [ACTION, ...args], { encoding: 'utf8', env: stack.env() }, (error, stdout) =>
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
        );
      });
    const good = await cli(['verify', '--images', `${gun()}:v1`, '--notary-server', hostile.url]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain(`\ndigests=${gun()}@${v1.digest}\n`);
    const bad = await cli(['verify', '--images', `${gun()}:v2`, '--notary-server', hostile.url]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/::error::.*hostile\/app:v2: tag v2 is not signed by targets\/releases/);
    expect((await cli(['--help'])).stdout).toMatch(/^usage: dct-sign <sign\|verify\|inspect\|init/);
    expect(await cli(['verify', '--help'])).toEqual({ status: 0, stdout: expect.stringMatching(/^usage: dct-sign /) as unknown as string });
    expect(await cli(['--version'])).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^dct-sign \d+\.\d+\.\d+\n$/) as unknown as string,
    });
    // A misspelt flag fails instead of being ignored: here it would have dropped the pin.
    const typo = await cli(['verify', '--images', `${gun()}:v1`, '--notary-server', hostile.url, '--trusted-root-key', '0'.repeat(64)]);
    expect(typo.status).toBe(1);
  }, 30_000);

  it('a root certificate OpenSSL cannot read fails its own image; the other repository of the batch is still verified', async () => {
    const other = stack.makeImage('hostile/other', 'v1');
    const good = await RepoBuilder.create(`${stack.registry}/hostile/other`);
    good.addTarget('v1', other.digest, other.size);
    hostile.repositories.set(`${stack.registry}/hostile/other`, await good.build());
    try {
      const broken = await RepoBuilder.create(gun());
      broken.addTarget('v1', v1.digest, v1.size);
      const cert = new PublicKey('ecdsa-x509', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'));
      broken.root.keys.delete(broken.rootKey.id);
      broken.root.keys.set(cert.id, cert);
      broken.root.roles.set('root', { keyids: [cert.id], threshold: 1 });
      broken.signedBy.set('root', [{ signer: broken.signers.get('root')!, keyid: cert.id }]);
      hostile.files = await broken.build();
      const result = await stack.runAction({
        command: 'verify',
        images: `${gun()}:v1\n${stack.registry}/hostile/other:v1`,
        'notary-server': hostile.url,
      });
      expectFailure(result, /key [a-f0-9]{12}: its certificate does not parse/);
      expect(result.stdout).toContain(`hostile/other:v1 = ${other.digest}, signed by targets/releases`);
    } finally {
      hostile.repositories.clear();
    }
  }, 30_000);

  it('a bad signature', async () => {
    expectFailure(
      await verifyWith((repo) => {
        const key = repo.signers.get('targets')!;
        const forger = {
          description: 'random bytes',
          publicKey: key.publicKey,
          sign: () => Promise.resolve(new Uint8Array(randomBytes(64))),
          close: () => Promise.resolve(),
        };
        repo.signedBy.set('targets', [{ signer: forger, keyid: key.publicKey.id }]);
      }),
      /targets\.json: signature threshold not met for targets: 0 valid of 1 required/,
    );
  }, 30_000);

  it('a signature by a key that is not the role’s', async () => {
    expectFailure(
      await verifyWith((repo) => {
        const intruder = newP256Signer();
        repo.signedBy.set('targets', [{ signer: intruder, keyid: intruder.publicKey.id }]);
      }),
      /targets\.json: signature threshold not met for targets: 0 valid of 1 required/,
    );
  }, 30_000);

  it('a threshold that is not met', async () => {
    expectFailure(
      await verifyWith((repo) => {
        repo.root.roles.get('targets')!.threshold = 2;
      }),
      /targets\.json: signature threshold not met for targets: 1 valid of 2 required/,
    );
  }, 30_000);

  it.each([
    ['timestamp', (r: RepoBuilder) => void (r.beforeSigningTimestamp = (t) => void (t.expires = PAST)), /timestamp\.json expired at/],
    ['snapshot', (r: RepoBuilder) => void (r.beforeSigningSnapshot = (s) => void (s.expires = PAST)), /snapshot\.json expired at/],
    ['targets', (r: RepoBuilder) => void (r.targets.expires = PAST), /targets\.json expired at/],
    [
      'a delegation',
      (r: RepoBuilder) => void (r.delegations.get('targets/releases')!.expires = PAST),
      /targets\/releases is not valid: targets\/releases\.json expired at/,
    ],
    ['root', (r: RepoBuilder) => void (r.root.expires = PAST), /root\.json expired at/],
  ])(
    'expired %s',
    async (_name, change, message) => {
      expectFailure(await verifyWith(change), message);
    },
    30_000,
  );

  it('a snapshot whose hash of targets does not match the file served', async () => {
    expectFailure(
      await verifyWith((repo) => {
        repo.beforeSigningSnapshot = (s) => (s.meta.get('targets')!.hashes.sha256 = new Uint8Array(32));
      }),
      /targets\.json does not match snapshot\.json: sha256 differs/,
    );
  }, 30_000);

  it('a snapshot whose length of a delegation does not match the file served', async () => {
    expectFailure(
      await verifyWith((repo) => {
        repo.beforeSigningSnapshot = (s) => (s.meta.get('targets/releases')!.length += 1);
      }),
      /targets\/releases\.json does not match snapshot\.json: length \d+ differs from the listed \d+/,
    );
  }, 30_000);

  it('a timestamp whose hash of the snapshot does not match the file served', async () => {
    expectFailure(
      await verifyWith((repo) => {
        repo.beforeSigningTimestamp = (t) => (t.meta.get('snapshot')!.hashes.sha512 = new Uint8Array(64));
      }),
      /snapshot\.json does not match timestamp\.json: sha512 differs/,
    );
  }, 30_000);

  it('a file swapped after signing (the snapshot no longer describes it)', async () => {
    expectFailure(
      await verifyWith(undefined, async (files, repo) => {
        repo.delegations.get('targets/releases')!.targets.clear();
        files.set('targets/releases', await repo.sign('targets/releases', repo.delegations.get('targets/releases')!));
      }),
      /targets\/releases\.json does not match snapshot\.json/,
    );
  }, 30_000);

  it.each([
    ['timestamp', /response from .*timestamp\.json (declares|is larger than).* 1048576 bytes allowed/],
    ['snapshot', /response from .*snapshot\.[a-f0-9]{64}\.json (declares|is larger than).* \d+ bytes allowed/],
  ])(
    'an endless %s is cut off at its size cap',
    async (role, message) => {
      const repo = await RepoBuilder.create(gun());
      repo.addTarget('v1', v1.digest, v1.size);
      hostile.files = await repo.build();
      hostile.endless.clear();
      hostile.endless.add(role);
      expectFailure(await stack.runAction({ command: 'verify', images: `${gun()}:v1`, 'notary-server': hostile.url }), message);
    },
    30_000,
  );

  it('a root that matches no pin', async () => {
    expectFailure(
      await verifyWith(undefined, undefined, { 'trusted-root-keys': 'ab'.repeat(32) }),
      /does not match trusted-root-keys: its root keys are [a-f0-9]{64} \(public key [a-f0-9]{64}\)/,
    );
  }, 30_000);

  /** Rotates the root key: v2 gets a new root certificate; `signers` sign it. */
  async function rotateRoot(repo: RepoBuilder, files: Map<string, Uint8Array>, bothKeys: boolean): Promise<string> {
    const oldId = repo.rootKey.id;
    repo.olderRoots.set(1, files.get('root')!);
    const next = newP256Signer('new root');
    const newKey = await createRootCertificate(repo.gun, next);
    repo.root.keys.delete(oldId);
    repo.root.keys.set(newKey.id, newKey);
    repo.root.roles.set('root', { keyids: [newKey.id], threshold: 1 });
    repo.root.version = 2;
    const signers = [{ signer: next, keyid: newKey.id }];
    if (bothKeys) signers.push({ signer: repo.signers.get('root')!, keyid: oldId });
    repo.signedBy.set('root', signers);
    return oldId;
  }

  it('follows a root rotation signed by the previous root, from a pin on the old root key', async () => {
    const repo = await RepoBuilder.create(gun());
    repo.addTarget('v1', v1.digest, v1.size);
    const pin = await rotateRoot(repo, await repo.build(), true);
    hostile.files = await repo.build();
    hostile.endless.clear();
    const result = await stack.runAction({
      command: 'verify',
      images: `${gun()}:v1`,
      'notary-server': hostile.url,
      'trusted-root-keys': pin,
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs.digests).toBe(`${gun()}@${v1.digest}`);
    expect(hostile.requests.some((r) => r.endsWith('/1.root.json'))).toBe(true);
  }, 30_000);

  it('a new root not signed by the previous root’s threshold', async () => {
    const repo = await RepoBuilder.create(gun());
    repo.addTarget('v1', v1.digest, v1.size);
    const first = await repo.build();
    const pin = await rotateRoot(repo, first, false);
    hostile.files = await repo.build();
    hostile.endless.clear();
    expectFailure(
      await stack.runAction({ command: 'verify', images: `${gun()}:v1`, 'notary-server': hostile.url, 'trusted-root-keys': pin }),
      /root\.json: signature threshold not met for root: 0 valid of 1 required/,
    );
  }, 30_000);

  it('a rotation chain with a missing version', async () => {
    const repo = await RepoBuilder.create(gun());
    repo.addTarget('v1', v1.digest, v1.size);
    const first = await repo.build();
    const pin = await rotateRoot(repo, first, true);
    repo.root.version = 3; // v2 never published
    hostile.files = await repo.build();
    hostile.endless.clear();
    expectFailure(
      await stack.runAction({ command: 'verify', images: `${gun()}:v1`, 'notary-server': hostile.url, 'trusted-root-keys': pin }),
      /root rotation chain of .* is broken: version 2 of root\.json is missing/,
    );
  }, 30_000);

  it('a delegation listing a path it was not granted', async () => {
    expectFailure(
      await verifyWith((repo) => {
        repo.targets.delegations[0]!.paths = ['prod/'];
      }),
      /targets\/releases lists v1 outside the paths it was delegated \(\["prod\/"\]\)/,
    );
  }, 30_000);

  it('a signed hash that differs from the registry', async () => {
    expectFailure(
      await verifyWith((repo) => repo.addTarget('v1', v2.digest, v2.size)),
      new RegExp(`tag v1 was signed as ${v2.digest} \\(targets/releases\\) but the registry serves ${v1.digest}`),
    );
  }, 30_000);

  it.each(['root', 'timestamp', 'snapshot', 'targets', 'targets/releases'])(
    'malformed JSON in %s',
    async (role) => {
      const bad = new TextEncoder().encode('{"signed":{"_type":');
      expectFailure(
        await verifyWith((repo) => void repo.replaceFiles.set(role, bad)),
        new RegExp(`${role}\\.json: malformed metadata: not valid JSON`),
      );
    },
    30_000,
  );
});
