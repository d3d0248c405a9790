import { expect } from '@jest/globals';
import { newKeyPair } from './keys.js';
import type { LocalStack, RunResult } from './stack.js';

/** The action ran cleanly: no `::error::`, exit code 0. */
export function expectSuccess(result: RunResult): RunResult {
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  return result;
}

/** Keys for repositories made by the action in a test: root, repository (targets) and one signer, ci. */
export class TestKeys {
  readonly root = newKeyPair();
  readonly targets = newKeyPair();
  readonly ci = newKeyPair();

  /** `init`, then `add-signer ci`, both through the action; the root's public-key ID, a pin for every repository of this root key. */
  async createRepository(stack: LocalStack, gun: string): Promise<string> {
    const server = { 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile };
    const init = expectSuccess(
      await stack.runAction({
        ...server,
        command: 'init',
        images: gun,
        'root-key': this.root.privatePem,
        'repository-key': this.targets.privatePem,
      }),
    );
    expectSuccess(
      await stack.runAction({
        ...server,
        command: 'add-signer',
        images: gun,
        signer: 'ci',
        'signer-public-key': this.ci.publicPem,
        'repository-key': this.targets.privatePem,
      }),
    );
    return (JSON.parse(init.outputs.result!) as { rootPublicKeyIds: string[] }[])[0]!.rootPublicKeyIds[0]!;
  }
}
