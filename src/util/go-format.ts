/**
 * How Go programs print what they print, where a peer's scripts may parse our output byte for byte:
 * natural sort (github.com/fvbommel/sortorder, which docker sorts tags with) and encoding/json's
 * json.Marshal + json.Indent. By hand: no npm package reproduces either to the byte.
 */

/** sortorder.NaturalLess (github.com/fvbommel/sortorder v1.1.0) as a comparator. */
export function naturalCompare(a: string, b: string): number {
  if (naturalLess(a, b)) return -1;
  return naturalLess(b, a) ? 1 : 0;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Bytewise over UTF-8, runs of ASCII digits compared as numbers; digits sort before other bytes;
 * of equal numbers the one with fewer leading zeros first ("2" < "02").
 */
function naturalLess(s1: string, s2: string): boolean {
  const a = Buffer.from(s1);
  const b = Buffer.from(s2);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a[i]!;
    const c2 = b[j]!;
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === 0x30) i++;
    while (j < b.length && b[j] === 0x30) j++;
    const nonZero1 = i;
    const nonZero2 = j;
    while (i < a.length && isDigit(a[i]!)) i++;
    while (j < b.length && isDigit(b[j]!)) j++;
    const len1 = i - nonZero1;
    const len2 = j - nonZero2;
    if (len1 !== len2) return len1 < len2;
    const cmp = Buffer.compare(a.subarray(nonZero1, i), b.subarray(nonZero2, j));
    if (cmp !== 0) return cmp < 0;
    if (nonZero1 !== nonZero2) return nonZero1 < nonZero2;
  }
  // Identical so far (i === j here: both sides advance alike until one differs); the shorter is less.
  return a.length < b.length;
}

/** A JSON value as this encoder writes it: strings, arrays and objects (the shapes docker's structs marshal to). */
export type GoJson = string | GoJson[] | { [key: string]: GoJson };

/** json.Marshal then json.Indent(dst, src, "", "    "): empty arrays and objects stay `[]` and `{}`. */
export function goIndent(value: GoJson, depth = 0): string {
  if (typeof value === 'string') return goString(value);
  const pad = '    '.repeat(depth + 1);
  const items = Array.isArray(value)
    ? value.map((v) => pad + goIndent(v, depth + 1))
    : Object.entries(value).map(([k, v]) => `${pad}${goString(k)}: ${goIndent(v, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  return `${open}\n${items.join(',\n')}\n${'    '.repeat(depth)}${close}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A string as Go's encoding/json writes it with HTML escaping on (encode.go appendString): `"` `\`
 * and \b \f \n \r \t by short escapes, other control bytes and `<` `>` `&` as \u00xx (lowercase
 * hex), U+2028 and U+2029 escaped, everything else as is. A lone surrogate, which a Go string
 * cannot hold (its decoder makes it U+FFFD), is written as U+FFFD.
 */
export function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029)
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}
