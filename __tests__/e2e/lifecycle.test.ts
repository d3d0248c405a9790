import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PASSPHRASES, dockerTrustKeyGenerate } from '../support/docker-trust.js';
import { LocalStack, type RunResult } from '../support/stack.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { newKeyPem } from '../support/keys.js';

interface Inspect {
  SignedTags: { SignedTag: string; Digest: string; Signers: string[] }[];
  Signers: { Name: string; Keys: { ID: string }[] }[];
  AdministrativeKeys: { Name: string; Keys: { ID: string }[] }[];
}

describe('repository lifecycle through the action, checked by docker and notary after every step', () => {
  let stack: LocalStack;
  const repo = 'life/app';
  const gun = () => `${stack.registry}/${repo}`;
  const keys = { root: newKeyPem(), targets: newKeyPem(), root2: newKeyPem(), targets2: newKeyPem() };
  let alice: { privateKeyPem: string; publicKeyPath: string };
  let image: { digest: string; size: number };

  const action = (inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ images: gun(), 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs });
  const inspect = (): Inspect => (JSON.parse(stack.docker(['trust', 'inspect', `${gun()}:v1`])) as Inspect[])[0]!;
  const adminKey = (name: string) =>
    inspect()
      .AdministrativeKeys.find((k) => k.Name === name)!
      .Keys.map((k) => k.ID);
  const contentTrustPull = () => {
    stack.docker(['rmi', '-f', `${gun()}:v1`]);
    return stack.docker(['pull', `${gun()}:v1`], { DOCKER_CONTENT_TRUST: '1' });
  };
  const ok = (result: RunResult) => {
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    return JSON.parse(result.outputs.result!) as {
      rootKeyIds: string[];
      rootPublicKeyIds: string[];
      repositoryKeyIds: string[];
      signers: { name: string }[];
    }[];
  };

  beforeAll(async () => {
    stack = await LocalStack.start({ docker: true });
    alice = dockerTrustKeyGenerate(stack, 'alice');
    image = stack.makeImage(repo, 'v1');
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('1. init from secret keys: docker and notary see the root and repository keys', async () => {
    const result = await action({ command: 'init', 'root-key': keys.root, 'repository-key': keys.targets });
    const [row] = ok(result);
    expect(adminKey('Root')).toEqual(row!.rootKeyIds);
    // The step summary names the keys a user pins and backs up.
    expect(result.summary).toContain('<th>Root key (certificate / public key)</th>');
    expect(result.summary).toContain(`<code>${row!.rootKeyIds[0]}</code> / <code>${row!.rootPublicKeyIds[0]}</code>`);
    expect(adminKey('Repository')).toEqual(row!.repositoryKeyIds);
    expect(stack.notary(['list', gun()])).toMatch(/No targets present/);
  }, 60_000);

  it('init refuses a repository that already has trust data, publishing nothing', async () => {
    await expectRefusedWithoutPublishing(
      stack,
      gun(),
      () => action({ command: 'init', 'root-key': keys.root2, 'repository-key': keys.targets2 }),
      /^::error::input 'images': .*life\/app already has trust data/,
    );
  }, 60_000);

  it('2. add-signer with the key docker trust key generate made', async () => {
    const [row] = ok(
      await action({ command: 'add-signer', signer: 'alice', 'signer-public-key': alice.publicKeyPath, 'repository-key': keys.targets }),
    );
    expect(row!.signers.map((s) => s.name).sort()).toEqual(['alice', 'releases']);
    expect(inspect().Signers.map((s) => s.Name)).toEqual(['alice']);
  }, 60_000);

  it('3. sign a tag as alice: content-trust pull and notary list accept it', async () => {
    ok(
      await action({
        images: `${gun()}:v1`,
        push: 'false',
        signer: 'alice',
        'signer-key': alice.privateKeyPem,
        'signer-key-passphrase': PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE,
      }),
    );
    expect(contentTrustPull()).toContain(image.digest);
    expect(inspect().SignedTags).toEqual([{ SignedTag: 'v1', Digest: image.digest.slice(7), Signers: ['alice'] }]);
    expect(stack.notary(['list', gun()])).toContain(image.digest.slice(7));
    expect(stack.notary(['verify', gun(), 'v1', '-q'], {}, await stack.manifestBytes(repo, 'v1'))).toBe('');
  }, 60_000);

  it('4. rotate the targets key: root re-signed, docker and notary still accept the tag', async () => {
    const [row] = ok(await action({ command: 'rotate-key', role: 'targets', 'root-key': keys.root, 'new-key': keys.targets2 }));
    expect(adminKey('Repository')).toEqual(row!.repositoryKeyIds);
    expect(contentTrustPull()).toContain(image.digest);
    expect(stack.notary(['list', gun()])).toContain(image.digest.slice(7));
  }, 60_000);

  it('5. rotate the root key: clients that cached the old root follow the rotation', async () => {
    const oldRoot = adminKey('Root');
    const [row] = ok(await action({ command: 'rotate-key', role: 'root', 'root-key': keys.root, 'new-key': keys.root2 }));
    expect(row!.rootKeyIds).not.toEqual(oldRoot);
    expect(contentTrustPull()).toContain(image.digest);
    expect(adminKey('Root')).toEqual(row!.rootKeyIds);
    expect(stack.notary(['list', gun()])).toContain(image.digest.slice(7));
    expect(stack.notary(['verify', gun(), 'v1', '-q'], {}, await stack.manifestBytes(repo, 'v1'))).toBe('');
    expect(() => stack.notary(['verify', gun(), 'v1', '-q'], {}, new TextEncoder().encode('other content'))).toThrow();
    // verify, pinned to the original root key, follows the chain too
    const verified = await action({ command: 'verify', images: `${gun()}:v1`, 'trusted-root-keys': oldRoot[0]! });
    expect(verified.errors).toEqual([]);
  }, 60_000);

  it.each([
    [
      'a repository key that is not the repository’s',
      { command: 'add-signer', signer: 'bob', 'signer-public-key': '', 'repository-key': '' },
      /input 'repository-key': key [a-f0-9]{64} is not the targets key of /,
    ],
    [
      'a root key that is not the root',
      { command: 'rotate-key', role: 'targets', 'root-key': '', 'new-key': '' },
      /input 'root-key': key [a-f0-9]{64} is not the root key of /,
    ],
    [
      'the old root key after the root rotation',
      { command: 'rotate-key', role: 'timestamp', 'root-key': 'old-root' },
      /input 'root-key': key [a-f0-9]{64} is not the root key of /,
    ],
  ])(
    'refuses %s before publishing anything',
    async (_name, inputs, message) => {
      const filled: Record<string, string> = { ...inputs };
      if ('repository-key' in filled) filled['repository-key'] = newKeyPem();
      if ('signer-public-key' in filled) filled['signer-public-key'] = alice.publicKeyPath;
      if (filled['root-key'] === '') filled['root-key'] = newKeyPem();
      if (filled['root-key'] === 'old-root') filled['root-key'] = keys.root;
      if ('new-key' in filled) filled['new-key'] = newKeyPem();
      await expectRefusedWithoutPublishing(stack, gun(), () => action(filled), message);
    },
    60_000,
  );

  it('6. remove the signer: the content-trust pull of the tag now fails', async () => {
    const result = await action({ command: 'remove-signer', signer: 'alice', 'repository-key': keys.targets2 });
    ok(result);
    expect(result.stdout).toContain('that was the last key of targets/releases');
    expect(() => contentTrustPull()).toThrow(/No valid trust data|does not have trust data|No trust data/);
    expect(inspect().Signers).toEqual([]);
  }, 60_000);
});
