import { EncodingError } from '../errors.js';

/**
 * Canonical JSON as notary 0.7 produces it (github.com/docker/go/canonical/json, MarshalCanonical).
 * Written by hand: no npm package matches Go's rules byte for byte (OLPC/RFC 8785 libraries escape
 * differently and allow floats).
 *  - no whitespace; object keys sorted by their UTF-8 bytes (not JS's UTF-16 order);
 *  - strings escape only `"` and `\`; every other character is written raw (encodeState.string);
 *  - integers only (floatEncoder refuses non-whole numbers).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const utf8 = new TextEncoder();

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function encodeString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function encode(value: JsonValue, out: string[]): void {
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new EncodingError('JSON_NOT_CANONICAL', `canonical JSON allows integers only, got ${value}`);
    }
    out.push(String(value));
  } else if (typeof value === 'string') {
    out.push(encodeString(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      encode(item, out);
    });
    out.push(']');
  } else {
    out.push('{');
    Object.keys(value)
      .sort(compareUtf8)
      .forEach((key, i) => {
        if (i > 0) out.push(',');
        out.push(encodeString(key), ':');
        encode(value[key] as JsonValue, out);
      });
    out.push('}');
  }
}

export function canonicalString(value: JsonValue): string {
  const out: string[] = [];
  encode(value, out);
  return out.join('');
}

export function canonicalBytes(value: JsonValue): Uint8Array {
  return utf8.encode(canonicalString(value));
}

/**
 * Go's outer json.Marshal compacts the `signed` RawMessage with HTML escaping (indent.go compact):
 * `<` `>` `&` U+2028 U+2029 become \u escapes in the file. Signatures cover the unescaped bytes.
 */
export function htmlEscapeJson(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
