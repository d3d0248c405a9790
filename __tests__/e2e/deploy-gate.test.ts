import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStack, type RunResult } from '../support/stack.js';
import { TestKeys, expectSuccess } from '../support/repository.js';

/**
 * verify as the deploy gate: a trust policy over repositories with different roots and signers,
 * the images of Kubernetes and compose manifests verified and pinned, all files or none.
 */
describe('command: verify with a policy and manifests', () => {
  let stack: LocalStack;
  const team = new TestKeys();
  const tools = new TestKeys();
  let teamRoot = '';
  let toolsRoot = '';
  const digests: Record<string, string> = {};
  const gun = (repo: string) => `${stack.registry}/${repo}`;

  const verify = (dir: string, inputs: Record<string, string>): Promise<RunResult> =>
    stack.runAction({ command: 'verify', 'notary-server': stack.notaryUrl, 'notary-ca': stack.caFile, ...inputs });

  /** A policy with overlapping globs: team/* (team's root, signer ci) is more specific than gate/** (tools' root, releases and ci). */
  const policy = (teamRule: { root?: string; signers?: string } = {}) => `# the deploy gate
version: 1
repositories:
  - match: ${stack.registry}/gate/team/*   # the team's repositories
    trusted-root-keys: [${teamRule.root ?? teamRoot}]
    required-signers: [${teamRule.signers ?? 'ci'}]
  - match: "${stack.registry}/gate/**"
    trusted-root-keys:
      - ${toolsRoot}
    required-signers: releases, ci
`;

  const kubernetes = () => `# Source: app/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, labels: {app: api}}
spec:
  template:
    spec:
      initContainers:
        - {name: migrate, image: "${gun('gate/team/api')}:v1", args: [migrate]}
      containers:
        - name: api
          image: ${gun('gate/team/api')}:v1   # the API
          ports: [{containerPort: 8080}]
---
# Source: app/templates/cronjob.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: lint
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: lint
              image: '${gun('gate/tools/lint')}:2'
          ephemeralContainers:
            - name: debug
              image: ${gun('gate/team/web')}
`;

  const compose = () => `services:
  web:
    image: ${gun('gate/team/web')}:latest # the front end
    ports: ["80:80"]
  lint:
    image: "${gun('gate/tools/lint')}:2"
`;

  /** A working directory with the two manifests and the policy, as a checkout would have them. */
  function workspace(policyText = policy()): { dir: string; files: string[]; read: () => string[] } {
    const dir = mkdtempSync(join(stack.dir, 'ws-'));
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', 'app.yaml'), kubernetes());
    writeFileSync(join(dir, 'compose.yaml'), compose());
    writeFileSync(join(dir, 'policy.yml'), policyText);
    const files = [join(dir, 'k8s', 'app.yaml'), join(dir, 'compose.yaml')];
    return { dir, files, read: () => files.map((f) => readFileSync(f, 'utf8')) };
  }

  const inputs = (dir: string, extra: Record<string, string> = {}) => ({
    policy: join(dir, 'policy.yml'),
    manifests: `${join(dir, 'k8s', '*.yaml')}\n${join(dir, 'compose.yaml')}`,
    'pin-manifests': 'true',
    ...extra,
  });

  beforeAll(async () => {
    stack = await LocalStack.start();
    teamRoot = await team.createRepository(stack, gun('gate/team/api'));
    await team.createRepository(stack, gun('gate/team/web'));
    toolsRoot = await tools.createRepository(stack, gun('gate/tools/lint'));
    digests.api = stack.makeImage('gate/team/api', 'v1').digest;
    stack.makeImage('gate/team/api', 'v2'); // pushed, never signed
    digests.web = stack.makeImage('gate/team/web', 'latest').digest;
    digests.lint = stack.makeImage('gate/tools/lint', '2').digest;
    const sign = (keys: TestKeys, images: string) =>
      stack.runAction({
        'notary-server': stack.notaryUrl,
        'notary-ca': stack.caFile,
        push: 'false',
        signer: 'ci',
        'signer-key': keys.ci.privatePem,
        images,
      });
    expectSuccess(await sign(team, `${gun('gate/team/api')}:v1\n${gun('gate/team/web')}:latest`));
    expectSuccess(await sign(tools, `${gun('gate/tools/lint')}:2`));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('verifies every image by the rule that matches it, pins the files in place, and a second run changes nothing', async () => {
    const ws = workspace();
    const result = expectSuccess(await verify(ws.dir, inputs(ws.dir)));
    expect(result.outputs['pinned-manifests']!.split('\n')).toEqual(ws.files);
    const [k8s, composeText] = ws.read();
    // Each value pinned in its own quoting; every other byte as it was.
    const expectedK8s = kubernetes()
      .replace(`"${gun('gate/team/api')}:v1"`, `"${gun('gate/team/api')}:v1@${digests.api}"`)
      .replace(`image: ${gun('gate/team/api')}:v1   #`, `image: ${gun('gate/team/api')}:v1@${digests.api}   #`)
      .replace(`'${gun('gate/tools/lint')}:2'`, `'${gun('gate/tools/lint')}:2@${digests.lint}'`)
      .replace(`image: ${gun('gate/team/web')}\n`, `image: ${gun('gate/team/web')}:latest@${digests.web}\n`);
    expect(k8s).toBe(expectedK8s);
    expect(composeText).toBe(
      compose()
        .replace(`${gun('gate/team/web')}:latest #`, `${gun('gate/team/web')}:latest@${digests.web} #`)
        .replace(`"${gun('gate/tools/lint')}:2"`, `"${gun('gate/tools/lint')}:2@${digests.lint}"`),
    );
    expect(result.outputs.digests!.split('\n').sort()).toEqual(
      [
        `${gun('gate/team/api')}@${digests.api}`,
        `${gun('gate/team/web')}@${digests.web}`,
        `${gun('gate/tools/lint')}@${digests.lint}`,
      ].sort(),
    );
    // One row per image: the rule, the signers, the digest and the earliest expiry.
    expect(result.summary).toContain('<th>Rule</th>');
    expect(result.summary).toMatch(new RegExp(`${gun('gate/team/api')}:v1</td><td>${join(ws.dir, 'policy.yml')}:4 \\(`));
    expect(result.summary).toMatch(new RegExp(`${gun('gate/tools/lint')}:2</td><td>${join(ws.dir, 'policy.yml')}:7 \\(`));
    expect(result.summary).toContain(`<code>${digests.lint}</code>`);
    expect(result.summary).toMatch(/<td>targets: \d{4}-\d\d-\d\dT[^<]+ \(109\d days\)<\/td><\/tr>/);

    const again = expectSuccess(await verify(ws.dir, inputs(ws.dir)));
    expect(again.outputs['pinned-manifests']).toBe('');
    expect(ws.read()).toEqual([k8s, composeText]);
  }, 120_000);

  it('an image pinned to another digest than its tag is signed for fails, and no file changes', async () => {
    const ws = workspace();
    const other = `sha256:${'0'.repeat(64)}`;
    writeFileSync(ws.files[1]!, compose().replace(`"${gun('gate/tools/lint')}:2"`, `"${gun('gate/tools/lint')}:2@${other}"`));
    const before = ws.read();
    const result = await verify(ws.dir, inputs(ws.dir));
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toContain(`pins ${other}, but the signed tag is ${digests.lint}`);
    expect(result.errors.join('\n')).toContain(`${ws.files[1]}:6`);
    expect(ws.read()).toEqual(before);
  }, 60_000);

  const refusals: [string, (ws: ReturnType<typeof workspace>) => { inputs: Record<string, string>; message: RegExp }][] = [
    [
      'a missing file',
      (ws) => ({
        inputs: inputs(ws.dir, { manifests: `${ws.files[0]}\n${join(ws.dir, 'missing.yaml')}` }),
        message: /input 'manifests': ".*missing\.yaml" does not exist/,
      }),
    ],
    [
      'a file that is not YAML',
      (ws) => {
        writeFileSync(join(ws.dir, 'broken.yaml'), 'spec: [containers\n');
        return {
          inputs: inputs(ws.dir, { manifests: `${ws.files[0]}\n${join(ws.dir, 'broken.yaml')}` }),
          message: /input 'manifests': .*broken\.yaml:\d+:\d+: not valid YAML/,
        };
      },
    ],
    [
      'a directory',
      (ws) => ({
        inputs: inputs(ws.dir, { manifests: `${ws.files[0]}\n${join(ws.dir, 'k8s')}` }),
        message: /input 'manifests': ".*k8s" is not a file/,
      }),
    ],
    [
      'a glob that matches nothing',
      (ws) => ({
        inputs: inputs(ws.dir, { manifests: `${ws.files[0]}\n${join(ws.dir, 'helm', '*.yaml')}` }),
        message: /input 'manifests': ".*helm\/\*\.yaml" matches no file/,
      }),
    ],
    [
      'an image no rule matches',
      (ws) => {
        writeFileSync(join(ws.dir, 'other.yaml'), `containers: [{image: ${gun('elsewhere/app')}:1}]\n`);
        return {
          inputs: inputs(ws.dir, { manifests: `${ws.files.join('\n')}\n${join(ws.dir, 'other.yaml')}` }),
          message: new RegExp(
            `${gun('elsewhere/app')}:1 \\(.*other\\.yaml:1\\): no policy rule matches ${gun('elsewhere/app')}, so it is denied`,
          ),
        };
      },
    ],
    [
      'a required signer missing',
      (ws) => {
        writeFileSync(join(ws.dir, 'policy.yml'), policy({ signers: 'ci, alice' }));
        return {
          inputs: inputs(ws.dir),
          message: new RegExp(`${gun('gate/team/api')}:v1 \\(.*app\\.yaml:9, .*app\\.yaml:12\\): .*has no signer alice`),
        };
      },
    ],
    [
      'a tag that is not signed',
      (ws) => {
        writeFileSync(ws.files[1]!, `${compose()}  api:\n    image: ${gun('gate/team/api')}:v2\n`);
        return { inputs: inputs(ws.dir), message: /tag v2 is not signed by targets\/ci/ };
      },
    ],
    [
      'a wrong root',
      (ws) => {
        writeFileSync(join(ws.dir, 'policy.yml'), policy({ root: toolsRoot }));
        return { inputs: inputs(ws.dir), message: new RegExp(`${gun('gate/team/api')}:v1 .*root`) };
      },
    ],
    [
      'a malformed policy',
      (ws) => {
        writeFileSync(join(ws.dir, 'policy.yml'), policy().replace('required-signers: [ci]', 'required-signer: [ci]'));
        return { inputs: inputs(ws.dir), message: /input 'policy': .*policy\.yml:6:5: repositories\[0\]\.required-signer: unknown field/ };
      },
    ],
    [
      'trusted-root-keys beside a policy',
      (ws) => ({
        inputs: inputs(ws.dir, { 'trusted-root-keys': teamRoot }),
        message: /input 'trusted-root-keys': cannot be given with policy/,
      }),
    ],
  ];

  it.each(refusals)(
    'refuses %s, naming the image or the file, and leaves every file byte-identical',
    async (_name, make) => {
      const ws = workspace();
      const { inputs: given, message } = make(ws);
      const before = ws.read();
      const result = await verify(ws.dir, given);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(message);
      expect(result.outputs['pinned-manifests']).toBeUndefined();
      expect(ws.read()).toEqual(before);
    },
    60_000,
  );

  it('500 images through a policy and manifests take no more registry and Notary look-ups than through images', async () => {
    const repos = ['gate/bulk/r0', 'gate/bulk/r1', 'gate/bulk/r2', 'gate/bulk/r3', 'gate/bulk/r4'];
    const refs: string[] = [];
    for (const repo of repos) {
      await team.createRepository(stack, gun(repo));
      stack.makeImage(repo, 't0');
      const tags = Array.from({ length: 100 }, (_, i) => `t${i}`);
      await stack.addTags(repo, 't0', tags.slice(1));
      refs.push(...tags.map((t) => `${gun(repo)}:${t}`));
    }
    const dir = mkdtempSync(join(stack.dir, 'bulk-'));
    writeFileSync(join(dir, 'images.txt'), `${refs.join('\n')}\n`);
    expectSuccess(
      await stack.runAction({
        'notary-server': stack.notaryUrl,
        'notary-ca': stack.caFile,
        push: 'false',
        signer: 'ci',
        'signer-key': team.ci.privatePem,
        'images-file': join(dir, 'images.txt'),
      }),
    );
    // The same 500 images, each named twice across two manifests.
    const list = (part: string[]) =>
      `apiVersion: v1\nkind: List\nitems:\n${part.map((r) => `  - kind: Pod\n    spec: {containers: [{name: c, image: "${r}"}]}\n`).join('')}`;
    writeFileSync(join(dir, 'a.yaml'), list(refs));
    writeFileSync(join(dir, 'b.yaml'), list([...refs].reverse()));
    writeFileSync(
      join(dir, 'policy.yml'),
      `version: 1\nrepositories:\n  - match: ${stack.registry}/gate/bulk/*\n    trusted-root-keys: [${teamRoot}]\n    required-signers: [ci]\n`,
    );

    const count = async (run: () => Promise<RunResult>) => {
      await stack.logsSettled();
      const [registry, notary] = [stack.registryRequests().length, stack.notaryRequests().length];
      const result = expectSuccess(await run());
      await stack.logsSettled();
      return { registry: stack.registryRequests().length - registry, notary: stack.notaryRequests().length - notary, result };
    };
    const byImages = await count(() =>
      verify(dir, { 'images-file': join(dir, 'images.txt'), 'trusted-root-keys': teamRoot, 'required-signers': 'ci' }),
    );
    const byPolicy = await count(() =>
      verify(dir, {
        policy: join(dir, 'policy.yml'),
        manifests: `${join(dir, 'a.yaml')}\n${join(dir, 'b.yaml')}`,
        'pin-manifests': 'true',
      }),
    );
    expect(byImages.registry).toBeGreaterThanOrEqual(500);
    expect(byPolicy.registry).toBeLessThanOrEqual(byImages.registry);
    expect(byPolicy.notary).toBeLessThanOrEqual(byImages.notary);
    expect(byPolicy.result.outputs['pinned-manifests']!.split('\n')).toHaveLength(2);
    expect(byPolicy.result.outputs.digests!.split('\n')).toHaveLength(5); // one digest per repository: every tag is the same manifest
    process.stdout.write(
      `500 images: registry ${byImages.registry} vs ${byPolicy.registry}, notary ${byImages.notary} vs ${byPolicy.notary}\n`,
    );
  }, 300_000);
});
