import { COMMANDS } from './action/inputs.js';
import { run } from './main.js';

const USAGE = `usage: dct-sign <${COMMANDS.join('|')}> [--<input-name> VALUE ...]
Flags are the action's input names (e.g. --images, --signer-key, --notary-server).
Outputs are printed as name=value lines when GITHUB_OUTPUT is not set.`;

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
  await run();
}
