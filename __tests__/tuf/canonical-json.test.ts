import { describe, expect, it } from '@jest/globals';
import { canonicalString, htmlEscapeJson } from '../../src/tuf/canonical-json.js';

describe('canonical JSON (docker/go canonical/json)', () => {
  it('sorts keys by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF61 sorts before U+1F600 in UTF-16 (0xFF61 > 0xD83D) but after it... in UTF-8 it is EF BD A1 < F0 9F 98 80
    expect(canonicalString({ '\u{1F600}': 1, '\uFF61': 2, b: 3, a: 4 })).toBe('{"a":4,"b":3,"\uFF61":2,"\u{1F600}":1}');
  });
  it('escapes only quote and backslash, leaving <>& and control characters raw', () => {
    expect(canonicalString({ s: 'a"b\\c<>&\n\u0001é' })).toBe('{"s":"a\\"b\\\\c<>&\n\u0001é"}');
  });
  it('writes integers only and refuses fractions', () => {
    expect(canonicalString([1, -2, 0, null, true, false])).toBe('[1,-2,0,null,true,false]');
    expect(() => canonicalString({ n: 1.5 })).toThrow(/integers only/);
  });
  it('HTML-escapes the envelope the way Go compact does', () => {
    expect(htmlEscapeJson('{"a":"<&>\u2028"}')).toBe('{"a":"\\u003c\\u0026\\u003e\\u2028"}');
  });
});
