/** When to try a request again, and how long to wait first. */

/** Connection errors worth another attempt: the server or the path to it may be back in a moment. */
export const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Exponential backoff with ±25 % jitter, so parallel jobs do not retry in step: base, 2×base, 4×base… */
export function backoff(baseMs: number, attempt: number): number {
  return baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
}

/**
 * A Retry-After header (RFC 9110 section 10.2.3) as milliseconds from `now`: delay-seconds or an
 * HTTP-date, a date already past being 0. Undefined when absent or malformed: the backoff applies.
 */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // The three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with the day's name; Date.parse
  // alone would also take "5.5" or "2" as dates.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
