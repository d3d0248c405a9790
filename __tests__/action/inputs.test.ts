import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRuntime, readSettings, type NetworkSettings, type Settings } from '../../src/action/inputs.js';
import { newKeyPair } from '../support/keys.js';

const KEY = newKeyPair();
const IMAGE = 'registry.example.com/team/app:1.0';

/** Settings from inputs given as a runner would give them (absent inputs read as ''). */
function settings(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Settings {
  const masked: string[] = [];
  return readSettings(
    (name) => inputs[name] ?? '',
    (secret) => masked.push(secret),
    env,
  );
}

/** The settings of a command that talks to a server (all but generate-key). */
function network(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): NetworkSettings {
  const s = settings(inputs, env);
  if (s.command === 'generate-key') throw new Error('expected a network command');
  return s;
}

function refused(inputs: Record<string, string>): string {
  try {
    settings(inputs);
  } catch (error) {
    return `input '${(error as { input: string }).input}': ${(error as Error).message}`;
  }
  throw new Error('expected the inputs to be refused');
}

describe('settings per command', () => {
  it('sign: the signer key is required, push defaults to true, signer to releases', () => {
    const s = settings({ images: IMAGE, 'signer-key': KEY.privatePem });
    expect(s).toMatchObject({
      command: 'sign',
      push: true,
      signer: 'releases',
      signerKey: { input: 'signer-key', source: { kind: 'pem' } },
    });
    expect(refused({ images: IMAGE })).toMatch(/^input 'signer-key': is required for command sign; expected a PEM private key/);
  });

  it('verify: needs no key, reads required signers', () => {
    const s = settings({ command: 'verify', images: IMAGE, 'required-signers': 'releases, alice' });
    expect(s).toMatchObject({
      command: 'verify',
      trust: { policy: { rules: [{ match: '**', trustedRootKeyIds: new Set(), requiredSigners: ['releases', 'alice'] }] } },
      manifests: '',
      pinManifests: false,
      registryCheck: true,
    });
    expect(refused({ command: 'verify', images: IMAGE, 'pin-manifests': 'true' })).toMatch(/^input 'pin-manifests': needs manifests/);
    expect(settings({ command: 'verify', images: IMAGE, policy: 'deploy/policy.yml' })).toMatchObject({
      trust: { policyFile: 'deploy/policy.yml' },
    });
    expect(refused({ command: 'verify', images: IMAGE, policy: 'p.yml', 'required-signers': 'ci' })).toMatch(
      /^input 'required-signers': cannot be given with policy/,
    );
    // A manifests input of blanks names no file: images are required as ever, so nothing is waved through.
    expect(refused({ command: 'verify', manifests: '  \n ' })).toMatch(/^input 'images': no image given/);
    expect(refused({ command: 'verify', images: IMAGE, 'registry-check': 'maybe' })).toMatch(
      /^input 'registry-check': "maybe" is not a boolean/,
    );
    expect(refused({ command: 'verify', images: IMAGE, 'required-signers': 'Not A Name' })).toMatch(
      /^input 'required-signers': "Not A Name"/,
    );
  });

  it('sign and verify need a tag; the repository commands do not', () => {
    expect(refused({ command: 'verify', images: 'registry.example.com/team/app' })).toMatch(/^input 'images': .*a tag is required/);
    const s = network({
      command: 'remove-signer',
      images: 'registry.example.com/team/app',
      signer: 'ci',
      'repository-key': KEY.privatePem,
    });
    expect(s.images[0]!.tag).toBe('');
  });

  it('init: root and repository keys; the snapshot key only when the snapshot is not server-managed', () => {
    const base = { command: 'init', images: IMAGE, 'root-key': KEY.privatePem, 'repository-key': KEY.privatePem };
    expect(settings({ ...base, 'snapshot-key': KEY.privatePem })).toMatchObject({ command: 'init', snapshotKey: undefined });
    expect(settings({ ...base, 'server-managed': 'false', 'snapshot-key': KEY.privatePem })).toMatchObject({
      snapshotKey: { input: 'snapshot-key' },
    });
    expect(refused({ ...base, 'server-managed': 'false' })).toMatch(/^input 'snapshot-key': is required when server-managed is false/);
    expect(refused({ command: 'init', images: IMAGE, 'root-key': KEY.privatePem })).toMatch(
      /^input 'repository-key': is required for command init/,
    );
  });

  it('add-signer: a signer name other than releases, and its public key', () => {
    const base = { command: 'add-signer', images: IMAGE, 'repository-key': KEY.privatePem, signer: 'ci' };
    expect(settings({ ...base, 'signer-public-key': KEY.publicPem })).toMatchObject({ signerPublicKey: { kind: 'pem' } });
    expect(settings({ ...base, 'signer-public-key': 'awskms:///alias/ci' })).toMatchObject({
      signerPublicKey: { kind: 'store', key: { input: 'signer-public-key', secretInput: 'signer-key-passphrase' } },
    });
    expect(refused(base)).toMatch(/^input 'signer-public-key': is required for command add-signer/);
    expect(refused({ ...base, signer: 'releases', 'signer-public-key': KEY.publicPem })).toMatch(/^input 'signer': "releases" is reserved/);
    expect(refused({ ...base, 'signer-public-key': 'not a key' })).toMatch(/^input 'signer-public-key': expected a PEM PUBLIC KEY/);
  });

  it.each([
    [
      { role: 'root', 'root-key': 'k', 'new-key': 'k' },
      { role: 'root', rootKey: {}, newKey: {} },
    ],
    [
      { role: 'targets', 'root-key': 'k', 'new-key': 'k' },
      { role: 'targets', rootKey: {}, newKey: {} },
    ],
    [
      { role: 'snapshot', 'root-key': 'k', 'new-key': 'k' },
      { role: 'snapshot', rootKey: {} },
    ],
    [
      { role: 'snapshot', 'root-key': 'k', 'new-key': 'k', 'server-managed': 'false' },
      { role: 'snapshot', rootKey: {}, newKey: {} },
    ],
    [
      { role: 'timestamp', 'root-key': 'k' },
      { role: 'timestamp', rootKey: {} },
    ],
    [
      { role: 'targets/ci', 'repository-key': 'k', 'new-key': 'k' },
      { role: 'targets/ci', repositoryKey: {}, newKey: {} },
    ],
  ])('rotate-key %j: exactly the keys that rotation needs', (inputs, rotation) => {
    const withKeys = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v === 'k' ? KEY.privatePem : v]));
    const s = settings({ command: 'rotate-key', images: IMAGE, ...withKeys });
    expect(s).toMatchObject({ command: 'rotate-key', rotation });
    if (s.command === 'rotate-key') expect(Object.keys(s.rotation).sort()).toEqual(Object.keys(rotation).sort());
  });

  it.each([
    [{}, /^input 'role': is required for command rotate-key$/],
    [{ role: 'root', 'new-key': 'k' }, /^input 'root-key': is required to re-sign root when rotating the root key/],
    [{ role: 'root', 'root-key': 'k' }, /^input 'new-key': is required to rotate the root key/],
    [
      { role: 'snapshot', 'root-key': 'k', 'server-managed': 'false' },
      /^input 'new-key': is required to rotate the snapshot key to a key of yours/,
    ],
    [{ role: 'targets/ci', 'new-key': 'k' }, /^input 'repository-key': is required to re-sign targets when rotating the targets\/ci key/],
    [
      { role: 'releases', 'root-key': 'k' },
      /^input 'role': "releases" is not a role; expected root, targets, snapshot, timestamp or a delegation/,
    ],
  ])('rotate-key %j is refused naming the input', (inputs, message) => {
    const withKeys = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v === 'k' ? KEY.privatePem : v]));
    expect(refused({ command: 'rotate-key', images: IMAGE, ...withKeys })).toMatch(message);
  });
});

