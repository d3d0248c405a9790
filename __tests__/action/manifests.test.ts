import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imagesToVerify, pinManifests, readManifests } from '../../src/action/manifests.js';
import { gunOf, parseImageReference, type ImageReference } from '../../src/registry/reference.js';

const digestFor = (ref: ImageReference) =>
  `sha256:${Buffer.from(`${gunOf(ref)}:${ref.tag}`)
    .toString('hex')
    .padEnd(64, '0')
    .slice(0, 64)}`;

describe('manifests: reading, and pinning all files or none', () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), 'dct-manifests-'));
    process.chdir(dir);
    mkdirSync('k8s/base', { recursive: true });
    writeFileSync('k8s/base/app.yaml', 'spec:\n  containers:\n    - image: r.example/app:1 # app\n    - image: "r.example/app:1"\n');
    writeFileSync('k8s/jobs.yml', 'spec: {containers: [{image: r.example/job}]}\n');
    writeFileSync('compose.yaml', 'services:\n  web:\n    image: r.example/app:1\n');
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('expands globs in order, reads each file once, and names each image once with where it was found', () => {
    const files = readManifests('k8s/**/*.y*ml\ncompose.yaml\n./compose.yaml\n');
    expect(files.map((f) => f.path)).toEqual(['k8s/base/app.yaml', 'k8s/jobs.yml', 'compose.yaml']);
    const given = parseImageReference('r.example/app:1');
    const { images, foundIn } = imagesToVerify([given], files);
    expect(images.map((r) => `${gunOf(r)}:${r.tag}`)).toEqual(['r.example/app:1', 'r.example/job:latest']);
    expect(images[0]).toBe(given);
    expect(foundIn.get(given)).toEqual(['k8s/base/app.yaml:3', 'k8s/base/app.yaml:4', 'compose.yaml:3']);
  });

  it('refuses a glob that matches nothing, a missing file, a directory, and nothing to verify', () => {
    expect(() => readManifests('helm/*.yaml')).toThrow(
      expect.objectContaining({ input: 'manifests', message: expect.stringMatching(/^"helm\/\*\.yaml" matches no file/) }),
    );
    expect(() => readManifests('k8s/missing.yaml')).toThrow(/^"k8s\/missing\.yaml" does not exist/);
    expect(() => readManifests('k8s')).toThrow(/^"k8s" is not a file/);
    writeFileSync('empty.yaml', 'kind: ConfigMap\n');
    expect(() => imagesToVerify([], readManifests('empty.yaml'))).toThrow(/^no image: field in any of the files/);
  });

  it('pins in place, keeps file modes and symlinks, and a second run changes nothing', () => {
    chmodSync('k8s/jobs.yml', 0o640);
    symlinkSync('k8s/base/app.yaml', 'link.yaml');
    const files = readManifests('link.yaml\nk8s/*.yml\ncompose.yaml');
    const { refOf } = imagesToVerify([], files);
    expect(pinManifests(files, refOf, digestFor)).toEqual(['link.yaml', 'k8s/jobs.yml', 'compose.yaml']);
    const app = readFileSync('k8s/base/app.yaml', 'utf8');
    expect(app).toBe(
      `spec:\n  containers:\n    - image: r.example/app:1@${digestFor(parseImageReference('r.example/app:1'))} # app\n    - image: "r.example/app:1@${digestFor(parseImageReference('r.example/app:1'))}"\n`,
    );
    expect(readFileSync('k8s/jobs.yml', 'utf8')).toMatch(
      /^spec: \{containers: \[\{image: r\.example\/job:latest@sha256:[0-9a-f]{64}\}\]\}\n$/,
    );
    expect(statSync('k8s/jobs.yml').mode & 0o777).toBe(0o640);
    expect(lstatSync('link.yaml').isSymbolicLink()).toBe(true);
    const again = readManifests('link.yaml\nk8s/*.yml\ncompose.yaml');
    expect(pinManifests(again, imagesToVerify([], again).refOf, digestFor)).toEqual([]);
  });

  it('a file that cannot be written leaves every file as it was, and no temporary file behind', () => {
    const files = readManifests('compose.yaml\nk8s/base/app.yaml');
    const before = files.map((f) => readFileSync(f.path, 'utf8'));
    rmSync('k8s/base', { recursive: true }); // the second file's directory goes away
    expect(() => pinManifests(files, imagesToVerify([], files).refOf, digestFor)).toThrow(
      expect.objectContaining({ code: 'MANIFEST_WRITE_FAILED', message: expect.stringMatching(/no file was changed$/) }),
    );
    expect(readFileSync('compose.yaml', 'utf8')).toBe(before[0]);
    expect(readdirSync('.').filter((n) => n.includes('dct-sign'))).toEqual([]);
  });
});
