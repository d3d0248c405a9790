import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { contentTrustPull, timestampOf } from '../support/docker-trust.js';
import { newKeyPair, newKeyPem } from '../support/keys.js';
import { SIGNER_ALIAS, ProductionNotary } from '../support/production-notary.js';
import { sqlLiteral } from '../support/postgres.js';
import { TestKeys, expectSuccess } from '../support/repository.js';
import { LocalStack, type RunResult } from '../support/stack.js';

/**
 * The production layout of Notary: notary-server on PostgreSQL with a remote trust service,
 * notary-signer behind mutual TLS on its own PostgreSQL database, both reaching the database
 * through a relay that holds every chunk 1 ms each way. Everything on loopback.
 */
describe('production layout: notary-server and notary-signer on PostgreSQL (1 ms away), mutual TLS between them', () => {
  let stack: LocalStack;
  let notary: ProductionNotary;
  const repo = 'prod/app';
  const gun = () => `${stack.registry}/${repo}`;
  const keys = { root: newKeyPem(), targets: newKeyPem(), ci: newKeyPair(), ci2: newKeyPem(), alice: newKeyPair() };
  const images: Record<string, { digest: string; size: number }> = {};
  let rootPin = '';

  const action = (inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ images: gun(), 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs });
  const sign = (tag: string, signerKey = keys.ci.privatePem) =>
    action({ images: `${gun()}:${tag}`, push: 'false', signer: 'ci', 'signer-key': signerKey });
  const verify = (tags: string[]) =>
    action({ command: 'verify', images: tags.map((t) => `${gun()}:${t}`).join('\n'), 'trusted-root-keys': rootPin });
  const pull = (tag: string) => contentTrustPull(stack, `${gun()}:${tag}`);
  /** The rows notary-server keeps for a repository: `role|version` lines. */
  const serverRows = async (name: string) =>
    (await notary.serverDb(`SELECT role, version FROM tuf_files WHERE gun = ${sqlLiteral(name)} ORDER BY role, version;`))
      .split('\n')
      .filter(Boolean);
  /** The keys notary-signer holds for a repository: `role|algorithm|passphrase_alias` lines. */
  const signerKeys = async (name: string) =>
    (
      await notary.signerDb(
        `SELECT role, algorithm, passphrase_alias FROM private_keys WHERE gun = ${sqlLiteral(name)} AND deleted_at IS NULL ORDER BY role, id;`,
      )
    )
      .split('\n')
      .filter(Boolean);
  const timestampKeyId = async () =>
    (JSON.parse((await timestampOf(stack, gun())).slice(4)) as { signatures: { keyid: string }[] }).signatures[0]!.keyid;

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true, notary: 'external' });
    notary = await ProductionNotary.start(stack, { dbDelayMs: 1 });
    for (const tag of ['v1', 'v2', 'v3', 'v4']) images[tag] = stack.makeImage(repo, tag);
  }, 120_000);

  afterAll(async () => {
    await notary?.stop();
    await stack?.stop();
  }, 60_000);

  it('init and add-signer: the trust data is in PostgreSQL, the server-managed keys in notary-signer’s database, encrypted', async () => {
    const init = expectSuccess(await action({ command: 'init', 'root-key': keys.root, 'repository-key': keys.targets }));
    rootPin = (JSON.parse(init.outputs.result!) as { rootPublicKeyIds: string[] }[])[0]!.rootPublicKeyIds[0]!;
    for (const [signer, pair] of [
      ['ci', keys.ci],
      ['alice', keys.alice],
    ] as const)
      expectSuccess(await action({ command: 'add-signer', signer, 'signer-public-key': pair.publicPem, 'repository-key': keys.targets }));

    const roles = new Set((await serverRows(gun())).map((row) => row.split('|')[0]));
    expect([...roles].sort()).toEqual(expect.arrayContaining(['root', 'snapshot', 'targets', 'timestamp']));
    expect(Number(await notary.serverDb(`SELECT count(*) FROM changefeed WHERE gun = ${sqlLiteral(gun())};`))).toBeGreaterThan(0);
    // key_algorithm ecdsa: the remote trust service made ECDSA keys (the local one makes ED25519)
    expect(await signerKeys(gun())).toEqual([`snapshot|ecdsa|${SIGNER_ALIAS}`, `timestamp|ecdsa|${SIGNER_ALIAS}`]);
    const stored = await notary.signerDb(`SELECT encode(private, 'escape') FROM private_keys WHERE gun = ${sqlLiteral(gun())};`);
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored.split('\n').every((jwe) => jwe.split('.').length === 5)).toBe(true); // JWE compact form
    expect(notary.relay.stats.connections).toBeGreaterThan(0);
  }, 90_000);

  it('notary-signer answers only a client whose certificate chains to its client CA (mutual TLS)', async () => {
    const dir = notary.dir;
    /** `cert`: the path of a certificate and its key, without .crt/.key. */
    const asClient = (cert?: string) =>
      new Promise<string>((resolve) => {
        const socket = tlsConnect({
          host: '127.0.0.1',
          port: notary.signerPort,
          ca: readFileSync(join(dir, 'signer-ca.crt')),
          ALPNProtocols: ['h2'],
          ...(cert ? { cert: readFileSync(`${cert}.crt`), key: readFileSync(`${cert}.key`) } : {}),
        });
        // gRPC's server speaks first once the handshake is through (HTTP/2 SETTINGS); a refused client gets an alert.
        socket.once('data', () => {
          socket.destroy();
          resolve('accepted');
        });
        socket.once('error', (error: Error) => resolve(`refused: ${error.message}`));
        socket.once('close', () => resolve('refused: closed'));
      });
    expect(await asClient(join(dir, 'notary-server-client'))).toBe('accepted');
    expect(await asClient()).toMatch(/^refused: .*alert bad certificate/);
    // the stack's HTTPS certificate comes from another CA
    expect(await asClient(join(stack.dir, 'server'))).toMatch(/^refused: .*alert bad certificate/);
  }, 30_000);

  it('sign and verify; a content-trust pull accepts the tag', async () => {
    const signed = expectSuccess(await sign('v1'));
    expect(signed.outputs.digests).toBe(`${gun()}@${images.v1!.digest}`);
    expect(expectSuccess(await verify(['v1'])).outputs.digests).toBe(`${gun()}@${images.v1!.digest}`);
    expect(pull('v1')).toContain(images.v1!.digest);
  }, 90_000);

  it('restart: notary-server and notary-signer stopped by PID and started again on the same database lose nothing', async () => {
    const rows = await serverRows(gun());
    const pids = [notary.server!.pid, notary.signer!.pid];
    await notary.stopServers();
    expect([notary.server!.exitCode ?? notary.server!.signalCode, notary.signer!.exitCode ?? notary.signer!.signalCode]).not.toContain(
      null,
    );
    const down = await verify(['v1']);
    expect(down.exitCode).toBe(1);
    expect(down.errors).toEqual([expect.stringMatching(/is not reachable/)]);

    await notary.startServers();
    expect([notary.server!.pid, notary.signer!.pid]).not.toEqual(pids);
    expect(await serverRows(gun())).toEqual(rows);
    expectSuccess(await verify(['v1']));
    expect(pull('v1')).toContain(images.v1!.digest);
    // The new signer reads the server-managed keys back from its database (the alias's passphrase
    // decrypts them): the server makes the next snapshot and timestamp with them.
    expectSuccess(await sign('v2'));
    expect(pull('v2')).toContain(images.v2!.digest);
    expect(await signerKeys(gun())).toHaveLength(2);
  }, 120_000);

  it('rotate the timestamp key: notary-signer makes the new key, clients follow', async () => {
    const before = await timestampKeyId();
    expectSuccess(await action({ command: 'rotate-key', role: 'timestamp', 'root-key': keys.root }));
    expect(await timestampKeyId()).not.toBe(before);
    expect((await signerKeys(gun())).filter((k) => k.startsWith('timestamp|'))).toHaveLength(2);
    expectSuccess(await verify(['v1', 'v2']));
    expect(pull('v2')).toContain(images.v2!.digest);
  }, 90_000);

  it('rotate the snapshot key, held by the server: the next sign needs no snapshot key', async () => {
    expectSuccess(await action({ command: 'rotate-key', role: 'snapshot', 'root-key': keys.root, 'server-managed': 'true' }));
    expect((await signerKeys(gun())).filter((k) => k.startsWith('snapshot|'))).toHaveLength(2);
    expectSuccess(await sign('v3'));
    expectSuccess(await verify(['v1', 'v2', 'v3']));
    expect(pull('v3')).toContain(images.v3!.digest);
  }, 90_000);

  it('rotate a delegation key: the old key can no longer sign, the new one can, earlier tags stay valid', async () => {
    expectSuccess(await action({ command: 'rotate-key', role: 'targets/ci', 'repository-key': keys.targets, 'new-key': keys.ci2 }));
    const stale = await sign('v4');
    expect(stale.errors).toEqual([expect.stringMatching(/cannot sign targets\/releases or targets\/ci: the key is not listed/)]);
    expectSuccess(await sign('v4', keys.ci2));
    expectSuccess(await verify(['v1', 'v2', 'v3', 'v4']));
    expect(pull('v4')).toContain(images.v4!.digest);
    expect(pull('v1')).toContain(images.v1!.digest);
  }, 90_000);

  it('remove-signer; then a second restart: every tag still verifies and pulls', async () => {
    expectSuccess(await action({ command: 'remove-signer', signer: 'alice', 'repository-key': keys.targets }));
    const inspect = JSON.parse(stack.docker(['trust', 'inspect', gun()])) as { Signers: { Name: string }[] }[];
    expect(inspect[0]!.Signers.map((s) => s.Name)).toEqual(['ci']);

    await notary.restartServers();
    const verified = expectSuccess(await verify(['v1', 'v2', 'v3', 'v4']));
    expect(verified.outputs.digests!.split('\n')).toEqual(['v1', 'v2', 'v3', 'v4'].map((t) => `${gun()}@${images[t]!.digest}`));
    for (const tag of ['v1', 'v4']) expect(pull(tag)).toContain(images[tag]!.digest);
  }, 120_000);

  it('six jobs signing different tags of one repository at once, through the 1 ms relay: every tag ends up signed', async () => {
    const shared = `${stack.registry}/prod/shared`;
    const testKeys = new TestKeys();
    const pin = await testKeys.createRepository(stack, shared);
    const tags = ['a', 'b', 'c', 'd', 'e', 'f'];
    const digests = tags.map((tag) => stack.makeImage('prod/shared', tag).digest);
    const logStart = readFileSync(notary.serverLog, 'utf8').length;
    const started = Date.now();
    const runs = await Promise.all(
      tags.map((tag) =>
        stack.runAction({
          images: `${shared}:${tag}`,
          'notary-server': stack.notaryUrl,
          'notary-ca': stack.caFile,
          push: 'false',
          signer: 'ci',
          'signer-key': testKeys.ci.privatePem,
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const retries = runs.map(
      (r) => r.stdout.split('\n').filter((l) => l.includes('another publisher updated the repository first')).length,
    );
    // What notary-server answered the publishes (its request log), and why it failed the ones it failed.
    const log = readFileSync(notary.serverLog, 'utf8').slice(logStart).split('\n');
    const posts = log.filter((l) => l.includes('"http.request.method":"POST"') && l.includes('response completed'));
    const statuses: Record<string, number> = {};
    for (const l of posts) {
      // notary-server logs status 0 when the handler wrote nothing: an implicit 200
      const status = (/"http\.response\.status":(\d+)/.exec(l)?.[1] ?? '?').replace(/^0$/, '200');
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const failures = [
      ...new Set(
        log
          .filter((l) => /"level":"(error|warning)"/.test(l))
          .map((l) => JSON.parse(/"msg":("(?:[^"\\]|\\.)*")/.exec(l)?.[1] ?? '""') as string),
      ),
    ];
    console.info(
      `six concurrent publishers on PostgreSQL through the 1 ms relay: ${elapsed} ms; retries per run ${JSON.stringify(retries)}; ` +
        `publish answers ${JSON.stringify(statuses)}; server errors ${JSON.stringify(failures)}`,
    );
    for (const run of runs) {
      if (run.exitCode !== 0) console.error(run.stdout);
      expectSuccess(run);
    }
    expect(retries.some((n) => n > 0)).toBe(true); // they really did collide, and recovered
    const verified = expectSuccess(
      await stack.runAction({
        command: 'verify',
        images: tags.map((t) => `${shared}:${t}`).join('\n'),
        'notary-server': stack.notaryUrl,
        'notary-ca': stack.caFile,
        'trusted-root-keys': pin,
      }),
    );
    expect(verified.outputs.digests!.split('\n')).toEqual(digests.map((d) => `${shared}@${d}`));
  }, 120_000);
});
