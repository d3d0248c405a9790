import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * X.509 helpers for Notary's `*-x509` keys (notary: tuf/utils/x509.go). Certificates are parsed by
 * Node's X509Certificate (OpenSSL). The PEM reader is our own, written by hand because notary's
 * key files carry RFC 1421 headers (`role: targets`) inside the block, which OpenSSL refuses and
 * Node has no API to read.
 */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  type: string;
  headers: Record<string, string>;
  der: Uint8Array;
}

/** Reads every PEM block of a text, with RFC 1421-style headers (`role: targets`) kept. */
export function parsePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const headers: Record<string, string> = {};
    const body: string[] = [];
    for (const line of (m[2] ?? '').split(/\r?\n/)) {
      const header = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (header && body.length === 0) headers[header[1]!.toLowerCase()] = header[2]!.trim();
      else if (line.trim()) body.push(line.trim());
    }
    blocks.push({ type: m[1]!, headers, der: new Uint8Array(Buffer.from(body.join(''), 'base64')) });
  }
  return blocks;
}

/** PEM exactly as Go's pem.Encode writes it: 64 columns, LF, final newline. */
export function encodePem(type: string, der: Uint8Array, headers: Record<string, string> = {}): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  const headerLines = Object.keys(headers)
    .sort()
    .map((k) => `${k}: ${headers[k]}\n`)
    .join('');
  return `-----BEGIN ${type}-----\n${headerLines}${headerLines ? '\n' : ''}${lines.join('\n')}\n-----END ${type}-----\n`;
}

export function parseCertificates(pem: string): X509Certificate[] {
  return parsePemBlocks(pem)
    .filter((b) => b.type === 'CERTIFICATE')
    .map((b) => new X509Certificate(Buffer.from(b.der)));
}

export function spkiOf(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

export function publicKeyFromSpki(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}

/** The subject's common name, or undefined when the subject has none. */
export function commonName(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split('\n')) {
    if (line.startsWith('CN=')) return line.slice(3);
  }
  return undefined;
}
