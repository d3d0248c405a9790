import { describe, expect, it } from '@jest/globals';
import { quoted } from '../../src/util/redact.js';

describe('values quoted in errors', () => {
  it('replace credentials in URLs and references', () => {
    expect(quoted('https://user:pw@host/path')).toBe('"https://***@host/path"');
    expect(quoted('user:pw@registry.example.com/app:1')).toBe('"***@registry.example.com/app:1"');
    expect(quoted('registry.example.com/app:1')).toBe('"registry.example.com/app:1"');
  });

  it('are cut to a log line, and stay fast on a huge hostile value', () => {
    const started = Date.now();
    const out = quoted('x'.repeat(1_000_000));
    expect(Date.now() - started).toBeLessThan(200);
    expect(out).toMatch(/^"x{120}… \(1000000 characters\)"$/);
  });
});
