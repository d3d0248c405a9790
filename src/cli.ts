import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from './action/inputs.js';
import { VERSION } from './version.js';

/**
 * The command line over the same core as the action. Only this file and version.ts load for
 * `--version`: the input lists come in for parsing and help, the core (main.js, every SDK) only
 * for a command that runs.
 */

/** What each command reads: the action's inputs (docs/inputs.md, "used by"; a test holds the two together). */
const NETWORK_INPUTS = [
  'images',
  'images-file',
  'notary-server',
  'notary-ca',
  'insecure-registries',
  'registry-username',
  'registry-password',
  'trusted-root-keys',
  'trust-state',
  'expiry-warning-days',
  'request-timeout',
  'timeout',
] as const;
const SNAPSHOT_KEY = ['snapshot-key', 'snapshot-key-passphrase'] as const;
const REPOSITORY_KEY = ['repository-key', 'repository-key-passphrase'] as const;
const ROOT_KEY = ['root-key', 'root-key-passphrase'] as const;

export const COMMAND_INPUTS: Readonly<Record<Command, { own: readonly string[]; network: boolean }>> = {
  sign: { own: ['push', 'oci-layout', 'signer', 'signer-key', 'signer-key-passphrase', ...SNAPSHOT_KEY], network: true },
  verify: { own: ['required-signers', 'policy', 'manifests', 'pin-manifests', 'registry-check'], network: true },
  inspect: { own: ['trust-data-file'], network: true },
  init: { own: [...ROOT_KEY, ...REPOSITORY_KEY, 'server-managed', ...SNAPSHOT_KEY], network: true },
  // signer-key-passphrase: the PIN of a token that signer-public-key reads from (inputs.ts readPublicKeySetting).
  'add-signer': { own: ['signer', 'signer-public-key', 'signer-key-passphrase', ...REPOSITORY_KEY, ...SNAPSHOT_KEY], network: true },
  'remove-signer': { own: ['signer', ...REPOSITORY_KEY, ...SNAPSHOT_KEY], network: true },
  'rotate-key': {
    own: ['role', ...ROOT_KEY, ...REPOSITORY_KEY, 'new-key', 'new-key-passphrase', 'server-managed', ...SNAPSHOT_KEY],
    network: true,
  },
  renew: {
    own: [...ROOT_KEY, ...REPOSITORY_KEY, 'signer-key', 'signer-key-passphrase', ...SNAPSHOT_KEY],
    network: true,
  },
  'generate-key': { own: ['role', 'key-file', 'public-key-file', 'new-key', 'new-key-passphrase'], network: false },
};

/** Every input a command reads, its own first. */
export function inputsOf(command: Command): string[] {
  const { own, network } = COMMAND_INPUTS[command];
  return [...own, ...(network ? NETWORK_INPUTS : [])];
}

const COMMAND_SUMMARIES: Readonly<Record<Command, string>> = {
  sign: 'push (optional) and sign tags into targets/releases and targets/<signer>, publish, read back and verify',
  verify: 'verify the trust data and registry digest of every image; output the digests to deploy by',
  inspect: "what docker trust inspect printed, fully verified, with each role's expiry",
  init: "create a repository's trust data: root and targets (by default the server holds the timestamp and snapshot keys)",
  'add-signer': "add a signer's public key to targets/<signer> and targets/releases",
  'remove-signer': 'remove a signer from the repository',
  'rotate-key': 'replace the key of root, targets, snapshot, timestamp or a delegation',
  renew: 're-sign, with fresh expiry dates, every role the keys given can sign that expires soon or has expired',
  'generate-key': 'a new P-256 key: an encrypted key file as docker writes it, or a key on a PKCS#11 token',
};

/** The lists the parser and the help need (light modules: no network client, no SDK). */
interface Vocabulary {
  commands: readonly Command[];
  inputNames: ReadonlySet<string>;
  secretInputs: readonly string[];
}

async function loadVocabulary(): Promise<Vocabulary> {
  const [{ COMMANDS }, { INPUT_NAMES }, { SECRET_INPUTS }] = await Promise.all([
    import('./action/inputs.js'),
    import('./action/input-names.js'),
    import('./action/secret-inputs.js'),
  ]);
  return { commands: COMMANDS, inputNames: new Set(INPUT_NAMES), secretInputs: SECRET_INPUTS };
}

/**
 * Each input's description, from action.yml: one text for the action's users and the command line.
 * The bundler copies the file beside the bundle (it follows this path), so an installed package
 * has it; without it, help lists the names alone.
 */
export function readInputDescriptions(): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');
  } catch {
    return new Map();
  }
  return parseInputDescriptions(text);
}

