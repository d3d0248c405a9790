import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalStack } from './stack.js';

export const PASSPHRASES = {
  DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE: 'root-passphrase-1',
  DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE: 'repo-passphrase-1',
};

/** `docker trust key generate NAME`: returns the encrypted private key file docker stored, and NAME.pub. */
export function dockerTrustKeyGenerate(stack: LocalStack, name: string): { privateKeyPem: string; publicKeyPath: string } {
  stack.docker(['trust', 'key', 'generate', name, '--dir', stack.dir], PASSPHRASES);
  const privateDir = join(stack.dockerConfig, 'trust', 'private');
  const file = readdirSync(privateDir)
    .map((f) => readFileSync(join(privateDir, f), 'utf8'))
    .find((pem) => pem.includes(`\nrole: ${name}\n`));
  if (!file) throw new Error(`docker stored no key with role ${name}`);
  return { privateKeyPem: file, publicKeyPath: join(stack.dir, `${name}.pub`) };
}

/** `docker trust signer add NAME REPO --key NAME.pub` (initializes the repository when new). */
export function dockerTrustSignerAdd(stack: LocalStack, name: string, repository: string, publicKeyPath: string): void {
  stack.docker(['trust', 'signer', 'add', '--key', publicKeyPath, name, `${stack.registry}/${repository}`], PASSPHRASES);
}

/** The trust data's current timestamp bytes: they change on every publish. */
export async function timestampOf(stack: LocalStack, gun: string): Promise<string> {
  const https = await import('node:https');
  const ca = readFileSync(stack.caFile, 'utf8');
  return new Promise((resolve, reject) => {
    https
      .get(`${stack.notaryUrl}/v2/${gun}/_trust/tuf/timestamp.json`, { ca }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${body}`));
      })
      .on('error', reject);
  });
}

/** `DOCKER_CONTENT_TRUST=1 docker pull REF` after removing any local copy: docker's own check of the signed digest. */
export function contentTrustPull(stack: LocalStack, ref: string): string {
  stack.docker(['rmi', '-f', ref]);
  return stack.docker(['pull', ref], { DOCKER_CONTENT_TRUST: '1' });
}

/** The key IDs `docker trust inspect` lists for a signer of `repository`. */
export function trustSignerKeyIds(stack: LocalStack, repository: string, signer: string): string[] {
  const inspect = JSON.parse(stack.docker(['trust', 'inspect', repository])) as { Signers: { Name: string; Keys: { ID: string }[] }[] }[];
  return inspect[0]!.Signers.find((s) => s.Name === signer)!.Keys.map((k) => k.ID);
}
