/**
 * `npm run demo`: the main job end to end on an embedded default. It starts a local Notary server
 * (TLS), a registry and a Docker engine, makes a sample image, lets the repository owner add a
 * CI signer with the docker CLI, runs the action (node dist/index.js, inputs as a runner passes
 * them) to push and sign, and then checks the result with docker's own content-trust pull and
 * `docker trust inspect`, and finally runs the action's `verify`, the gate before a deploy.
 */
import { dockerTrustKeyGenerate, dockerTrustSignerAdd } from '../__tests__/support/docker-trust.js';
import { LocalStack } from '../__tests__/support/stack.js';

const step = (text: string) => console.log(`\n=== ${text}`);

async function main(): Promise<void> {
  step('Starting notary-server, docker-registry and dockerd on loopback');
  const stack = await LocalStack.start({ docker: true });
  try {
    console.log(`Notary server ${stack.notaryUrl} (CA ${stack.caFile})\nRegistry      ${stack.registry}`);
    const image = `${stack.registry}/demo/hello:1.0`;

    step(`Building a sample image ${image} (an OCI layout written by hand, loaded into docker)`);
    stack.makeImage('demo/hello', '1.0', { load: true, content: 'hello from dct-sign\n' });

    step('Repository owner: docker trust key generate ci && docker trust signer add ci demo/hello');
    const ci = dockerTrustKeyGenerate(stack, 'ci');
    dockerTrustSignerAdd(stack, 'ci', 'demo/hello', ci.publicKeyPath);

    step('CI: uses: org/dct-sign@v1 (node dist/index.js) with command: sign, push: true');
    const result = await stack.runAction({
      images: image,
      push: 'true',
      signer: 'ci',
      'signer-key': Buffer.from(ci.privateKeyPem).toString('base64'),
      'signer-key-passphrase': 'repo-passphrase-1',
      'notary-server': stack.notaryUrl,
      'notary-ca': stack.caFile,
    });
    process.stdout.write(result.stdout.replace(/^::add-mask::.*\n/gm, ''));
    if (result.exitCode !== 0) throw new Error(`the action failed (exit ${result.exitCode})`);
    console.log(`\noutputs.digests = ${result.outputs.digests}\noutputs.result  = ${result.outputs.result}`);

    step('Independent check: DOCKER_CONTENT_TRUST=1 docker pull, then docker trust inspect');
    stack.docker(['rmi', '-f', image]);
    process.stdout.write(stack.docker(['pull', image], { DOCKER_CONTENT_TRUST: '1' }));
    process.stdout.write(stack.docker(['trust', 'inspect', '--pretty', image]));
    step('Deploy gate: command: verify, pinned to the root key, outputs the digest to deploy by');
    const rootKey = (
      JSON.parse(stack.docker(['trust', 'inspect', image])) as { AdministrativeKeys: { Name: string; Keys: { ID: string }[] }[] }[]
    )[0]!.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys[0]!.ID;
    const verified = await stack.runAction({
      command: 'verify',
      images: image,
      'required-signers': 'ci',
      'trusted-root-keys': rootKey,
      'notary-server': stack.notaryUrl,
      'notary-ca': stack.caFile,
    });
    process.stdout.write(verified.stdout.replace(/^::add-mask::.*\n/gm, ''));
    if (verified.exitCode !== 0) throw new Error(`verify failed (exit ${verified.exitCode})`);
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