/** action.yml's `inputs:` block, as it is written there: `  <name>:` then `    description: <one quoted line>`. */
export function parseInputDescriptions(yaml: string): Map<string, string> {
  const descriptions = new Map<string, string>();
  const block = yaml.split(/^inputs:\n/m)[1]?.split(/^\S/m)[0] ?? '';
  for (const m of block.matchAll(/^ {2}([a-z][a-z-]*):\n {4}description: (.+)$/gm)) {
    const raw = m[2]!.trim();
    // YAML: a single-quoted scalar doubles its quotes; the double-quoted ones here use no escapes.
    if (raw.startsWith("'") && raw.endsWith("'")) descriptions.set(m[1]!, raw.slice(1, -1).replace(/''/g, "'"));
    else if (raw.startsWith('"') && raw.endsWith('"')) descriptions.set(m[1]!, raw.slice(1, -1).replace(/\\"/g, '"'));
    else descriptions.set(m[1]!, raw);
  }
  return descriptions;
}

const WIDTH = 100;

/** Words wrapped to WIDTH columns, every line indented. */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

const ENVIRONMENT_NOTE =
  'Every input is also read from INPUT_<NAME> (upper-cased, dashes kept: INPUT_SIGNER-KEY), as on a runner; a flag wins ' +
  "over the variable. Secrets go in files (--<input>-file PATH, one trailing newline dropped) or INPUT_* variables: a flag's " +
  'value is visible to other users (ps).';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.length)) + 2;
  return [
    `usage: dct-sign <${commands.join('|')}> [--<input-name> VALUE ...]\n       dct-sign <command> --help\n       dct-sign --version`,
    `Commands:\n${commands.map((c) => `  ${c.padEnd(width)}${COMMAND_SUMMARIES[c]}`).join('\n')}`,
    wrap(
      "Flags are the action's input names (--images, --signer-key, --notary-server, ...), as --name VALUE or --name=VALUE; " +
        `dct-sign <command> --help lists a command's inputs. ${ENVIRONMENT_NOTE}`,
      '',
    ),
    wrap(
      'Outputs are printed as name=value lines (a multi-line value JSON-quoted) when GITHUB_OUTPUT is not set. Exit status: ' +
        '0 on success, 1 on any failure (an unknown command or flag included).',
      '',
    ),
  ].join('\n\n');
}

export function commandUsage(command: Command, vocabulary: Vocabulary, descriptions: ReadonlyMap<string, string>): string {
  const entry = (input: string) => {
    const flags = vocabulary.secretInputs.includes(input) ? `--${input} VALUE, --${input}-file PATH` : `--${input} VALUE`;
    const description = descriptions.get(input);
    return description ? `  ${flags}\n${wrap(description, '      ')}` : `  ${flags}`;
  };
  const { own, network } = COMMAND_INPUTS[command];
  const sections = [
    `usage: dct-sign ${command} [--<input-name> VALUE ...]`,
    wrap(`${capitalized(COMMAND_SUMMARIES[command])}.`, ''),
    wrap(ENVIRONMENT_NOTE, ''),
    `Inputs of ${command}:\n${own.map(entry).join('\n')}`,
  ];
  if (network) sections.push(`Inputs of every command that reads trust data:\n${NETWORK_INPUTS.map(entry).join('\n')}`);
  return sections.join('\n\n');
}

/** What the command line asks for. */
export type CommandLine =
  | { kind: 'version' }
  | { kind: 'help'; text: string; exitCode: 0 | 1 }
  | { kind: 'refused'; message: string }
  | { kind: 'run'; command: Command; flags: Map<string, string> };

/**
 * `dct-sign <command> --<input> VALUE ...` read: the command is the first word, every flag an input
 * of the action or a secret input's `-file` twin. A misspelt flag is refused: ignored,
 * --trusted-root-key would quietly drop the pin it was meant to set.
 */
