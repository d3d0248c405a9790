import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { quoted } from '../util/redact.js';

/** No file an input names is this large (a key, a CA bundle, a list of 100,000 images). */
const MAX_INPUT_FILE_BYTES = 64 << 20;

/**
 * The text of a file an input names, or an InputError naming that input: a path that is missing,
 * a directory, unreadable or absurdly large fails in one line, never as a bare EISDIR.
 */
export function readInputFile(input: string, path: string, expected: string, maxBytes = MAX_INPUT_FILE_BYTES): string {
  let size: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new InputError(input, `${quoted(path)} is not a file; expected ${expected}`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const missing = ['ENOENT', 'ENOTDIR', 'ENAMETOOLONG'].includes((error as NodeJS.ErrnoException).code ?? '');
    throw new InputError(input, `${quoted(path)} ${missing ? 'does not exist' : 'cannot be read'}; expected ${expected}`);
  }
  if (size > maxBytes) throw new InputError(input, `${quoted(path)} is larger than ${maxBytes} bytes`);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError(input, `${quoted(path)} cannot be read; expected ${expected}`);
  }
}
