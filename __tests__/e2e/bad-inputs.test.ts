import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { TestKeys } from '../support/repository.js';
import { LocalStack } from '../support/stack.js';

/**
 * Every input with an empty (where required), a garbage, a huge and a credential-bearing value:
 * each gives one `::error::` line that names the input, publishes nothing and echoes no secret.
 */
const SECRET = 'SECRETPW9q';
const HUGE = 'x'.repeat(100_000);
const CRED_URL = `https://user:${SECRET}@evil.example.com/path`;
const CRED_REF = `user:${SECRET}@registry.example.com/team/app:1`;

type Values = Record<string, string>;

describe('bad inputs: one line naming the input, nothing published, no secret echoed', () => {
  let stack: LocalStack;
  const keys = new TestKeys();
  let dir: string;
  const gun = () => `${stack.registry}/bad/app`;

  beforeAll(async () => {
    stack = await LocalStack.start();
    await keys.createRepository(stack, gun());
    stack.makeImage('bad/app', 'v1');
    dir = mkdtempSync(join(stack.dir, 'bad-'));
    writeFileSync(join(dir, 'file'), 'not a key, not a directory');
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const server = (): Values => ({ 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile });
  const bases: Record<string, () => Values> = {
    sign: () => ({ ...server(), images: `${gun()}:v1`, push: 'false', signer: 'ci', 'signer-key': keys.ci.privatePem }),
    verify: () => ({ ...server(), command: 'verify', images: `${gun()}:v1` }),
    'add-signer': () => ({
      ...server(),
      command: 'add-signer',
      images: gun(),
      signer: 'extra',
      'signer-public-key': keys.ci.publicPem,
      'repository-key': keys.targets.privatePem,
    }),
    'rotate-key': () => ({
      ...server(),
      command: 'rotate-key',
      images: gun(),
      role: 'targets/ci',
      'repository-key': keys.targets.privatePem,
      'new-key': keys.ci.privatePem,
    }),
    init: () => ({
      ...server(),
      command: 'init',
      images: gun(),
      'root-key': keys.root.privatePem,
      'repository-key': keys.targets.privatePem,
    }),
  };

  /** [command, input, value, what the error says after `input '<input>': `] */
  const cases: [string, string, () => string, RegExp][] = [
    ['sign', 'command', () => 'frobnicate', /"frobnicate" is not a command/],
    ['sign', 'command', () => HUGE, /is not a command/],
    ['sign', 'command', () => CRED_URL, /"https:\/\/\*\*\*@evil/],
    ['sign', 'images', () => '', /no image given/],
    ['sign', 'images', () => 'Not A Ref', /"Not A Ref" is not a valid image reference/],
    ['sign', 'images', () => HUGE, /is not a valid image reference/],
    ['sign', 'images', () => CRED_REF, /"\*\*\*@registry\.example\.com/],
    ['sign', 'images', () => CRED_URL, /is not a valid image reference/],
    ['sign', 'images-file', () => '/nonexistent/images.txt', /does not exist/],
    ['sign', 'images-file', () => dir, /is not a file/],
    ['sign', 'images-file', () => HUGE, /does not exist/],
    ['sign', 'push', () => 'maybe', /is not a boolean/],
    ['sign', 'push', () => HUGE, /is not a boolean/],
    ['sign', 'oci-layout', () => dir, /is not an OCI image layout/],
    ['sign', 'oci-layout', () => HUGE, /is not an OCI image layout/],
    ['sign', 'notary-server', () => 'not a url', /is not a URL/],
    ['sign', 'notary-server', () => 'ftp://notary.example.com', /must use https/],
    ['sign', 'notary-server', () => HUGE, /is not a URL/],
    ['sign', 'notary-server', () => CRED_URL, /"https:\/\/\*\*\*@evil.* carries credentials/],
    ['sign', 'notary-ca', () => 'garbage', /expected PEM certificate/],
    ['sign', 'notary-ca', () => HUGE, /expected PEM certificate/],
    ['sign', 'notary-ca', () => dir, /is not a file/],
    ['verify', 'notary-server', () => 'https://127.0.0.1:1', /is not reachable .*expected a running Notary server/],
    ['sign', 'insecure-registries', () => '!!!', /"!!!" is not a registry/],
    ['sign', 'insecure-registries', () => HUGE, /is not a registry/],
    ['sign', 'insecure-registries', () => CRED_REF, /"\*\*\*@registry.* is not a registry/],
    ['sign', 'signer', () => 'Not A Name', /is not a signer name/],
    ['sign', 'signer', () => HUGE, /is not a signer name/],
    ['sign', 'signer', () => 'a'.repeat(248), /is not a signer name/],
    ['sign', 'signer-key', () => '', /is required for command sign/],
    ['sign', 'signer-key', () => 'garbage', /expected a PEM private key/],
    ['sign', 'signer-key', () => HUGE, /expected a PEM private key/],
    ['sign', 'signer-key', () => CRED_URL, /expected a PEM private key/],
    ['sign', 'signer-key-file', () => '/nonexistent/key', /does not exist/],
    ['sign', 'signer-key-file', () => dir, /is not a file/],
    ['sign', 'snapshot-key', () => 'garbage', /expected a PEM private key/],
    ['sign', 'trusted-root-keys', () => 'abc', /"abc" is not a key ID/],
    ['sign', 'trusted-root-keys', () => HUGE, /is not a key ID/],
    ['sign', 'trusted-root-keys', () => CRED_URL, /is not a key ID/],
    ['sign', 'expiry-warning-days', () => 'abc', /is not a whole number of days/],
    ['sign', 'expiry-warning-days', () => '-1', /is not a whole number of days/],
    ['sign', 'expiry-warning-days', () => '1e23', /is not a whole number of days/],
    ['sign', 'expiry-warning-days', () => '100000000000000000000000', /is not a whole number of days from 0 to 3650/],
    ['sign', 'request-timeout', () => '0', /is not a number of seconds/],
    ['sign', 'request-timeout', () => HUGE, /is not a number of seconds/],
    ['sign', 'timeout', () => 'soon', /is not a number of seconds/],
    ['sign', 'trust-state', () => join(dir, 'file'), /is not a directory dct-sign can write/],
    ['sign', 'trust-state', () => `/${HUGE}`, /is not a directory dct-sign can write/],
    ['verify', 'required-signers', () => 'Not A Name', /is not a signer name/],
    ['verify', 'required-signers', () => HUGE, /is not a signer name/],
    ['add-signer', 'signer', () => 'releases', /"releases" is reserved/],
    ['add-signer', 'signer-public-key', () => 'garbage', /expected a PEM PUBLIC KEY/],
    ['add-signer', 'signer-public-key', () => HUGE, /expected a PEM PUBLIC KEY/],
    ['add-signer', 'signer-public-key', () => dir, /is not a file/],
    ['add-signer', 'repository-key', () => '', /is required for command add-signer/],
    ['add-signer', 'repository-key', () => keys.ci.privatePem, /is not the targets key/],
    ['rotate-key', 'role', () => 'Not A Role', /is not a role/],
    ['rotate-key', 'role', () => HUGE, /is not a role/],
    ['rotate-key', 'new-key', () => 'garbage', /expected a PEM private key/],
    ['init', 'server-managed', () => 'perhaps', /is not a boolean/],
    ['init', 'root-key', () => HUGE, /expected a PEM private key/],
  ];

  it.each(cases)(
    '%s with %s = %#',
    async (command, input, value, message) => {
      const base = bases[command]!();
      // A -file input replaces its input, which the base gives.
      if (input.endsWith('-file') && input !== 'images-file') delete base[input.slice(0, -'-file'.length)];
      const inputs = { ...base, [input]: value() };
      const result = await expectRefusedWithoutPublishing(
        stack,
        gun(),
        () => stack.runAction(inputs),
        new RegExp(`^::error::input '${input}': .*${message.source}`),
      );
      expect(result.errors[0]!.length).toBeLessThan(1000);
      expect(`${result.stdout}\n${result.stderr}`).not.toContain(SECRET);
    },
    60_000,
  );

  it.each([
    [
      'registry-username',
      { 'registry-username': 'ci' },
      /^::error::input 'registry-password': registry-username and registry-password go together/,
    ],
    [
      'registry-password',
      { 'registry-password': SECRET },
      /^::error::input 'registry-username': registry-username and registry-password go together/,
    ],
    [
      'both a secret and its file',
      { 'registry-username': 'ci', 'registry-password': SECRET, 'registry-password-file': '/etc/hostname' },
      /^::error::input 'registry-password-file': give registry-password or registry-password-file, not both/,
    ],
    ['a wrong passphrase', { 'signer-key-passphrase': SECRET }, /^::error::input 'signer-key-passphrase': /],
  ])(
    'sign with %s',
    async (_name, extra, message) => {
      const base = bases.sign!();
      const inputs = { ...base, ...extra, ...('signer-key-passphrase' in extra ? { 'signer-key': encrypted(keys.ci.privatePem) } : {}) };
      const result = await expectRefusedWithoutPublishing(stack, gun(), () => stack.runAction(inputs), message);
      expect(`${result.stdout}\n${result.stderr}`).not.toContain(SECRET);
    },
    60_000,
  );
});

function encrypted(pem: string): string {
  return createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right-passphrase' }).toString();
}
