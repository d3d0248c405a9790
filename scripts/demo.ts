/**
 * `npm run demo`: the main job end to end on an embedded default, the README's quick start with
 * dct-sign alone (no `docker trust`). It starts a local Notary server (TLS), a registry and a
 * Docker engine, makes a sample image, and runs the action (node dist/index.js, inputs as a runner
 * passes them) to generate the keys, init the repository, add a CI signer, push and sign, inspect,
 * and verify before a (pretend) deploy, keeping the trust state. docker's own content-trust pull
 * is the independent check.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStack, type RunResult } from '../__tests__/support/stack.js';

const step = (text: string) => console.log(`\n=== ${text}`);

function show(result: RunResult): RunResult {
  process.stdout.write(result.stdout);
  if (result.exitCode !== 0) throw new Error(`the action failed (exit ${result.exitCode}): ${result.errors.join(' ')}`);
  return result;
}

async function main(): Promise<void> {
  step('Starting notary-server, docker-registry and dockerd on loopback');
  const stack = await LocalStack.start({ docker: true });
  try {
    console.log(`Notary server ${stack.notaryUrl} (CA ${stack.caFile})\nRegistry      ${stack.registry}`);
    const repository = `${stack.registry}/demo/hello`;
    const image = `${repository}:1.0`;
    const server = { 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile };
    const keys = mkdtempSync(join(stack.dir, 'keys-'));
    const passphrase = { root: 'demo-root-passphrase', targets: 'demo-targets-passphrase', ci: 'demo-ci-passphrase' };

    step('Owner, once: dct-sign generate-key for the root, repository and CI signer keys');
    const ids: Record<string, string> = {};
    for (const [role, secret] of Object.entries(passphrase)) {
      const generated = show(
        await stack.runAction({ command: 'generate-key', role, 'key-file': join(keys, `${role}.key`), 'new-key-passphrase': secret }),
      );
      ids[role] = generated.outputs['key-id']!;
      if (role === 'ci') ids.ciPublicKey = generated.outputs['public-key']!;
    }

    step(`Owner, once: dct-sign init ${repository}, then add-signer ci`);
    const init = show(
      await stack.runAction({
        ...server,
        command: 'init',
        images: repository,
        'root-key-file': join(keys, 'root.key'),
        'root-key-passphrase': passphrase.root,
        'repository-key-file': join(keys, 'targets.key'),
        'repository-key-passphrase': passphrase.targets,
      }),
    );
    console.log(`outputs.root-key-id = ${init.outputs['root-key-id']} (pin it with trusted-root-keys)`);
    show(
      await stack.runAction({
        ...server,
        command: 'add-signer',
        images: repository,
        signer: 'ci',
        'signer-public-key': ids.ciPublicKey!,
        'repository-key-file': join(keys, 'targets.key'),
        'repository-key-passphrase': passphrase.targets,
      }),
    );

    step(`CI: uses: org/dct-sign@v1 with push: true: docker push ${image}, sign it, publish, read back`);
    stack.makeImage('demo/hello', '1.0', { load: true, content: 'hello from dct-sign\n' });
    const signed = show(
      await stack.runAction({
        ...server,
        images: image,
        signer: 'ci',
        'signer-key-file': join(keys, 'ci.key'),
        'signer-key-passphrase': passphrase.ci,
        'trusted-root-keys': ids.root!,
      }),
    );
    console.log(`\noutputs.digests = ${signed.outputs.digests}`);

    step('Independent check: DOCKER_CONTENT_TRUST=1 docker pull');
    stack.docker(['rmi', '-f', image]);
    process.stdout.write(stack.docker(['pull', image], { DOCKER_CONTENT_TRUST: '1' }));

    step('What the repository holds: command: inspect (docker trust inspect, verified)');
    const inspected = show(await stack.runAction({ ...server, command: 'inspect', images: repository, 'trusted-root-keys': ids.root! }));
    console.log(inspected.outputs['trust-data']);

    step('Deploy gate: command: verify, pinned to the root key, trust state kept, outputs the digest to deploy by');
    const verified = show(
      await stack.runAction({
        ...server,
        command: 'verify',
        images: image,
        'required-signers': 'ci',
        'trusted-root-keys': ids.root!,
        'trust-state': join(stack.dir, 'trust-state'),
      }),
    );
    console.log(`\ndeploy: ${verified.outputs.digests}`);
    step('Signed and verified.');
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
