import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { contentTrustPull } from '../support/docker-trust.js';
import { newKeyPair } from '../support/keys.js';
import { TestKeys, expectSuccess } from '../support/repository.js';
import { LocalStack, type RunResult } from '../support/stack.js';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
/** Seconds the faked runs lag the real clock: notary's 3-year targets expiry (1095 days) less MARGIN_S. */
const MARGIN_S = 20;
const BACK_S = 1095 * 86_400 - MARGIN_S;

/**
 * command: renew on a repository whose expiry is real: the steps that made it ran under Debian's
 * faketime set three years back (the Notary server, a Go program, keeps the real clock and checks
 * every upload against it), so its targets and delegations expire MARGIN_S seconds after they were
 * signed. Then renew runs in real time, and docker and the notary CLI accept the result.
 */
describe('command: renew', () => {
  let stack: LocalStack;
  const keys = new TestKeys();
  let rootId = '';
  const repo = 'renew/app';
  const gun = () => `${stack.registry}/${repo}`;
  let digest = '';
  /** Runs of the action three years back: the client's clock only (LD_PRELOAD of libfaketime). */
  const yearsBack = { LD_PRELOAD: LIBFAKETIME, FAKETIME: `-${BACK_S}` };

  const action = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> =>
    stack.runAction({ 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, images: gun(), ...inputs }, env);
  const renew = (inputs: Record<string, string>) => action({ command: 'renew', 'trusted-root-keys': rootId, ...inputs });
  const verify = (inputs: Record<string, string> = {}) =>
    action({ command: 'verify', images: `${gun()}:v1`, 'trusted-root-keys': rootId, 'required-signers': 'ci', ...inputs });
  const renewed = (result: RunResult) =>
    (JSON.parse(result.outputs.renewed!) as { role: string; version: number; expires: string }[]).map((r) => r.role);

  beforeAll(async () => {
    expect(existsSync(LIBFAKETIME)).toBe(true);
    stack = await LocalStack.start({ docker: true, backdateCertificatesDays: 1200 });
    digest = stack.makeImage(repo, 'v1').digest;
    const server = { 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile };
    const made = expectSuccess(
      await stack.runAction(
        { ...server, command: 'init', images: gun(), 'root-key': keys.root.privatePem, 'repository-key': keys.targets.privatePem },
        yearsBack,
      ),
    );
    rootId = (JSON.parse(made.outputs.result!) as { rootPublicKeyIds: string[] }[])[0]!.rootPublicKeyIds[0]!;
    expect(made.outputs.result).toContain(`"repository":"${gun()}"`);
    const add = {
      command: 'add-signer',
      images: gun(),
      signer: 'ci',
      'signer-public-key': keys.ci.publicPem,
      'repository-key': keys.targets.privatePem,
    };
    expectSuccess(await stack.runAction({ ...server, ...add }, yearsBack));
    expectSuccess(
      await stack.runAction({ ...server, images: `${gun()}:v1`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem }, yearsBack),
    );
    // Until now, the faked runs saw three years of validity; from here the real clock has them expired.
    await new Promise((resolve) => setTimeout(resolve, (MARGIN_S + 2) * 1000));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('an expired repository is refused by every other command, naming the image, the repository and the key that renews it', async () => {
    const result = await verify();
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(
      new RegExp(`${gun()}:v1: ${gun()}: targets\\.json expired at \\S+; re-sign it: command: renew with repository-key`),
    );
    const signing = await action({ images: `${gun()}:v1`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem });
    expect(signing.errors.join('\n')).toMatch(new RegExp(`${gun()}:v1: ${gun()}: targets\\.json expired at`));
    expect(() => contentTrustPull(stack, `${gun()}:v1`)).toThrow(/expired/i);
  }, 60_000);

  it.each([
    ['no key at all', {}, /input 'signer-key': command renew needs at least one key/],
    [
      'a root trusted on first use (no pin, no trust state)',
      { 'trusted-root-keys': '', 'signer-key': keys.ci.privatePem },
      /input 'trusted-root-keys': .*renew re-signs what the server serves, so the root must be pinned/,
    ],
    [
      'a signer key no delegation lists',
      { 'signer-key': newKeyPair().privatePem },
      /input 'signer-key': key [a-f0-9]{64} is not a key of any delegation/,
    ],
    [
      'a repository key that is not the targets key',
      { 'repository-key': newKeyPair().privatePem },
      /input 'repository-key': key [a-f0-9]{64} is not the targets key/,
    ],
    [
      'a wrong passphrase',
      {
        'signer-key': createPrivateKey(keys.ci.privatePem)
          .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right' })
          .toString(),
        'signer-key-passphrase': 'wrong',
      },
      /input 'signer-key-passphrase': wrong passphrase/,
    ],
  ])(
    'refuses %s, publishing nothing',
    async (_name, inputs, message) => {
      const before = stack.publishCount(gun());
      const result = await renew(inputs);
      expect(result.exitCode).toBe(1);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(message);
      expect(stack.publishCount(gun())).toBe(before);
    },
    60_000,
  );

  it('renews what each key signs: the signer key its delegations, then the repository key targets; then docker and notary accept it', async () => {
    const bySigner = expectSuccess(await renew({ 'signer-key': keys.ci.privatePem }));
    expect(renewed(bySigner).sort()).toEqual(['snapshot', 'targets/ci', 'targets/releases']);
    expect(bySigner.stdout).toMatch(/targets expired at \S+, and no key given can re-sign it: command: renew with repository-key/);
    expect(bySigner.stdout).toMatch(/targets is still expired/);
    expect((await verify()).exitCode).toBe(1); // targets itself is still expired

    const byRepository = expectSuccess(await renew({ 'repository-key': keys.targets.privatePem }));
    expect(renewed(byRepository)).toEqual(['targets', 'snapshot']);
    const expires = (JSON.parse(byRepository.outputs.renewed!) as { expires: string }[])[0]!.expires;
    expect(Date.parse(expires) - Date.now()).toBeGreaterThan(1094 * 86_400_000);

    const ok = expectSuccess(await verify());
    expect(ok.outputs.digests).toBe(`${gun()}@${digest}`);
    expect(contentTrustPull(stack, `${gun()}:v1`)).toContain(digest);
    expect(stack.notary(['list', gun()])).toContain(digest.slice(7));
    expect(stack.notary(['verify', gun(), 'v1', '-q'], {}, await stack.manifestBytes(repo, 'v1'))).toBe('');
  }, 120_000);

  it('a repository that needs no renewing: nothing is published, and the output says so', async () => {
    const before = stack.publishCount(gun());
    const result = expectSuccess(await renew({ 'signer-key': keys.ci.privatePem, 'repository-key': keys.targets.privatePem }));
    expect(result.outputs.renewed).toBe('[]');
    expect(result.stdout).toContain('nothing was published');
    expect(result.summary).toContain('Nothing needed renewing');
    expect(stack.publishCount(gun())).toBe(before);
  }, 60_000);

  it('within expiry-warning-days, every key renews its role, root included, and the pinned root still holds', async () => {
    const result = expectSuccess(
      await renew({
        'expiry-warning-days': '3650',
        'root-key': keys.root.privatePem,
        'repository-key': keys.targets.privatePem,
        'signer-key': keys.ci.privatePem,
      }),
    );
    expect(renewed(result).sort()).toEqual(['root', 'snapshot', 'targets', 'targets/ci', 'targets/releases']);
    expectSuccess(await verify());
    expect(contentTrustPull(stack, `${gun()}:v1`)).toContain(digest);
  }, 120_000);

  it('a local snapshot key renews the snapshot, alone when only it is due', async () => {
    const local = `${stack.registry}/renew/local`;
    const snapshotKey = newKeyPair().privatePem;
    const server = { 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, images: local };
    const made = expectSuccess(
      await stack.runAction({
        ...server,
        command: 'init',
        'root-key': keys.root.privatePem,
        'repository-key': keys.targets.privatePem,
        'server-managed': 'false',
        'snapshot-key': snapshotKey,
      }),
    );
    const pin = (JSON.parse(made.outputs.result!) as { rootPublicKeyIds: string[] }[])[0]!.rootPublicKeyIds[0]!;
    const before = stack.publishCount(local);
    const renewLocal = (inputs: Record<string, string>) =>
      stack.runAction({ ...server, command: 'renew', 'trusted-root-keys': pin, 'expiry-warning-days': '1100', ...inputs });
    // targets and snapshot are due within 1,100 days; the snapshot key alone renews the snapshot, published alone.
    const alone = expectSuccess(await renewLocal({ 'snapshot-key': snapshotKey }));
    expect(renewed(alone)).toEqual(['snapshot']);
    expect(alone.stdout).toMatch(/targets expires in \d+ days .*no key given can re-sign it: command: renew with repository-key/);
    expect(stack.publishCount(local)).toBe(before + 1);
    // Without its key the server cannot make a snapshot for this repository: the run says how to fix it.
    const withoutSnapshotKey = await renewLocal({ 'repository-key': keys.targets.privatePem });
    expect(withoutSnapshotKey.exitCode).toBe(1);
    expect(withoutSnapshotKey.errors[0]).toMatch(/snapshot key of this repository is not held by the server/);
    const both = expectSuccess(await renewLocal({ 'repository-key': keys.targets.privatePem, 'snapshot-key': snapshotKey }));
    // targets goes from init's version 1 to 2: the refused update left nothing behind.
    expect(JSON.parse(both.outputs.renewed!)).toEqual([
      expect.objectContaining({ role: 'targets', version: 2 }),
      expect.objectContaining({ role: 'snapshot', version: 3 }),
    ]);
  }, 120_000);

  it('warns which key renews a role that nears expiry', async () => {
    const result = expectSuccess(await verify({ 'expiry-warning-days': '3650' }));
    expect(result.stdout).toMatch(/::warning::.*root expires in \d+ days .*command: renew with root-key/);
    expect(result.stdout).toMatch(
      /::warning::.*targets\/ci expires in \d+ days .*command: renew \(or sign\) with the signer-key of targets\/ci/,
    );
  }, 60_000);
});
