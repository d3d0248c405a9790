/** `crc-32`'s CRC-32C entry: the same API as its CRC-32 one, which its own types describe. */
declare module 'crc-32/crc32c.js' {
  export function buf(data: Uint8Array, seed?: number): number;
}
