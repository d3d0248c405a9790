import { NotaryError } from '../errors.js';
import type { CommandContext } from './context.js';

/** Attempts at one publish when other jobs publish to the same repository at the same time: with N publishers racing, the last may need N (each loss means another won). */
export const MAX_PUBLISH_ATTEMPTS = 10;

/** The server's answer to a stale update: someone published a newer version first (notary: server/errors/errors.go ErrOldVersion). */
function isStaleVersion(error: unknown): boolean {
  return error instanceof NotaryError && error.code === 'NOTARY_STALE_VERSION';
}

/**
 * Runs `attempt` (read, change, publish) until it succeeds. When another publisher wins the race,
 * the next attempt starts from a fresh read, so the other job's changes are kept; jittered backoff
 * spreads the retries of jobs that collided.
 */
export async function withPublishRetries<T>(ctx: CommandContext, gun: string, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStaleVersion(error) || n >= MAX_PUBLISH_ATTEMPTS) throw error;
      ctx.reporter.info(
        `${gun}: another publisher updated the repository first; re-reading and signing again (attempt ${n + 1} of ${MAX_PUBLISH_ATTEMPTS})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * n));
    }
  }
}
