import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/stack.js';

/** The names under `inputs:` and `outputs:` of action.yml (two-space keys of each block). */
function names(section: 'inputs' | 'outputs'): string[] {
  const text = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
  const block = text.split(new RegExp(`^${section}:\\n`, 'm'))[1]!.split(/^\S/m)[0]!;
  return [...block.matchAll(/^ {2}([a-z][a-z-]*):$/gm)].map((m) => m[1]!);
}

const docs = readFileSync(join(REPO_ROOT, 'docs', 'inputs.md'), 'utf8');
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('every input and output is documented', () => {
  it.each(names('inputs'))('input %s: in docs/inputs.md and the README', (name) => {
    expect(docs).toContain(`\`${name}\``);
    expect(readme).toContain(`\`${name}\``);
  });

  it.each(names('outputs'))('output %s: in docs/inputs.md and the README', (name) => {
    expect(docs).toContain(`\`${name}\``);
    expect(readme).toContain(`\`${name}\``);
  });

  it('finds them all (the parse of action.yml works)', () => {
    expect(names('inputs').length).toBeGreaterThan(40);
    expect(names('outputs')).toEqual(expect.arrayContaining(['digests', 'trust-data', 'root-key-id']));
  });
});

describe('the lists the code keeps of the inputs and the version', () => {
  it('INPUT_NAMES is action.yml’s inputs', async () => {
    const { INPUT_NAMES } = await import('../src/action/input-names.js');
    expect([...INPUT_NAMES].sort()).toEqual(names('inputs').sort());
  });

  it('VERSION is package.json’s version', async () => {
    const { VERSION } = await import('../src/version.js');
    expect(VERSION).toBe((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
