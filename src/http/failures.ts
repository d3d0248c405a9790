import { HttpError } from '../errors.js';
import { RETRYABLE_CODES } from './retry.js';

/**
 * A URL as an error may show it, in its message and its `url`: origin and path only. Userinfo
 * (`https://user:pw@host`) would put a password in the job log, and a query (a token realm's
 * `account=`, a signed upload URL) may name an account or carry a secret.
 */
export function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * A socket or TLS failure, as Node reported it (its words name no URL). `proxy` is the proxy the
 * request went through (already stripped of credentials), so the message says which hop failed.
 */
export function connectionError(url: URL, error: NodeJS.ErrnoException, proxy?: string): HttpError {
  if (error instanceof HttpError) return error;
  const errno = error.code ?? 'ERROR';
  const system = `${error.message}${error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''}`;
  const reason = proxy ? `${system}, through the proxy ${proxy}` : system;
  return new HttpError(errno === 'ETIMEDOUT' ? 'HTTP_TIMEOUT' : 'HTTP_CONNECTION', `cannot reach ${url.origin}: ${reason}`, shown(url), {
    errno,
    reason,
    retryable: RETRYABLE_CODES.has(errno),
  });
}

/** Nothing sent or received for `ms`: retried, like a dropped connection. */
export function idleError(url: URL, ms: number): HttpError {
  const reason = `no data for ${seconds(ms)}`;
  return new HttpError('HTTP_TIMEOUT', `${shown(url)} timed out: ${reason}`, shown(url), { errno: 'ETIMEDOUT', reason, retryable: true });
}

/** The request's overall deadline passed: not retried, as each retry of a server that slow would take as long again. */
export function deadlineError(url: URL, ms: number): HttpError {
  const reason = `did not complete within its ${seconds(ms)} deadline`;
  return new HttpError('HTTP_TIMEOUT', `request to ${shown(url)} ${reason}`, shown(url), { reason, retryable: false });
}

export function abortedError(url: URL): HttpError {
  return new HttpError('HTTP_ABORTED', `request to ${shown(url)} stopped: the command's deadline passed`, shown(url), {
    reason: "the command's deadline passed",
    retryable: false,
  });
}

/** A response over its cap (`what` says by how much): never retried, the same server would send it again. */
export function tooLargeError(url: URL, what: string): HttpError {
  return new HttpError('HTTP_TOO_LARGE', `response from ${shown(url)} ${what}`, shown(url));
}
