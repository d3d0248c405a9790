/**
 * The bench's repositories, made the way their users make them: by the notary CLI (a
 * server-managed snapshot, a targets/releases delegation with one P-256 key), or by
 * `docker trust signer add` (targets/releases and targets/<signer>, one key for both); and tags in
 * the registry without pushing an image per tag (one manifest PUT under many tags).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { dockerTrustKeyGenerate, dockerTrustSignerAdd } from '../../__tests__/support/docker-trust.js';
import type { LocalStack } from '../../__tests__/support/stack.js';
import { mapLimit } from '../../src/util/concurrency.js';

export const NOTARY_PASSPHRASES = {
  NOTARY_ROOT_PASSPHRASE: 'bench-root-1',
  NOTARY_TARGETS_PASSPHRASE: 'bench-targets-1',
  NOTARY_SNAPSHOT_PASSPHRASE: 'bench-snapshot-1',
  NOTARY_DELEGATION_PASSPHRASE: 'bench-delegation-1',
};

/** The delegation key of the notary CLI's repositories (unencrypted PEM, as `openssl ecparam` writes it). */
export interface ReleasesKey {
  keyFile: string;
  certFile: string;
}

/** A P-256 key and a certificate for targets/releases, imported into the notary CLI's trust dir. */
export function makeReleasesKey(stack: LocalStack): ReleasesKey {
  const cwd = stack.dir;
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'releases.key'], { cwd });
  execFileSync(
    'openssl',
    ['req', '-x509', '-new', '-key', 'releases.key', '-subj', '/CN=releases', '-days', '365', '-out', 'releases.crt'],
    {
      cwd,
    },
  );
  stack.notary(['key', 'import', join(cwd, 'releases.key'), '-r', 'targets/releases'], NOTARY_PASSPHRASES);
  return { keyFile: join(cwd, 'releases.key'), certFile: join(cwd, 'releases.crt') };
}

/** A repository made by the notary CLI: server-managed snapshot, targets/releases with one P-256 key. */
export function notaryRepository(stack: LocalStack, gun: string, key: ReleasesKey): void {
  stack.notary(['init', gun], NOTARY_PASSPHRASES);
  stack.notary(['key', 'rotate', gun, 'snapshot', '-r'], NOTARY_PASSPHRASES);
  stack.notary(['delegation', 'add', gun, 'targets/releases', key.certFile, '--all-paths'], NOTARY_PASSPHRASES);
  stack.notary(['publish', gun], NOTARY_PASSPHRASES);
}

/** A signer key made by `docker trust key generate` (encrypted, in docker's trust dir; a copy in a file for dct-sign). */
export interface DockerSigner {
  name: string;
  keyFile: string;
  publicKeyPath: string;
}

export function dockerSigner(stack: LocalStack, name: string): DockerSigner {
  const key = dockerTrustKeyGenerate(stack, name);
  const keyFile = join(stack.dir, `${name}.docker-key.pem`);
  writeFileSync(keyFile, key.privateKeyPem, { mode: 0o600 });
  return { name, keyFile, publicKeyPath: key.publicKeyPath };
}

/** `docker trust signer add`: the repository as docker makes it (targets/releases and targets/<signer>). */
export function dockerRepository(stack: LocalStack, repository: string, signer: DockerSigner): void {
  dockerTrustSignerAdd(stack, signer.name, repository, signer.publicKeyPath);
}

/** `count` tags `${prefix}0`... in the registry, each pointing at the manifest of `seed`. */
export async function tagInRegistry(stack: LocalStack, repository: string, seed: string, prefix: string, count: number): Promise<string[]> {
  const tags = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  await stack.addTags(repository, seed, tags);
  return tags;
}

/**
 * The same tags for a large repository, written where the registry's filesystem storage keeps them:
 * each tag is two link files naming the manifest's digest, exactly what a manifest PUT writes
 * (`_manifests/tags/TAG/current/link` and `_manifests/tags/TAG/index/sha256/HEX/link`). 13,000
 * PUTs take the registry a minute or two of setup on 2 cores; this takes seconds. Every
 * measured request still goes to the registry, and a sample of the tags is checked through its API.
 */
export async function tagInStorage(stack: LocalStack, repository: string, seed: string, prefix: string, count: number): Promise<string[]> {
  const tagsDir = join(stack.dir, 'registry', 'docker', 'registry', 'v2', 'repositories', repository, '_manifests', 'tags');
  const seedLink = join(tagsDir, seed, 'current', 'link');
  if (!existsSync(seedLink)) return tagInRegistry(stack, repository, seed, prefix, count);
  const digest = readFileSync(seedLink, 'utf8');
  const hex = digest.replace(/^sha256:/, '');
  const tags = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  for (const tag of tags) {
    const index = join(tagsDir, tag, 'index', 'sha256', hex);
    mkdirSync(index, { recursive: true });
    mkdirSync(join(tagsDir, tag, 'current'), { recursive: true });
    writeFileSync(join(index, 'link'), digest);
    writeFileSync(join(tagsDir, tag, 'current', 'link'), digest);
  }
  const sample = [...new Set([0, count - 1, ...Array.from({ length: 8 }, () => Math.floor(Math.random() * count))])];
  for (const i of sample) {
    const res = await fetch(`http://${stack.registry}/v2/${repository}/manifests/${prefix}${i}`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
    });
    if (res.status !== 200 || res.headers.get('docker-content-digest') !== digest)
      throw new Error(
        `${repository}:${prefix}${i} written to the registry's storage, but HEAD answers ${res.status} ${res.headers.get('docker-content-digest')}`,
      );
  }
  return tags;
}

/** The Docker engine's API on the stack's socket. */
function dockerApi(stack: LocalStack, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: stack.dockerSocket, method, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `docker tag SOURCE REPOSITORY:TAG` for many tags, through the engine's API (one CLI start per tag would take longer than the bench). */
export async function tagInDaemon(stack: LocalStack, source: string, repository: string, tags: readonly string[]): Promise<void> {
  await mapLimit(tags, 8, async (tag) => {
    const status = await dockerApi(
      stack,
      'POST',
      `/images/${encodeURIComponent(source)}/tag?repo=${encodeURIComponent(repository)}&tag=${encodeURIComponent(tag)}`,
    );
    if (status !== 201) throw new Error(`docker tag ${source} ${repository}:${tag}: ${status}`);
  });
}
