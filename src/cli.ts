import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from './action/inputs.js';
import { INPUT_NAMES } from './action/input-names.js';
import { SECRET_INPUTS } from './action/secret-inputs.js';
import { VERSION } from './version.js';
import { run } from './main.js';

const USAGE = `usage: dct-sign <${COMMANDS.join('|')}> [--<input-name> VALUE ...]
       dct-sign --version
Flags are the action's input names (e.g. --images, --signer-key, --notary-server); every input can
also come from INPUT_<NAME> as on a runner. Give secrets as --<input>-file PATH (e.g.
--signer-key-passphrase-file) or INPUT_* variables: a flag's value is visible to other users (ps).
Outputs are printed as name=value lines (multi-line values JSON-quoted) when GITHUB_OUTPUT is not set.
Exit status: 0 on success, 1 on any failure.`;

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

/** Flags are the inputs, and every secret input's `-file` twin; `command` is the first word. */
const FLAG_NAMES = new Set([...INPUT_NAMES, ...SECRET_INPUTS.map((name) => `${name}-file`)].filter((name) => name !== 'command'));

/** `--name VALUE` and `--name=VALUE` pairs; undefined (with a message) when one is malformed or unknown. */
function parseFlags(args: string[]): Map<string, string> | undefined {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const eq = flag.indexOf('=');
    const name = flag.startsWith('--') ? (eq > 0 ? flag.slice(2, eq) : flag.slice(2)) : '';
    const value = eq > 0 ? flag.slice(eq + 1) : args[++i];
    if (!name || value === undefined) {
      process.stderr.write(`dct-sign: expected --<input-name> VALUE, got "${flag.slice(0, 80)}"\n${USAGE}\n`);
      return undefined;
    }
    // A misspelt flag must fail: ignored, --trusted-root-key would quietly drop the pin it was meant to set.
    if (!FLAG_NAMES.has(name)) {
      process.stderr.write(`dct-sign: --${name.slice(0, 80)} is not an input; see dct-sign --help and docs/inputs.md\n`);
      return undefined;
    }
    flags.set(name, value);
  }
  return flags;
}

/**
 * The command line over the same core as the action. Flags are handed to the core as inputs, not
 * copied into the environment, so child processes (docker) never inherit them.
 */
export async function runCli(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--version') {
    process.stdout.write(`dct-sign ${VERSION}\n`);
    return;
  }
  if (!command || command === '--help' || command === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = command ? 0 : 1;
    return;
  }
  const flags = parseFlags(rest);
  if (!flags) {
    process.exitCode = 1;
    return;
  }
  flags.set('command', command);
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
