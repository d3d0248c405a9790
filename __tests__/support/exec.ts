import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';

/** Long enough for dockerd's slowest call here (a load or push under load), short of a stuck run. */
export const SYNC_TIMEOUT_MS = 120_000;

/**
 * execFileSync with a deadline. A synchronous call blocks the event loop, so jest's own timeouts
 * cannot fire while it waits: without a deadline one stuck peer CLI would hang the whole run.
 */
export function execSync(file: string, args: string[], options: ExecFileSyncOptions & { encoding: BufferEncoding }): string;
export function execSync(file: string, args: string[], options?: ExecFileSyncOptions): Buffer;
export function execSync(file: string, args: string[], options: ExecFileSyncOptions = {}): string | Buffer {
  try {
    return execFileSync(file, args, { timeout: SYNC_TIMEOUT_MS, killSignal: 'SIGKILL', ...options });
  } catch (error) {
    // Node marks its own deadline with ETIMEDOUT; a SIGKILL from elsewhere (OOM) is not a timeout.
    if ((error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
      throw new Error(`${file} ${args.join(' ')} did not finish within ${SYNC_TIMEOUT_MS / 1000} s`, { cause: error });
    throw error;
  }
}
