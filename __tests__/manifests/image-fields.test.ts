import { describe, expect, it } from '@jest/globals';
import { findImageFields, replaceImageFields, type ImageField } from '../../src/manifests/image-fields.js';
import { manifestReference, pinnedValue } from '../../src/manifests/references.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** Every workload kind, block and flow style, quoting, comments, an anchor, a List and JSON. */
const KUBERNETES = `# rendered by helm
apiVersion: v1
kind: Pod
metadata: {name: web}   # a flow mapping
spec:
  initContainers:
    - name: init
      image: "reg.example/app/init:1"  # double-quoted
  containers:
    - {name: web, image: 'reg.example/app/web:2', ports: [{containerPort: 80}]}
    - name: side
      image: reg.example/app/side   # no tag: latest
  ephemeralContainers:
    - name: debug
      image: &dbg reg.example/tools/debug:3
    - name: debug2
      image: *dbg
---
apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: reg.example/app/job:4
---
# an empty document
---
kind: List
items:
  - kind: Deployment
    spec: {template: {spec: {containers: [{name: a, image: reg.example/app/web:2}]}}}
`;

function values(fields: ImageField[]): string[] {
  return fields.map((f) => f.value);
}

describe('findImageFields', () => {
  it('finds every image: of every document, kind and style, with its line; an alias counts once, at its anchor', () => {
    const fields = findImageFields(KUBERNETES, 'k8s.yaml');
    expect(values(fields)).toEqual([
      'reg.example/app/init:1',
      'reg.example/app/web:2',
      'reg.example/app/side',
      'reg.example/tools/debug:3',
      'reg.example/app/job:4',
      'reg.example/app/web:2',
    ]);
    expect(fields.map((f) => [f.line, f.style])).toEqual([
      [8, 'double-quoted'],
      [10, 'single-quoted'],
      [12, 'plain'],
      [15, 'plain'],
      [28, 'plain'],
      [35, 'plain'],
    ]);
    expect(KUBERNETES.slice(fields[0]!.start, fields[0]!.end)).toBe('"reg.example/app/init:1"');
  });

  it('reads single-quoted flow values and compose files', () => {
    const flow = findImageFields(`containers: [{image: 'r.example/a:1'}]\n`, 'f.yaml');
    expect(flow.map((f) => f.style)).toEqual(['single-quoted']);
    const compose = `services:\n  web:\n    image: r.example/web:1.4 # pinned below\n    build: .\n  db:\n    image: "postgres:16"\n`;
    expect(values(findImageFields(compose, 'compose.yaml'))).toEqual(['r.example/web:1.4', 'postgres:16']);
  });

  it('reads JSON, and leaves an image: mapping (a chart’s values) to its own fields', () => {
    expect(values(findImageFields('{"spec": {"containers": [{"image": "r.example/a:1"}]}}', 'p.json'))).toEqual(['r.example/a:1']);
    expect(values(findImageFields('image:\n  repository: r.example/a\n  tag: "1"\n', 'values.yaml'))).toEqual([]);
  });

  it('names the file, line and column of what it refuses, quoting no other content of the file', () => {
    const secret = 'kind: Secret\ndata: {password: c2VjcmV0}\nspec: [oops\n';
    expect(() => findImageFields(secret, 'bad.yaml')).toThrow(/^bad\.yaml:\d+:\d+: not valid YAML: /);
    try {
      findImageFields(secret, 'bad.yaml');
    } catch (error) {
      expect((error as Error).message).not.toContain('c2VjcmV0');
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', option: 'manifests' });
    }
    expect(() => findImageFields('containers:\n  - image:\n', 'e.yaml')).toThrow(/^e\.yaml:2:\d+: image: has no value/);
    expect(() => findImageFields('containers:\n  - image: 12\n', 'n.yaml')).toThrow(/^n\.yaml:2:\d+: image: is not an image reference/);
    expect(() => findImageFields('---\nx: &a r.example/a:1\n---\nimage: *a\n', 'alias.yaml')).toThrow(
      /^alias\.yaml:4:8: alias \*a has no anchor in its document$/,
    );
    expect(() => findImageFields('a: 1\na: 2\n', 'd.yaml')).toThrow(/^d\.yaml:2:1: not valid YAML: Map keys must be unique/);
  });
});

