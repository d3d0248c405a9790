import CRC32C from 'crc-32/crc32c.js';

/**
 * CRC-32C (Castagnoli), the checksum Cloud KMS puts beside every byte string it takes and returns,
 * from SheetJS's pure-JS `crc-32`.
 */
export function crc32c(data: Uint8Array): number {
  // The library answers a signed 32-bit integer.
  return CRC32C.buf(data) >>> 0;
}
