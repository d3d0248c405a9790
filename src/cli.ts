import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from './action/inputs.js';
import { run } from './main.js';

const USAGE = `usage: dct-sign <${COMMANDS.join('|')}> [--<input-name> VALUE ...]
Flags are the action's input names (e.g. --images, --signer-key, --notary-server).
Outputs are printed as name=value lines (multi-line values JSON-quoted) when GITHUB_OUTPUT is not set.
Exit status: 0 on success, 1 on any failure.`;

/**
 * The command line over the same core as the action: flags become INPUT_* variables exactly as a
 * runner sets them, so both paths read inputs one way.
 */
export async function runCli(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = command ? 0 : 1;
    return;
  }
  process.env.INPUT_COMMAND = command;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const eq = flag.indexOf('=');
    const name = flag.startsWith('--') ? (eq > 0 ? flag.slice(2, eq) : flag.slice(2)) : '';
    const value = eq > 0 ? flag.slice(eq + 1) : rest[++i];
    if (!name || value === undefined) {
      process.stderr.write(`dct-sign: expected --<input-name> VALUE, got "${flag}"\n${USAGE}\n`);
      process.exitCode = 1;
      return;
    }
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  if (process.env.GITHUB_OUTPUT) return run();
  // Outside a runner: collect the outputs in a temp file, then print them as name=value lines.
  const dir = mkdtempSync(join(tmpdir(), 'dct-sign-'));
  process.env.GITHUB_OUTPUT = join(dir, 'output');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  try {
    await run();
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
