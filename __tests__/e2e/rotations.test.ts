import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PASSPHRASES, dockerTrustKeyGenerate, timestampOf } from '../support/docker-trust.js';
import { LocalStack, type RunResult } from '../support/stack.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { newKeyPem } from '../support/keys.js';

describe('rotating snapshot, timestamp and delegation keys; a local snapshot key', () => {
  let stack: LocalStack;
  const repo = 'rot/app';
  const gun = () => `${stack.registry}/${repo}`;
  const keys = { root: newKeyPem(), targets: newKeyPem(), snapshot: newKeyPem(), alice2: newKeyPem() };
  let alice: { privateKeyPem: string; publicKeyPath: string };
  const images: Record<string, { digest: string; size: number }> = {};

  const action = (inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ images: gun(), 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs });
  const signAs = (tag: string, signerKey: string, passphrase: string, extra: Record<string, string> = {}) =>
    action({
      images: `${gun()}:${tag}`,
      push: 'false',
      signer: 'alice',
      'signer-key': signerKey,
      'signer-key-passphrase': passphrase,
      ...extra,
    });
  const pull = (tag: string) => {
    stack.docker(['rmi', '-f', `${gun()}:${tag}`]);
    return stack.docker(['pull', `${gun()}:${tag}`], { DOCKER_CONTENT_TRUST: '1' });
  };
  const ok = (result: RunResult) => {
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
  };

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    alice = dockerTrustKeyGenerate(stack, 'alice');
    for (const tag of ['v1', 'v2', 'v3']) images[tag] = stack.makeImage(repo, tag);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('init with server-managed: false keeps the snapshot key in our hands', async () => {
    ok(
      await action({
        command: 'init',
        'root-key': keys.root,
        'repository-key': keys.targets,
        'server-managed': 'false',
        'snapshot-key': keys.snapshot,
      }),
    );
    ok(
      await action({
        command: 'add-signer',
        signer: 'alice',
        'signer-public-key': alice.publicKeyPath,
        'repository-key': keys.targets,
        'snapshot-key': keys.snapshot,
      }),
    );
  }, 60_000);

  it('sign without the snapshot key is refused by the server, and says how to fix it; with it, docker accepts the tag', async () => {
    await expectRefusedWithoutPublishing(
      stack,
      gun(),
      () => signAs('v1', alice.privateKeyPem, PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE),
      /snapshot key of this repository is not held by the server/,
    );
    ok(await signAs('v1', alice.privateKeyPem, PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE, { 'snapshot-key': keys.snapshot }));
    expect(pull('v1')).toContain(images.v1!.digest);
  }, 60_000);

  it('rotate the snapshot key to the server: signing then needs no snapshot key', async () => {
    ok(await action({ command: 'rotate-key', role: 'snapshot', 'root-key': keys.root, 'server-managed': 'true' }));
    ok(await signAs('v2', alice.privateKeyPem, PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE));
    expect(pull('v2')).toContain(images.v2!.digest);
    expect(pull('v1')).toContain(images.v1!.digest);
  }, 60_000);

  it('rotate the timestamp key on the server', async () => {
    const before = (JSON.parse((await timestampOf(stack, gun())).slice(4)) as { signatures: { keyid: string }[] }).signatures[0]!.keyid;
    ok(await action({ command: 'rotate-key', role: 'timestamp', 'root-key': keys.root }));
    const after = (JSON.parse((await timestampOf(stack, gun())).slice(4)) as { signatures: { keyid: string }[] }).signatures[0]!.keyid;
    expect(after).not.toBe(before);
    expect(pull('v2')).toContain(images.v2!.digest);
  }, 60_000);

  it('rotate a signer’s delegation key: the old key can no longer sign, the new one can, earlier tags stay valid', async () => {
    ok(await action({ command: 'rotate-key', role: 'targets/alice', 'repository-key': keys.targets, 'new-key': keys.alice2 }));
    const stale = await signAs('v3', alice.privateKeyPem, PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE);
    expect(stale.errors).toEqual([expect.stringMatching(/cannot sign targets\/releases or targets\/alice: the key is not listed/)]);
    ok(await signAs('v3', keys.alice2, ''));
    expect(pull('v3')).toContain(images.v3!.digest);
    expect(pull('v1')).toContain(images.v1!.digest);
    const inspect = JSON.parse(stack.docker(['trust', 'inspect', `${gun()}:v3`])) as {
      Signers: { Name: string; Keys: { ID: string }[] }[];
    }[];
    expect(inspect[0]!.Signers).toEqual([{ Name: 'alice', Keys: [{ ID: expect.not.stringMatching(/^$/) as unknown as string }] }]);
  }, 60_000);
});
