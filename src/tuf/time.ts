/**
 * Notary's `expires` is Go's time.Time JSON: RFC 3339 with 0-9 fractional digits and any offset.
 * We keep the original text (Go re-prints it identically) and write new times as UTC without a
 * fraction, the one form that survives Go's parse -> re-serialize unchanged.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or undefined when the text is not RFC 3339. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return undefined;
  }
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number((frac ?? '0').padEnd(3, '0').slice(0, 3)));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return ms;
}

export function formatExpiry(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const DAY_MS = 86_400_000;

/** Notary's default expiries (const.go NotaryDefaultExpiries): 365-day years. */
export const DEFAULT_EXPIRY_DAYS = {
  root: 10 * 365,
  targets: 3 * 365,
  snapshot: 3 * 365,
  timestamp: 14,
} as const;

export function expiryFromNow(days: number, now: number = Date.now()): string {
  return formatExpiry(now + days * DAY_MS);
}

export function daysUntil(ms: number, now: number = Date.now()): number {
  return (ms - now) / DAY_MS;
}
