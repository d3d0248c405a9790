import { VerificationError } from '../errors.js';
import type { JsonValue } from './canonical-json.js';

/**
 * Small type guards for JSON that came off the network. Each failure names the file and the
 * field path, so a malformed or hostile server gets a specific error, never a TypeError.
 */
export type JsonObject = { [key: string]: JsonValue };

export class JsonReader {
  constructor(readonly source: string) {}

  fail(path: string, expected: string): never {
    throw new VerificationError('METADATA_MALFORMED', `${this.source}: malformed metadata: ${path} must be ${expected}`);
  }

  object(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'an object');
    return value as JsonObject;
  }

  array(value: unknown, path: string): JsonValue[] {
    if (!Array.isArray(value)) this.fail(path, 'an array');
    return value as JsonValue[];
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'a string');
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'a boolean');
    return value;
  }

  integer(value: unknown, path: string, min = 0): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      this.fail(path, `an integer >= ${min}`);
    }
    return value;
  }

  stringArray(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }
}

/** Parses a whole metadata file: bytes must be UTF-8 JSON with an object at the top. */
export function parseJsonObject(bytes: Uint8Array, source: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new VerificationError('METADATA_MALFORMED', `${source}: malformed metadata: not valid JSON (${(error as Error).message})`);
  }
  return new JsonReader(source).object(value, '(top level)');
}