describe('findImageFields reads keys as kubectl does, and stays linear', () => {
  it('an alias key naming image counts; a tagged key is refused rather than guessed at', () => {
    const aliasKey = 'x: &k image\nspec:\n  containers:\n    - *k : evil.example/app:1\n    - image: good.example/app:1\n';
    expect(values(findImageFields(aliasKey, 'a.yaml'))).toEqual(['evil.example/app:1', 'good.example/app:1']);
    expect(() => findImageFields('containers:\n  - !!binary aW1hZ2U=: evil/app:1\n', 'b.yaml')).toThrow(
      /^b\.yaml:2:14: a key with the tag tag:yaml\.org,2002:binary is not read/,
    );
    expect(values(findImageFields('containers:\n  - !!str image: r.example/a:1\n', 's.yaml'))).toEqual(['r.example/a:1']);
  });

  it('an image volume’s reference is an image', () => {
    const pod = 'spec:\n  volumes:\n    - name: data\n      image: {reference: r.example/data:1, pullPolicy: IfNotPresent}\n';
    expect(findImageFields(pod, 'v.yaml').map((f) => [f.value, f.line])).toEqual([['r.example/data:1', 4]]);
  });

  it('many aliases cost one pass, and more than 10,000 are refused', () => {
    const many = (n: number) => `x: &img r.example/a:1\ncontainers:\n${'  - image: *img\n'.repeat(n)}`;
    const started = performance.now();
    expect(values(findImageFields(many(9_000), 'm.yaml'))).toEqual(['r.example/a:1']);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(() => findImageFields(many(10_001), 'm.yaml')).toThrow(/more than 10000 aliases/);
  });
});

describe('replaceImageFields', () => {
  it('pins every field in its own style, every other byte as it was', () => {
    const fields = findImageFields(KUBERNETES, 'k8s.yaml');
    const replacements = new Map(fields.map((f) => [f, pinnedValue(f.value, manifestReference(f.value, 'k8s.yaml'), DIGEST)]));
    const out = replaceImageFields(KUBERNETES, 'k8s.yaml', fields, replacements);
    expect(values(findImageFields(out, 'k8s.yaml'))).toEqual([
      `reg.example/app/init:1@${DIGEST}`,
      `reg.example/app/web:2@${DIGEST}`,
      `reg.example/app/side:latest@${DIGEST}`,
      `reg.example/tools/debug:3@${DIGEST}`,
      `reg.example/app/job:4@${DIGEST}`,
      `reg.example/app/web:2@${DIGEST}`,
    ]);
    expect(out).toContain(`image: "reg.example/app/init:1@${DIGEST}"  # double-quoted`);
    expect(out).toContain(`image: 'reg.example/app/web:2@${DIGEST}', ports:`);
    expect(out).toContain(`image: &dbg reg.example/tools/debug:3@${DIGEST}\n`);
    expect(out).toContain('image: *dbg\n');
    // Nothing but the values changed.
    const strip = (text: string) => text.replace(/@sha256:[a-f0-9]{64}/g, '').replace('side:latest', 'side');
    expect(strip(out)).toBe(KUBERNETES);
  });

  it('refuses to pin a block scalar rather than guess its layout', () => {
    const text = 'containers:\n  - image: >-\n      r.example/a:1\n';
    const [field] = findImageFields(text, 'b.yaml');
    expect(field!.value).toBe('r.example/a:1');
    expect(() => replaceImageFields(text, 'b.yaml', [field!], new Map([[field!, `r.example/a:1@${DIGEST}`]]))).toThrow(
      /^b\.yaml:2:\d+: image: is a block scalar/,
    );
  });
});

describe('manifest references', () => {
  it('no tag is latest; a digest alone is refused; a bad name names the file and line', () => {
    expect(manifestReference('nginx', 'f:1')).toMatchObject({ registry: 'docker.io', repository: 'library/nginx', tag: 'latest' });
    expect(manifestReference(`r.example/a:1@${DIGEST}`, 'f:1')).toMatchObject({ tag: '1', digest: DIGEST });
    expect(() => manifestReference(`r.example/a@${DIGEST}`, 'f.yaml:3')).toThrow(
      /^f\.yaml:3: r\.example\/a@sha256:a+ pins a digest but no tag/,
    );
    expect(() => manifestReference('R.example/A:1', 'f.yaml:4')).toThrow(/^f\.yaml:4: "R\.example\/A:1" is not a valid image reference/);
  });

  it('pins the name as written, its tag or latest, and replaces an old digest', () => {
    expect(pinnedValue('nginx', { tag: 'latest' }, DIGEST)).toBe(`nginx:latest@${DIGEST}`);
    expect(pinnedValue('localhost:5000/app', { tag: 'latest' }, DIGEST)).toBe(`localhost:5000/app:latest@${DIGEST}`);
    expect(pinnedValue(`r.example/a:1@sha256:${'b'.repeat(64)}`, { tag: '1' }, DIGEST)).toBe(`r.example/a:1@${DIGEST}`);
  });
});