describe('inputs every command shares', () => {
  it('takes the Notary server from the input, else DOCKER_CONTENT_TRUST_SERVER, as a bare origin', () => {
    const verify = { command: 'verify', images: IMAGE };
    expect(network({ ...verify, 'notary-server': 'https://notary.example.com/' }).notaryServer).toBe('https://notary.example.com');
    expect(network(verify, { DOCKER_CONTENT_TRUST_SERVER: 'https://n.example:4443' }).notaryServer).toBe('https://n.example:4443');
    expect(refused({ ...verify, 'notary-server': 'https://n.example/path' })).toMatch(
      /^input 'notary-server': .* must be a bare server URL/,
    );
    expect(refused({ ...verify, 'notary-server': 'ftp://n.example' })).toMatch(/^input 'notary-server': .* must use https/);
  });

  it('pins root key IDs and certificates, and refuses anything else', () => {
    const id = 'a'.repeat(64);
    expect([...network({ command: 'verify', images: IMAGE, 'trusted-root-keys': id.toUpperCase() }).pinnedRootKeyIds]).toEqual([id]);
    expect(refused({ command: 'verify', images: IMAGE, 'trusted-root-keys': 'abc' })).toMatch(
      /^input 'trusted-root-keys': "abc" is not a key ID/,
    );
  });

  it('refuses half a credential pair, a bad boolean, a bad day count', () => {
    const verify = { command: 'verify', images: IMAGE };
    expect(refused({ ...verify, 'registry-username': 'ci' })).toMatch(
      /^input 'registry-password': registry-username and registry-password go together/,
    );
    expect(refused({ images: IMAGE, 'signer-key': KEY.privatePem, push: 'maybe' })).toMatch(/^input 'push': "maybe" is not a boolean/);
    expect(refused({ ...verify, 'expiry-warning-days': '-1' })).toMatch(/^input 'expiry-warning-days': "-1" is not a whole number/);
  });

  it('reads images from images-file too, and names images-file when it is not a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dct-inputs-'));
    writeFileSync(join(dir, 'images.txt'), 'registry.example.com/team/app:2.0\n');
    const s = network({ command: 'verify', images: IMAGE, 'images-file': join(dir, 'images.txt') });
    expect(s.images.map((i) => i.tag)).toEqual(['1.0', '2.0']);
    expect(refused({ command: 'verify', 'images-file': dir })).toMatch(/^input 'images-file': .* is not a file/);
  });

  it('refuses an unknown command', () => {
    expect(refused({ command: 'publish' })).toMatch(/^input 'command': "publish" is not a command; expected one of sign, verify/);
  });
});