export async function parseCommandLine(argv: readonly string[]): Promise<CommandLine> {
  const [first, ...rest] = argv;
  if (first === '--version') return { kind: 'version' };
  const vocabulary = await loadVocabulary();
  const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';
  if (first === undefined || isHelp(first)) return { kind: 'help', text: usage(vocabulary.commands), exitCode: first ? 0 : 1 };
  const shown = (arg: string) => JSON.stringify(arg.slice(0, 80));
  if (!vocabulary.commands.includes(first as Command)) {
    const why = first.startsWith('-') ? 'the command comes first' : `${shown(first)} is not a command`;
    return { kind: 'refused', message: `${why}; expected one of ${vocabulary.commands.join(', ')} (see dct-sign --help)` };
  }
  const command = first as Command;
  if (rest.some(isHelp)) return { kind: 'help', text: commandUsage(command, vocabulary, readInputDescriptions()), exitCode: 0 };
  const flagNames = new Set(
    [...vocabulary.inputNames, ...vocabulary.secretInputs.map((name) => `${name}-file`)].filter((name) => name !== 'command'),
  );
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--') || arg === '--')
      return {
        kind: 'refused',
        message: `unexpected argument ${shown(arg)}; expected --<input-name> VALUE (see dct-sign ${command} --help)`,
      };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!flagNames.has(name)) return { kind: 'refused', message: `--${name.slice(0, 80)} is not an input; see dct-sign ${command} --help` };
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined) return { kind: 'refused', message: `--${name} needs a value: --${name} VALUE or --${name}=VALUE` };
    // Given twice, one value would be dropped without a word (for images, half a batch left unsigned).
    if (flags.has(name)) return { kind: 'refused', message: `--${name} is given twice; give it once (a list: one value, comma-separated)` };
    flags.set(name, value);
  }
  return { kind: 'run', command, flags };
}

/** A secret given on the command line: a passphrase or password, or key text (a key's path or URI is not secret). */
function isSecretValue(input: string, value: string | undefined): boolean {
  if (!value) return false;
  if (input.endsWith('-passphrase') || input === 'registry-password') return true;
  return value.includes('-----BEGIN') || /^[A-Za-z0-9+/=\s]{100,}$/.test(value);
}

/** generate-key with no passphrase from a flag, a file or INPUT_*, on a terminal a person can answer. */
function needsPassphrase(flags: ReadonlyMap<string, string>): boolean {
  const given = (name: string) => flags.has(name) || !!process.env[`INPUT_${name.toUpperCase()}`];
  return !given('new-key-passphrase') && !given('new-key-passphrase-file') && process.stdin.isTTY === true;
}

/** One line typed on the terminal, not echoed (raw mode: Node has no no-echo prompt of its own). */
function readHidden(prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (value: string | undefined) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(typed);
        if (char === '\u0003' || char === '\u0004') return done(undefined); // Ctrl-C, Ctrl-D
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The passphrase for a new key, typed twice so that a typo cannot lock the key away. */
async function askNewPassphrase(): Promise<string | undefined> {
  const first = await readHidden('Passphrase for the new key: ');
  if (first === undefined) return undefined;
  const second = await readHidden('Repeat the passphrase: ');
  if (second === undefined) return undefined;
  if (first !== second) {
    process.stderr.write('dct-sign: the passphrases differ; nothing was generated\n');
    return undefined;
  }
  return first;
}

/**
 * The command line's entry. Flags are handed to the core as inputs, not copied into the
 * environment, so child processes (docker) never inherit them.
 */
export async function runCli(argv: string[]): Promise<void> {
  const line = await parseCommandLine(argv);
  switch (line.kind) {
    case 'version':
      process.stdout.write(`dct-sign ${VERSION}\n`);
      return;
    case 'help':
      (line.exitCode === 0 ? process.stdout : process.stderr).write(`${line.text}\n`);
      process.exitCode = line.exitCode;
      return;
    case 'refused':
      process.stderr.write(`dct-sign: ${line.message}\n`);
      process.exitCode = 1;
      return;
  }
  const { command, flags } = line;
  flags.set('command', command);
  const { SECRET_INPUTS } = await import('./action/secret-inputs.js');
  // Before any prompt: the passphrase typed there is no flag, and no one else sees it.
  for (const name of SECRET_INPUTS.filter((input) => isSecretValue(input, flags.get(input))))
    process.stderr.write(
      `dct-sign: warning: --${name} on the command line is visible to other users; use --${name}-file or INPUT_* instead\n`,
    );
  if (command === 'generate-key' && needsPassphrase(flags)) {
    const passphrase = await askNewPassphrase();
    if (passphrase === undefined) {
      process.exitCode = 1;
      return;
    }
    flags.set('new-key-passphrase', passphrase);
  }
  // No source maps turned on here: Node would parse the core's whole map before running a line of it.
  const { run } = await import('./main.js');
  if (process.env.GITHUB_OUTPUT) return run(flags);
  // Outside a runner: collect the outputs in a temp file, then print them as name=value lines.
  const dir = mkdtempSync(join(tmpdir(), 'dct-sign-'));
  process.env.GITHUB_OUTPUT = join(dir, 'output');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  try {
    await run(flags);
    for (const [name, value] of Object.entries(parseOutputs(readFileSync(process.env.GITHUB_OUTPUT, 'utf8')))) {
      process.stdout.write(`${name}=${value.includes('\n') ? JSON.stringify(value) : value}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GITHUB_OUTPUT's format: `name<<delimiter`, value lines, `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]!);
    outputs[m[1]!] = value.join('\n');
  }
  return outputs;
}
