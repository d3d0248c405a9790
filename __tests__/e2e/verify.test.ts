import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execSync } from '../support/exec.js';
import { join } from 'node:path';
import { PASSPHRASES, dockerTrustKeyGenerate, dockerTrustSignerAdd } from '../support/docker-trust.js';
import { TestKeys, expectSuccess } from '../support/repository.js';
import { LocalStack } from '../support/stack.js';

const NOTARY_PASSPHRASES = {
  NOTARY_ROOT_PASSPHRASE: 'notary-root-1',
  NOTARY_TARGETS_PASSPHRASE: 'notary-targets-1',
  NOTARY_SNAPSHOT_PASSPHRASE: 'notary-snapshot-1',
  NOTARY_DELEGATION_PASSPHRASE: 'notary-delegation-1',
};

describe('command: verify on repositories made by docker trust, the notary CLI and dct-sign', () => {
  let stack: LocalStack;
  let alice: { privateKeyPem: string; publicKeyPath: string };
  const ref = (repo: string, tag: string) => `${stack.registry}/${repo}:${tag}`;
  const verify = (images: string[], inputs: Record<string, string> = {}) =>
    stack.runAction({
      command: 'verify',
      images: images.join('\n'),
      'notary-server': stack.notaryUrl,
      'notary-ca': stack.caFile,
      ...inputs,
    });

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    alice = dockerTrustKeyGenerate(stack, 'alice');
    // docker trust: signer add, then a content-trust push (docker signs targets/releases and targets/alice).
    dockerTrustSignerAdd(stack, 'alice', 'v/docker', alice.publicKeyPath);
    stack.makeImage('v/docker', 'v1', { load: true });
    stack.docker(['push', ref('v/docker', 'v1')], { DOCKER_CONTENT_TRUST: '1', ...PASSPHRASES });
    stack.makeImage('v/docker', 'unsigned');
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('accepts a docker trust repository, by default and with the signer required; digests match docker’s', async () => {
    const pulled = stack.docker(['trust', 'inspect', ref('v/docker', 'v1')]);
    const digest = `sha256:${(JSON.parse(pulled) as { SignedTags: { Digest: string }[] }[])[0]!.SignedTags[0]!.Digest}`;
    const variants: Record<string, string>[] = [{}, { 'required-signers': 'alice' }, { 'required-signers': 'alice,releases' }];
    for (const inputs of variants) {
      const result = await verify([ref('v/docker', 'v1')], inputs);
      expect(result.errors).toEqual([]);
      expect(result.outputs.digests).toBe(`${stack.registry}/v/docker@${digest}`);
      expect(JSON.parse(result.outputs.result!)).toEqual([
        expect.objectContaining({ tag: 'v1', digest, roles: expect.arrayContaining(['targets/releases', 'targets/alice']) }),
      ]);
      expect(result.summary).toMatch(/<td>[a-z/]+: \d{4}-[^<]+ \(109\d days\)<\/td>/);
    }
  }, 60_000);

  it('accepts a notary CLI repository: tags in targets (no delegations), then in a targets/releases delegation', async () => {
    const gun = `${stack.registry}/v/notary`;
    const v1 = stack.makeImage('v/notary', 'v1');
    stack.notary(['init', gun], NOTARY_PASSPHRASES);
    stack.notary(['addhash', gun, 'v1', String(v1.size), '--sha256', v1.digest.slice(7)], NOTARY_PASSPHRASES);
    stack.notary(['publish', gun], NOTARY_PASSPHRASES);
    const first = await verify([`${gun}:v1`]);
    expect(first.errors).toEqual([]);
    expect(JSON.parse(first.outputs.result!)).toEqual([expect.objectContaining({ digest: v1.digest, roles: ['targets'] })]);

    execSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'rel.key'], { cwd: stack.dir });
    execSync('openssl', ['req', '-x509', '-new', '-key', 'rel.key', '-subj', '/CN=releases', '-days', '30', '-out', 'rel.crt'], {
      cwd: stack.dir,
    });
    stack.notary(['key', 'import', join(stack.dir, 'rel.key'), '-r', 'targets/releases'], NOTARY_PASSPHRASES);
    stack.notary(['delegation', 'add', gun, 'targets/releases', join(stack.dir, 'rel.crt'), '--all-paths'], NOTARY_PASSPHRASES);
    const v2 = stack.makeImage('v/notary', 'v2');
    stack.notary(['addhash', gun, 'v2', String(v2.size), '--sha256', v2.digest.slice(7), '-r', 'targets/releases'], NOTARY_PASSPHRASES);
    stack.notary(['publish', gun], NOTARY_PASSPHRASES);
    const second = await verify([`${gun}:v2`]);
    expect(second.errors).toEqual([]);
    expect(JSON.parse(second.outputs.result!)).toEqual([expect.objectContaining({ digest: v2.digest, roles: ['targets/releases'] })]);
  }, 60_000);

  it('accepts what dct-sign signed, across two repositories with one metadata load each', async () => {
    dockerTrustSignerAdd(stack, 'alice', 'v/dct', alice.publicKeyPath);
    const images = [stack.makeImage('v/dct', 'a'), stack.makeImage('v/dct', 'b')];
    const signed = await stack.runAction({
      images: [ref('v/dct', 'a'), ref('v/dct', 'b')].join(','),
      push: 'false',
      signer: 'alice',
      'signer-key': alice.privateKeyPem,
      'signer-key-passphrase': PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE,
      'notary-server': stack.notaryUrl,
      'notary-ca': stack.caFile,
    });
    expect(signed.errors).toEqual([]);
    const timestampGets = () => stack.notaryRequests().filter((uri) => uri.endsWith('/_trust/tuf/timestamp.json')).length;
    const before = timestampGets();
    const result = await verify([ref('v/dct', 'a'), ref('v/docker', 'v1'), ref('v/dct', 'b')], { 'required-signers': 'alice' });
    expect(result.errors).toEqual([]);
    expect(timestampGets() - before).toBe(2);
    expect(result.outputs.digests!.split('\n')).toEqual(
      expect.arrayContaining([`${stack.registry}/v/dct@${images[0]!.digest}`, `${stack.registry}/v/dct@${images[1]!.digest}`]),
    );
  }, 60_000);

  it('refuses an unsigned tag', async () => {
    const result = await verify([ref('v/docker', 'unsigned')]);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/v\/docker:unsigned: tag unsigned is not signed by targets\/releases/)]);
  }, 30_000);

  it('refuses a tag re-pushed with other content after signing, naming both digests', async () => {
    stack.makeImage('v/repushed', 'v1', { load: true });
    dockerTrustSignerAdd(stack, 'alice', 'v/repushed', alice.publicKeyPath);
    stack.docker(['push', ref('v/repushed', 'v1')], { DOCKER_CONTENT_TRUST: '1', ...PASSPHRASES });
    const signedDigest = (
      JSON.parse(stack.docker(['trust', 'inspect', ref('v/repushed', 'v1')])) as { SignedTags: { Digest: string }[] }[]
    )[0]!.SignedTags[0]!.Digest;
    const moved = stack.makeImage('v/repushed', 'v1');
    const result = await verify([ref('v/repushed', 'v1')]);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain(
      `tag v1 was signed as sha256:${signedDigest} (targets/releases) but the registry serves ${moved.digest}`,
    );

    // registry-check: false asks the registry nothing: the trust data's digest is what to deploy by.
    await stack.logsSettled();
    const before = stack.registryRequests().length;
    const trustOnly = await verify([ref('v/repushed', 'v1')], { 'registry-check': 'false' });
    expect(trustOnly.errors).toEqual([]);
    expect(trustOnly.outputs.digests).toBe(`${stack.registry}/v/repushed@sha256:${signedDigest}`);
    await stack.logsSettled();
    expect(stack.registryRequests().slice(before)).toEqual([]);
    const unsigned = await verify([ref('v/docker', 'unsigned')], { 'registry-check': 'false' });
    expect(unsigned.errors).toEqual([expect.stringMatching(/tag unsigned is not signed by targets\/releases/)]);
  }, 60_000);

  it('refuses when a required signer has not signed', async () => {
    const result = await verify([ref('v/docker', 'v1')], { 'required-signers': 'alice,bob' });
    expect(result.errors).toEqual([expect.stringMatching(/v\/docker:v1: .*has no signer bob \(no targets\/bob delegation\)/)]);
  }, 30_000);

  it('honours pins: the canonical root key ID docker shows passes, another ID fails', async () => {
    const inspect = JSON.parse(stack.docker(['trust', 'inspect', ref('v/docker', 'v1')])) as {
      AdministrativeKeys: { Name: string; Keys: { ID: string }[] }[];
    }[];
    const rootId = inspect[0]!.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys[0]!.ID;
    const pinned = await verify([ref('v/docker', 'v1')], { 'trusted-root-keys': rootId });
    expect(pinned.errors).toEqual([]);
    expect(pinned.stdout).not.toContain('trusted on first use');
    const wrong = await verify([ref('v/docker', 'v1')], { 'trusted-root-keys': 'cd'.repeat(32) });
    expect(wrong.errors).toEqual([expect.stringMatching(/does not match trusted-root-keys/)]);
  }, 30_000);

  it('inspect prints what docker trust inspect prints, on repositories made by docker, the notary CLI and dct-sign', async () => {
    // Its own notary CLI and dct-sign repositories: no test depends on another's.
    const notaryGun = `${stack.registry}/v/notary-inspect`;
    const n1 = stack.makeImage('v/notary-inspect', 'n1');
    stack.notary(['init', notaryGun], NOTARY_PASSPHRASES);
    stack.notary(['addhash', notaryGun, 'n1', String(n1.size), '--sha256', n1.digest.slice(7)], NOTARY_PASSPHRASES);
    stack.notary(['publish', notaryGun], NOTARY_PASSPHRASES);
    const keys = new TestKeys();
    const dctGun = `${stack.registry}/v/dct-inspect`;
    await keys.createRepository(stack, dctGun);
    for (const tag of ['v2', 'v10', 'v1']) stack.makeImage('v/dct-inspect', tag);
    expectSuccess(
      await stack.runAction({
        images: ['v2', 'v10', 'v1'].map((t) => `${dctGun}:${t}`).join('\n'),
        push: 'false',
        signer: 'ci',
        'signer-key': keys.ci.privatePem,
        'notary-server': stack.notaryUrl,
        'notary-ca': stack.caFile,
      }),
    );
    const names = [`${stack.registry}/v/docker`, ref('v/docker', 'v1'), notaryGun, dctGun];
    const ours = expectSuccess(
      await stack.runAction({ command: 'inspect', images: names.join('\n'), 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile }),
    );
    const theirs = stack.docker(['trust', 'inspect', ...names]);
    const data = JSON.parse(ours.outputs['trust-data']!) as { Expires: Record<string, string> }[];
    for (const entry of data)
      expect(Object.keys(entry.Expires)).toEqual(expect.arrayContaining(['root', 'targets', 'snapshot', 'timestamp']));
    for (const entry of data as Partial<(typeof data)[number]>[]) delete entry.Expires;
    expect(data).toEqual(JSON.parse(theirs));
  }, 120_000);
});