describe('generate-key', () => {
  it('a key file, or a key on a token, with its passphrase or PIN; a role docker allows', () => {
    expect(settings({ command: 'generate-key', role: 'root', 'key-file': '/tmp/root.key', 'new-key-passphrase': 'pw' })).toMatchObject({
      command: 'generate-key',
      role: 'root',
      destination: { kind: 'file', path: '/tmp/root.key' },
    });
    expect(
      settings({ command: 'generate-key', role: 'root', 'new-key': 'pkcs11:object=root', 'new-key-passphrase': '1234' }),
    ).toMatchObject({
      destination: { kind: 'pkcs11', uri: 'pkcs11:object=root' },
    });
    const base = { command: 'generate-key', role: 'ci', 'key-file': '/tmp/k', 'new-key-passphrase': 'pw' };
    expect(refused({ ...base, role: '' })).toMatch(/^input 'role': is required for command generate-key/);
    expect(refused({ ...base, role: 'Bad' })).toMatch(/^input 'role': "Bad" is not a key name/);
    expect(refused({ ...base, 'new-key-passphrase': '' })).toMatch(/^input 'new-key-passphrase': is required/);
    expect(refused({ ...base, 'new-key': 'pkcs11:object=x' })).toMatch(/^input 'new-key': give key-file .* not both/);
    expect(refused({ ...base, 'key-file': '', 'new-key': 'awskms:///alias/x' })).toMatch(
      /^input 'new-key': for generate-key, expected a pkcs11: URI/,
    );
  });
});

describe('the runtime environment', () => {
  it('names the docker binary, its config and the PKCS#11 module and addon from the environment', () => {
    expect(
      readRuntime({ DCT_SIGN_DOCKER: '/opt/docker', DOCKER_CONFIG: '/cfg', PKCS11_MODULE: '/m.so', DCT_SIGN_PKCS11JS: '/a' }),
    ).toMatchObject({
      dockerPath: '/opt/docker',
      dockerConfigDir: '/cfg',
      pkcs11: { defaultModule: '/m.so', addonPath: '/a' },
    });
    expect(readRuntime({ HOME: '/home/u' })).toMatchObject({
      dockerPath: 'docker',
      pkcs11: { defaultModule: undefined },
      onGitHubRunner: false,
    });
  });

  it('gives child processes their own settings and the cloud logins registry helpers use; never INPUT_* or runner tokens', () => {
    const { childEnv } = readRuntime({
      PATH: '/bin',
      HOME: '/h',
      DOCKER_CONFIG: '/c',
      HTTPS_PROXY: 'http://proxy:3128',
      'INPUT_SIGNER-KEY-PASSPHRASE': 'secret',
      GITHUB_TOKEN: 'ghs_x',
      AWS_SECRET_ACCESS_KEY: 'aws',
      DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE: 'pw',
    });
    expect(childEnv).toEqual({
      PATH: '/bin',
      HOME: '/h',
      DOCKER_CONFIG: '/c',
      HTTPS_PROXY: 'http://proxy:3128',
      AWS_SECRET_ACCESS_KEY: 'aws',
    });
  });
});
