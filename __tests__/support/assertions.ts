import { expect } from '@jest/globals';
import { timestampOf } from './docker-trust.js';
import type { LocalStack, RunResult } from './stack.js';

/**
 * The action was refused with exactly one `::error::` line matching `message`, exit code 1, and
 * the repository's trust data is as it was (its timestamp changes on every publish).
 */
export async function expectRefusedWithoutPublishing(
  stack: LocalStack,
  gun: string,
  run: () => Promise<RunResult>,
  message: RegExp | string,
): Promise<RunResult> {
  const before = await timestampOf(stack, gun);
  const result = await run();
  expect(result.exitCode).toBe(1);
  expect(result.errors).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
  expect(await timestampOf(stack, gun)).toBe(before);
  return result;
}
