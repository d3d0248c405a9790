import { describe, expect, it } from '@jest/globals';
import { parseTrustPolicy } from '../../src/action/policy-file.js';
import { InputError } from '../../src/errors.js';

const ROOT = 'ba3e7c3a'.repeat(8);
const OTHER = '1e23456789'.repeat(6) + '1234'; // digits and one `e`: a number, were values not read as strings

function refusal(text: string): string {
  try {
    parseTrustPolicy(text, 'deploy/policy.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('policy');
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('parseTrustPolicy', () => {
  it('reads the documented example: rules in order, their source lines, IDs lower-cased, signers from a list or a string', () => {
    const policy = parseTrustPolicy(
      `version: 1
repositories:
  - match: registry.example.com/team/*     # the most specific match wins
    notary-server: https://notary.example.com/
    trusted-root-keys: [${ROOT.toUpperCase()}]
    required-signers: [releases, alice]
  - match: registry.example.com/tools/*
    trusted-root-keys:
      - ${OTHER}
    required-signers: "releases, bob"
`,
      'deploy/policy.yml',
    );
    expect(policy.rules).toEqual([
      {
        match: 'registry.example.com/team/*',
        source: 'deploy/policy.yml:3',
        notaryServer: 'https://notary.example.com',
        trustedRootKeyIds: new Set([ROOT]),
        requiredSigners: ['releases', 'alice'],
      },
      {
        match: 'registry.example.com/tools/*',
        source: 'deploy/policy.yml:7',
        trustedRootKeyIds: new Set([OTHER]),
        requiredSigners: ['releases', 'bob'],
      },
    ]);
  });

  it('reads JSON', () => {
    const policy = parseTrustPolicy(
      JSON.stringify({ version: 1, repositories: [{ match: 'r.example/**', 'trusted-root-keys': [ROOT] }] }, null, 2),
      'p.json',
    );
    expect(policy.rules).toEqual([{ match: 'r.example/**', source: 'p.json:4', trustedRootKeyIds: new Set([ROOT]), requiredSigners: [] }]);
  });

  it.each([
    ['version: 1\nrepositories: [\n', /^deploy\/policy\.yml:\d+:\d+: not valid YAML or JSON: /],
    ['- a\n', /^deploy\/policy\.yml:1:1: policy: expected a mapping/],
    ['version: 2\nrepositories: []\n', /^deploy\/policy\.yml:1:10: version: expected 1$/],
    ['version: 1\n', /^deploy\/policy\.yml:1:1: repositories: expected a list of rules/],
    ['version: 1\nrepositories: []\nrules: []\n', /^deploy\/policy\.yml:3:1: rules: unknown field; expected version, repositories$/],
    [
      `version: 1\nrepositories:\n  - match: r.example/*\n    trusted-root-keys: [${ROOT}]\n    required-signer: [alice]\n`,
      /^deploy\/policy\.yml:5:5: repositories\[0\]\.required-signer: unknown field; expected match, notary-server, trusted-root-keys, required-signers$/,
    ],
    [`version: 1\nrepositories:\n  - trusted-root-keys: [${ROOT}]\n`, /^deploy\/policy\.yml:3:5: repositories\[0\]\.match: is required/],
    [
      `version: 1\nrepositories:\n  - match: "r.example/{a,b}"\n    trusted-root-keys: [${ROOT}]\n`,
      /^deploy\/policy\.yml:3:12: repositories\[0\]\.match: "r\.example\/\{a,b\}" is not a glob/,
    ],
    ['version: 1\nrepositories:\n  - match: r.example/*\n', /^deploy\/policy\.yml:3:5: repositories\[0\]\.trusted-root-keys: is required/],
    [
      'version: 1\nrepositories:\n  - match: r.example/*\n    trusted-root-keys: [abc]\n',
      /^deploy\/policy\.yml:4:25: repositories\[0\]\.trusted-root-keys\[0\]: "abc" is not a key ID; expected 64 hex characters/,
    ],
    [
      `version: 1\nrepositories:\n  - match: r.example/*\n    trusted-root-keys: [${ROOT}]\n    notary-server: ftp://n.example\n`,
      /^deploy\/policy\.yml:5:20: repositories\[0\]\.notary-server: "ftp:\/\/n\.example" must use https:\/\//,
    ],
    [
      `version: 1\nrepositories:\n  - match: r.example/*\n    trusted-root-keys: [${ROOT}]\n    required-signers: [Alice]\n`,
      /^deploy\/policy\.yml:5:24: repositories\[0\]\.required-signers\[0\]: "Alice" is not a signer name/,
    ],
    [
      `version: 1\nrepositories:\n  - match: r.example/*\n    trusted-root-keys: [${ROOT}]\n  - match: r.example/*\n    trusted-root-keys: [${ROOT}]\n`,
      /^deploy\/policy\.yml:5:5: repositories\[1\]\.match: "r\.example\/\*" is already the match of repositories\[0\] \(deploy\/policy\.yml:3\)$/,
    ],
    [
      `version: 1\nrepositories:\n  - match: r.example/*\n    trusted-root-keys: {a: b}\n`,
      /^deploy\/policy\.yml:4:24: repositories\[0\]\.trusted-root-keys: expected a string/,
    ],
  ])('refuses %j naming the file, line and field', (text, message) => {
    expect(refusal(text)).toMatch(message);
  });
});
