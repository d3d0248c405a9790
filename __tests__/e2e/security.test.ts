import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChallengeServer, FaultyProxy } from '../support/faulty-servers.js';
import { HostileNotary } from '../support/hostile-notary.js';
import { newP256Signer } from '../support/keys.js';
import { RepoBuilder } from '../support/repo-builder.js';
import { TestKeys, expectSuccess } from '../support/repository.js';
import { ACTION, ACTION_NODE, LocalStack, type RunResult } from '../support/stack.js';

/**
 * Issue 10's attacks and leaks, each through the action: secrets outside a runner, a hostile
 * Notary server that loops, floods, drips or rolls back, credentials sent where they do not
 * belong, and a publish whose answer is lost. Each case failed on the code before the fix.
 */
describe('secrets, bounds, rollback across runs and credentials', () => {
  let stack: LocalStack;
  let hostile: HostileNotary;
  const keys = new TestKeys();
  const PASSPHRASE = 'ci-key-passphrase-7f3a';
  let encryptedKey: string;
  let hostileV1: { digest: string; size: number };
  const gun = () => `${stack.registry}/sec/app`;

  beforeAll(async () => {
    stack = await LocalStack.start();
    hostile = new HostileNotary();
    await hostile.start();
    await keys.createRepository(stack, gun());
    stack.makeImage('sec/app', 'v1');
    hostileV1 = stack.makeImage('hostile/app', 'v1');
    const { createPrivateKey } = await import('node:crypto');
    encryptedKey = createPrivateKey(keys.ci.privatePem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
      .toString();
  }, 60_000);

  afterAll(async () => {
    await hostile?.stop();
    await stack?.stop();
  }, 60_000);

  /** The CLI as a user outside a runner runs it: no GITHUB_* variables, flags and INPUT_* as given. */
  function cli(args: string[], env: Record<string, string> = {}): Promise<{ status: number; output: string }> {
    const base = stack.env();
    for (const name of Object.keys(base)) if (name.startsWith('GITHUB_') || name === 'RUNNER_TEMP') delete base[name];
    return new Promise((resolve) => {
      execFile(ACTION_NODE, [ACTION, ...args], { encoding: 'utf8', env: { ...base, ...env } }, (error, stdout, stderr) =>
        resolve({ status: error ? 1 : 0, output: `${stdout}\n${stderr}` }),
      );
    });
  }

  describe('secrets outside a runner', () => {
    it('prints no ::add-mask:: line, no passphrase and no line of the key; secrets come from -file inputs and INPUT_*', async () => {
      const dir = mkdtempSync(join(stack.dir, 'secrets-'));
      writeFileSync(join(dir, 'key.pem'), encryptedKey, { mode: 0o600 });
      writeFileSync(join(dir, 'pass'), `${PASSPHRASE}\n`, { mode: 0o600 });
      stack.makeImage('sec/app', 'cli');
      const run = await cli(
        [
          'sign',
          '--images',
          `${gun()}:cli`,
          '--push',
          'false',
          '--signer',
          'ci',
          '--notary-server',
          stack.notaryUrl,
          '--notary-ca',
          stack.caFile,
        ],
        { 'INPUT_SIGNER-KEY-FILE': join(dir, 'key.pem'), 'INPUT_SIGNER-KEY-PASSPHRASE-FILE': join(dir, 'pass') },
      );
      expect(run.output).toContain('Signed and verified 1 tag(s).');
      expect(run.status).toBe(0);
      expect(run.output).not.toContain('::add-mask::');
      for (const secret of [PASSPHRASE, ...encryptedKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))])
        expect(run.output).not.toContain(secret);
    }, 60_000);

    it('on a GitHub runner the same secrets are masked with ::add-mask:: (the runner swallows those lines)', async () => {
      stack.makeImage('sec/app', 'runner');
      const result = expectSuccess(
        await stack.runAction(
          {
            images: `${gun()}:runner`,
            push: 'false',
            signer: 'ci',
            'signer-key': encryptedKey,
            'signer-key-passphrase': PASSPHRASE,
            'notary-server': stack.notaryUrl,
            'notary-ca': stack.caFile,
          },
          { GITHUB_ACTIONS: 'true' },
        ),
      );
      expect(result.stdout).toContain(`::add-mask::${PASSPHRASE}`);
    }, 60_000);

    it('a passphrase given as a flag is not handed to child processes, and the CLI warns that ps shows it', async () => {
      const dir = mkdtempSync(join(stack.dir, 'docker-env-'));
      // A docker that records the environment it was started with, then fails the push.
      writeFileSync(join(dir, 'docker'), `#!/bin/sh\nenv > ${join(dir, 'env.txt')}\necho "no daemon" >&2\nexit 1\n`);
      chmodSync(join(dir, 'docker'), 0o755);
      const run = await cli(
        ['sign', '--images', `${gun()}:v1`, '--signer', 'ci', '--signer-key', encryptedKey, '--signer-key-passphrase', PASSPHRASE],
        {
          DCT_SIGN_DOCKER: join(dir, 'docker'),
          DOCKER_CONTENT_TRUST_SERVER: stack.notaryUrl,
          'INPUT_NOTARY-CA': stack.caFile,
          // The runner's own tokens stay ours; cloud logins do reach docker, whose ECR/GCR/ACR helpers need them.
          GITHUB_TOKEN: 'ghs-runner-token-9',
          ACTIONS_RUNTIME_TOKEN: 'runtime-token-9',
        },
      );
      expect(run.status).toBe(1);
      expect(run.output).toMatch(/warning: --signer-key-passphrase on the command line is visible to other users/);
      const env = readFileSync(join(dir, 'env.txt'), 'utf8');
      expect(env).toContain('DOCKER_CONTENT_TRUST=0');
      expect(env).not.toContain(PASSPHRASE);
      expect(env).not.toContain('ghs-runner-token-9');
      expect(env).not.toContain('runtime-token-9');
      expect(env).not.toMatch(/^INPUT_/m);
    }, 60_000);
  });

  /** A valid repository signing v1 on the hostile server, changed by `change` before it is served. */
  async function serve(change: (repo: RepoBuilder) => void | Promise<void> = () => undefined): Promise<RepoBuilder> {
    const repo = await RepoBuilder.create(`${stack.registry}/hostile/app`);
    repo.addTarget('v1', hostileV1.digest, hostileV1.size);
    await change(repo);
    hostile.files = await repo.build();
    hostile.endless.clear();
    hostile.drip.clear();
    return repo;
  }

  const verify = (inputs: Record<string, string> = {}): Promise<RunResult> =>
    stack.runAction({ command: 'verify', images: `${stack.registry}/hostile/app:v1`, 'notary-server': hostile.url, ...inputs });

  function expectFailure(result: RunResult, message: RegExp): void {
    expect(result.errors).toEqual([expect.stringMatching(message)]);
    expect(result.exitCode).toBe(1);
  }

  describe('a hostile Notary server cannot hang or exhaust the gate', () => {
    it('a root claiming version 10^12 with no older versions: the pinned walk stops at the first missing version', async () => {
      const repo = await serve((r) => {
        r.root.version = 1_000_000_000_000;
      });
      const before = hostile.requests.length;
      const started = Date.now();
      const result = await verify({ 'trusted-root-keys': '0'.repeat(64), timeout: '60' });
      expectFailure(result, /root/);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(hostile.requests.length - before).toBeLessThan(10);
      expect(repo.root.version).toBe(1_000_000_000_000);
    }, 60_000);

    it('a snapshot listing a 1 GiB delegation streamed without end: refused at the ceiling before it is read', async () => {
      await serve((r) => {
        r.beforeSigningSnapshot = (snapshot) => {
          snapshot.meta.get('targets/releases')!.length = 1 << 30;
        };
      });
      hostile.endless.add('targets/releases');
      const result = await verify();
      expectFailure(result, /targets\/releases.*1073741824.*(ceiling|more than)/);
    }, 60_000);

    it('a server that sends one byte every 200 ms: the request deadline ends it', async () => {
      await serve();
      hostile.drip.add('timestamp');
      const started = Date.now();
      const result = await verify({ 'request-timeout': '2' });
      expectFailure(result, /timestamp.*(deadline|2 s)/);
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 60_000);

    it('the whole command has a deadline too (timeout)', async () => {
      await serve();
      hostile.drip.add('timestamp');
      const result = await verify({ timeout: '2' });
      expectFailure(result, /did not finish within 2 s \(timeout\)/);
    }, 60_000);
  });

  describe('rollback across runs (trust-state)', () => {
    it('an older, validly signed targets/releases served after a newer one was seen fails, naming the role and both versions', async () => {
      const state = mkdtempSync(join(stack.dir, 'state-'));
      const repo = await serve();
      const olderFiles = new Map(hostile.files);
      // The same keys and root, a newer targets/releases (a release moved `v1` on; the older one is still unexpired).
      repo.replaceFiles.set('root', olderFiles.get('root')!);
      repo.delegations.get('targets/releases')!.version = 2;
      hostile.files = await repo.build();
      expectSuccess(await verify({ 'trust-state': state }));
      hostile.files = olderFiles;
      expectFailure(await verify({ 'trust-state': state }), /targets\/releases\.json version 1 is older than version 2/);
      // Without the state, one run alone cannot know: the gap the state closes.
      expectSuccess(await verify());
    }, 60_000);

    it('a root that does not chain from the recorded one fails', async () => {
      const state = mkdtempSync(join(stack.dir, 'state-'));
      await serve();
      expectSuccess(await verify({ 'trust-state': state }));
      await serve(); // all new keys, a new self-signed root: valid on first use, not after the record
      expectFailure(await verify({ 'trust-state': state }), /root/);
    }, 60_000);

    it('a corrupt state file fails naming trust-state, and is left for a person to look at', async () => {
      const state = mkdtempSync(join(stack.dir, 'state-'));
      await serve();
      expectSuccess(await verify({ 'trust-state': state }));
      const file = findStateFile(state);
      writeFileSync(file, '{ broken');
      expectFailure(await verify({ 'trust-state': state }), /^::error::input 'trust-state': .*state\.json is corrupt/);
      expect(readFileSync(file, 'utf8')).toBe('{ broken');
    }, 60_000);

    it('two jobs verifying at once with one state directory both pass and leave one valid state', async () => {
      const state = mkdtempSync(join(stack.dir, 'state-'));
      const inputs = { 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, 'trust-state': state };
      stack.makeImage('sec/app', 'both');
      expectSuccess(
        await stack.runAction({ ...inputs, images: `${gun()}:both`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem }),
      );
      const runs = await Promise.all([1, 2, 3].map(() => stack.runAction({ ...inputs, command: 'verify', images: `${gun()}:both` })));
      for (const run of runs) expectSuccess(run);
      const recorded = JSON.parse(readFileSync(findStateFile(state), 'utf8')) as { versions: Record<string, number> };
      expect(recorded.versions['targets/releases']).toBeGreaterThanOrEqual(1);
    }, 90_000);
  });

  describe('notary parity: thresholds and pins', () => {
    it('a root threshold of 2 is not met by one pinned key', async () => {
      const repo = await serve(async (r) => {
        const second = newP256Signer('second root');
        const { createRootCertificate } = await import('../../src/keys/signing.js');
        const cert = await createRootCertificate(r.gun, second, Date.now() - 86_400_000);
        r.root.keys.set(cert.id, cert);
        r.root.roles.set('root', { keyids: [r.rootKey.id, cert.id], threshold: 2 });
        r.signedBy.set('root', [
          { signer: r.signers.get('root')!, keyid: r.rootKey.id },
          { signer: second, keyid: cert.id },
        ]);
      });
      expectFailure(await verify({ 'trusted-root-keys': repo.rootKey.id }), /trusted-root-keys|threshold/);
    }, 60_000);
  });

  describe('credentials go only where they belong', () => {
    it('never to a plain-http token realm named by an https server', async () => {
      const realm = await new ChallengeServer(() => 'Basic realm="x"').start();
      const notary = await new ChallengeServer(() => `Bearer realm="${realm.url}/token",service="notary"`).start({
        key: join(stack.dir, 'server.key'),
        cert: join(stack.dir, 'server.crt'),
      });
      try {
        const result = await stack.runAction({
          command: 'verify',
          images: `${gun()}:v1`,
          'notary-server': notary.url,
          'notary-ca': stack.caFile,
          'registry-username': 'ci',
          'registry-password': 'registry-secret-5',
        });
        expect(result.exitCode).toBe(1);
        expect(result.errors[0]).toMatch(/not HTTPS|http:\/\//);
        expect(realm.requests.filter((r) => r.authorization)).toEqual([]);
        expect(result.stdout).not.toContain('registry-secret-5');
      } finally {
        await Promise.all([realm.stop(), notary.stop()]);
      }
    }, 60_000);

    it('never to another host a registry sends us to (an upload Location elsewhere)', async () => {
      const thief = await new ChallengeServer(() => 'Basic realm="thief"').start();
      const registry = await new FaultyProxy(`http://${stack.registry}`, (req, status) =>
        req.method === 'POST' && status === 202 ? { headers: { location: `${thief.url}/v2/upload/here` } } : undefined,
      ).start();
      try {
        const { writeOciImage } = await import('../support/oci-image.js');
        const layout = mkdtempSync(join(stack.dir, 'layout-'));
        writeOciImage(layout, 'moved', `moved ${Math.random()}`);
        const result = await stack.runAction({
          images: `${registry.host}/sec/app:moved`,
          'oci-layout': layout,
          signer: 'ci',
          'signer-key': keys.ci.privatePem,
          'notary-server': stack.notaryUrl,
          'notary-ca': stack.caFile,
          'registry-username': 'ci',
          'registry-password': 'registry-secret-6',
        });
        expect(result.exitCode).toBe(1);
        expect(thief.requests.length).toBeGreaterThan(0);
        expect(thief.requests.filter((r) => r.authorization)).toEqual([]);
      } finally {
        await Promise.all([thief.stop(), registry.stop()]);
      }
    }, 60_000);
  });

  describe('a publish whose answer is lost', () => {
    it('the server committed but answered 502: sign re-reads, reports it published, and the tag is signed', async () => {
      const proxy = await new FaultyProxy(
        stack.notaryUrl,
        (req, status) => (req.method === 'POST' && status === 200 ? { status: 502 } : undefined),
        stack.caFile,
      ).start();
      try {
        const image = stack.makeImage('sec/app', 'lost');
        const result = expectSuccess(
          await stack.runAction({
            images: `${gun()}:lost`,
            push: 'false',
            signer: 'ci',
            'signer-key': keys.ci.privatePem,
            'notary-server': proxy.url,
          }),
        );
        expect(result.stdout).toMatch(/answer to the publish was lost .* the re-read shows the update published/);
        expect(result.outputs.digests).toBe(`${gun()}@${image.digest}`);
        expect(stack.notary(['list', gun()])).toContain(image.digest.slice(7));
      } finally {
        await proxy.stop();
      }
    }, 60_000);

    it('the server never got the update and the answer was an error: the failure says it was not published', async () => {
      const proxy = await new FaultyProxy(
        stack.notaryUrl,
        () => undefined,
        stack.caFile,
        (req) => (req.method === 'POST' ? 502 : undefined),
      ).start();
      try {
        stack.makeImage('sec/app', 'never');
        const before = stack.publishCount(gun());
        const result = await stack.runAction({
          images: `${gun()}:never`,
          push: 'false',
          signer: 'ci',
          'signer-key': keys.ci.privatePem,
          'notary-server': proxy.url,
        });
        expect(result.exitCode).toBe(1);
        expect(result.errors).toEqual([expect.stringMatching(/HTTP 502.*re-read the repository: the update was not published/)]);
        expect(stack.publishCount(gun())).toBe(before);
      } finally {
        await proxy.stop();
      }
    }, 60_000);
  });
});

function findStateFile(dir: string): string {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name === 'state.json' ? [join(d, e.name)] : [],
    );
  const [file] = walk(dir);
  if (!file) throw new Error(`no state.json under ${dir}`);
  return file;
}
