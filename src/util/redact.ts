/** Longest echo of a bad value in an error: a 100 KB image name must not make a 100 KB log line. */
const MAX_ECHO = 120;
/** Redaction reads this much of a value at most: past it, nothing is echoed anyway. */
const MAX_SCANNED = 4096;

/**
 * A value as an error message may quote it: credentials in URLs (`https://user:pw@host`) and in
 * references (`user:pw@host/repo:tag`) replaced by `***`, and cut to a length a log line can hold.
 * The patterns are bounded (a scheme of at most 32 characters) so that redaction stays linear in
 * the value's length, however long and hostile it is.
 */
export function quoted(value: string, max = MAX_ECHO): string {
  const redacted = value
    .slice(0, MAX_SCANNED)
    .replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^/@\s]*@/gi, '$1***@')
    .replace(/^[^/@\s:]*:[^/@\s]*@/, '***@')
    .replace(/[\r\n]+/g, ' ');
  const cut = redacted.length > max ? `${redacted.slice(0, max)}… (${value.length} characters)` : redacted;
  return `"${cut}"`;
}
