import { InputError } from '../errors.js';
import { readInputFile } from './input-files.js';

/**
 * The inputs that carry secrets (action-interface.md, "Secrets outside a runner"). Each also has
 * an `<input>-file` twin, so that no secret need ever be on a command line, where `ps` shows it.
 */
export const KEY_INPUTS = ['signer-key', 'root-key', 'repository-key', 'new-key', 'snapshot-key'] as const;
export const SECRET_INPUTS: readonly string[] = [...KEY_INPUTS, ...KEY_INPUTS.map((k) => `${k}-passphrase`), 'registry-password'];

/** Secrets larger than this are not secrets we know (a key file is a few hundred bytes). */
const MAX_SECRET_FILE_BYTES = 1 << 20;

export type InputReader = (name: string) => string;

function readSecretFile(input: string, path: string): string {
  const text = readInputFile(`${input}-file`, path, `the file that holds ${input}`, MAX_SECRET_FILE_BYTES);
  // One trailing newline is what `echo` and editors add; anything else is part of the secret.
  return text.replace(/\r?\n$/, '');
}

/**
 * A reader in which every secret input may come from its `-file` twin instead. Giving both is an
 * error: which one would win is a guess a user should not have to make.
 */
export function withSecretFiles(read: InputReader): InputReader {
  return (name) => {
    if (!SECRET_INPUTS.includes(name)) return read(name);
    const value = read(name);
    const file = read(`${name}-file`);
    if (!file) return value;
    if (value) throw new InputError(`${name}-file`, `give ${name} or ${name}-file, not both`, 'INPUT_CONFLICT');
    return readSecretFile(name, file);
  };
}
