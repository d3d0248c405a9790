import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, type Command } from '../src/action/inputs.js';
import { INPUT_NAMES } from '../src/action/input-names.js';
import { SECRET_INPUTS } from '../src/action/secret-inputs.js';
import { COMMAND_INPUTS, inputsOf, parseCommandLine, parseInputDescriptions, readInputDescriptions } from '../src/cli.js';
import { REPO_ROOT } from './support/stack.js';

describe('parseCommandLine', () => {
  it('--version, --help, <command> --help', async () => {
    expect(await parseCommandLine(['--version'])).toEqual({ kind: 'version' });
    const help = await parseCommandLine(['--help']);
    expect(help).toMatchObject({ kind: 'help', exitCode: 0 });
    for (const command of COMMANDS) expect(help.kind === 'help' && help.text).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    // No command at all is a mistake: usage, on stderr, exit 1.
    expect(await parseCommandLine([])).toMatchObject({ kind: 'help', exitCode: 1 });
    const verify = await parseCommandLine(['verify', '--images', 'r.example/a:1', '-h']);
    expect(verify).toMatchObject({ kind: 'help', exitCode: 0, text: expect.stringMatching(/^usage: dct-sign verify /) });
  });

  it('takes --name VALUE and --name=VALUE for inputs and the -file twins of secrets', async () => {
    expect(
      await parseCommandLine([
        'sign',
        '--images=r.example/a:1,r.example/b:2',
        '--signer-key-file',
        'ci.key',
        '--signer-key-passphrase-file=ci.pass',
        '--push',
        'false',
        '--signer',
        '--odd-but-a-value',
      ]),
    ).toEqual({
      kind: 'run',
      command: 'sign',
      flags: new Map([
        ['images', 'r.example/a:1,r.example/b:2'],
        ['signer-key-file', 'ci.key'],
        ['signer-key-passphrase-file', 'ci.pass'],
        ['push', 'false'],
        ['signer', '--odd-but-a-value'],
      ]),
    });
    expect(await parseCommandLine(['verify', '--trusted-root-keys='])).toMatchObject({ flags: new Map([['trusted-root-keys', '']]) });
  });

  it.each([
    [['sing', '--images', 'a:1'], /^"sing" is not a command; expected one of sign, verify, inspect, /],
    [['--images', 'a:1'], /^the command comes first; expected one of sign, /],
    [['verify', '--trusted-root-key', 'ab'], /^--trusted-root-key is not an input; see dct-sign verify --help$/],
    [['verify', '--command', 'sign'], /^--command is not an input/],
    [['verify', '--images'], /^--images needs a value: --images VALUE or --images=VALUE$/],
    [['verify', 'a:1'], /^unexpected argument "a:1"; expected --<input-name> VALUE/],
    [['verify', '-i', 'a:1'], /^unexpected argument "-i"/],
    [['verify', '--images', 'a:1', '--images', 'b:1'], /^--images is given twice/],
    [['sign', '--signer-public-key-file', 'p'], /^--signer-public-key-file is not an input/],
  ])('refuses %j in one line', async (argv, message) => {
    const line = await parseCommandLine(argv);
    expect(line).toEqual({ kind: 'refused', message: expect.stringMatching(message) as unknown });
    expect(line.kind === 'refused' && line.message).not.toContain('\n');
  });
});

/** docs/inputs.md's "used by" column, as the commands it names (every `| input | used by |` table). */
function documentedUse(): Map<string, Set<Command>> {
  const publishing: Command[] = ['sign', 'init', 'add-signer', 'remove-signer', 'rotate-key', 'renew'];
  const use = new Map<string, Set<Command>>();
  const text = readFileSync(join(REPO_ROOT, 'docs', 'inputs.md'), 'utf8');
  for (const table of text.split(/\n(?=\| input +\| used by)/).slice(1)) {
    for (const row of table.split('\n').slice(2)) {
      if (!row.startsWith('|')) break;
      const [inputs, usedBy] = row
        .split('|')
        .slice(1, 3)
        .map((cell) => cell.trim());
      const commands = new Set<Command>();
      for (const part of usedBy!.split(',').map((p) => p.trim())) {
        if (part === 'all') COMMANDS.forEach((c) => commands.add(c));
        else if (part === 'all but generate-key') COMMANDS.filter((c) => c !== 'generate-key').forEach((c) => commands.add(c));
        else if (part === 'every command that publishes') publishing.forEach((c) => commands.add(c));
        else if ((COMMANDS as readonly string[]).includes(part)) commands.add(part as Command);
        else throw new Error(`docs/inputs.md: "${part}" in the used-by column is not a command`);
      }
      for (const m of inputs!.matchAll(/`([a-z-]+)`/g)) use.set(m[1]!, new Set(commands));
    }
  }
  return use;
}

describe('the inputs each command lists in its help', () => {
  it('are the commands docs/inputs.md says use each input', () => {
    const listed = new Map<string, Set<Command>>();
    for (const command of COMMANDS) for (const input of inputsOf(command)) listed.set(input, (listed.get(input) ?? new Set()).add(command));
    const documented = documentedUse();
    // add-signer reads a token's PIN for signer-public-key from signer-key-passphrase (docs/inputs.md says so in prose).
    documented.get('signer-key-passphrase')?.add('add-signer');
    const sorted = (map: Map<string, Set<Command>>): Record<string, Command[]> =>
      Object.fromEntries([...map].map(([input, commands]): [string, Command[]] => [input, [...commands].sort()]).sort());
    expect(sorted(listed)).toEqual(sorted(documented));
  });

  it('cover every input of action.yml, with the -file twins of secrets beside them', () => {
    const twins = new Set(SECRET_INPUTS.map((name) => `${name}-file`));
    const listed = new Set(COMMANDS.flatMap((command) => inputsOf(command)));
    expect(INPUT_NAMES.filter((name) => name !== 'command' && !twins.has(name) && !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !INPUT_NAMES.includes(name))).toEqual([]);
    expect(Object.keys(COMMAND_INPUTS).sort()).toEqual([...COMMANDS].sort());
  });

  it('are described from action.yml, quotes undone', () => {
    const descriptions = readInputDescriptions();
    expect(INPUT_NAMES.filter((name) => !descriptions.get(name))).toEqual([]);
    expect(descriptions.get('push')).toMatch(/^sign: true to push each tag/);
    expect(
      parseInputDescriptions(
        "name: x\ninputs:\n  a:\n    description: 'it''s here'\n    default: ''\n  b:\n    description: \"say \\\"so\\\"\"\noutputs:\n  c:\n    description: 'not an input'\n",
      ),
    ).toEqual(
      new Map([
        ['a', "it's here"],
        ['b', 'say "so"'],
      ]),
    );
  });
});
