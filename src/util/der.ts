import { EncodingError } from '../errors.js';

/**
 * A minimal DER reader and writer, by hand: it reads one field Node's X509Certificate does not
 * expose (the signature algorithm) and writes what no library here writes as notary does: the root
 * certificate, whose signature may come from a KMS or a token, and the encrypted key file (PBKDF2
 * with HMAC-SHA1 and PKCS#8 version 1, which Node's export does not produce). Definite lengths only.
 */
export interface Tlv {
  tag: number;
  /** The contents (value octets). */
  value: Uint8Array;
  /** The whole encoding, header included. */
  raw: Uint8Array;
}

export function readTlv(bytes: Uint8Array, offset = 0): { tlv: Tlv; next: number } {
  if (offset + 2 > bytes.length) throw new EncodingError('DER_MALFORMED', 'truncated DER');
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > bytes.length) throw new EncodingError('DER_MALFORMED', 'bad DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[offset + 2 + i]!;
    header += n;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new EncodingError('DER_MALFORMED', 'truncated DER');
  return { tlv: { tag, value: bytes.subarray(offset + header, end), raw: bytes.subarray(offset, end) }, next: end };
}

/** The children of a constructed value (SEQUENCE, context tags). */
export function children(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < value.length) {
    const { tlv, next } = readTlv(value, offset);
    out.push(tlv);
    offset = next;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new EncodingError('DER_MALFORMED', `expected ${what}`);
  return tlv;
}

export const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 } as const;

export function decodeOid(value: Uint8Array): string {
  const parts: number[] = [];
  let n = 0;
  for (const byte of value) {
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

export function decodeSmallInteger(value: Uint8Array): number {
  let n = 0;
  for (const byte of value) n = n * 256 + byte;
  return n;
}

// --- writing (root certificates) ---

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function encodeTlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const value = Buffer.concat(contents);
  return new Uint8Array(Buffer.concat([Uint8Array.of(tag), encodeLength(value.length), value]));
}
