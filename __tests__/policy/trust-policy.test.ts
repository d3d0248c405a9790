import { beforeAll, describe, expect, it } from '@jest/globals';
import { PolicyMatcher, type PolicyRule } from '../../src/policy/trust-policy.js';

function rule(match: string, line: number): PolicyRule {
  return { match, source: `p.yml:${line}`, trustedRootKeyIds: new Set([String(line)]), requiredSigners: [] };
}

describe('PolicyMatcher', () => {
  let matcher: PolicyMatcher;
  beforeAll(async () => {
    matcher = await PolicyMatcher.create({
      rules: [
        rule('**', 1),
        rule('reg.example/*', 2),
        rule('reg.example/team/*', 3),
        rule('reg.example/team/api', 4),
        rule('reg.example/team/web-?', 5),
        rule('reg.example/**', 6),
      ],
    });
  });
  const lineOf = (gun: string) => matcher.ruleFor(gun).source;

  it('the most specific rule wins: an exact name, then more literal characters, then fewer wildcards', () => {
    expect(lineOf('reg.example/team/api')).toBe('p.yml:4');
    expect(lineOf('reg.example/team/web-1')).toBe('p.yml:5');
    expect(lineOf('reg.example/team/worker')).toBe('p.yml:3');
    expect(lineOf('reg.example/solo')).toBe('p.yml:2'); // `*` and `**` both match: as many literals, `*` says less
    expect(lineOf('reg.example/a/b/c')).toBe('p.yml:6');
    expect(lineOf('other.example/x')).toBe('p.yml:1');
  });

  it('more path components written out beat more literal characters', async () => {
    const m = await PolicyMatcher.create({ rules: [rule('registry.example.com/**', 1), rule('*/team/app', 2)] });
    expect(m.ruleFor('registry.example.com/team/app').source).toBe('p.yml:2');
    expect(m.ruleFor('registry.example.com/team/web').source).toBe('p.yml:1');
  });

  it('`*` stays within a path component; braces and negation are not special', async () => {
    const m = await PolicyMatcher.create({ rules: [rule('r.example/*', 1), rule('r.example/{a,b}', 2), rule('!r.example/c', 3)] });
    expect(() => m.ruleFor('r.example/a/b')).toThrow(/^no policy rule matches r\.example\/a\/b, so it is denied/);
    expect(m.ruleFor('r.example/a').source).toBe('p.yml:1');
    expect(() => m.ruleFor('r.example/c')).not.toThrow();
    expect(m.ruleFor('r.example/c').source).toBe('p.yml:1');
  });

  it('denies what no rule matches, and what two rules match equally', async () => {
    const m = await PolicyMatcher.create({ rules: [rule('r.example/*/api', 1), rule('r.example/abc/*', 2)] });
    expect(() => m.ruleFor('x.example/a')).toThrow(expect.objectContaining({ code: 'POLICY_NO_MATCH' }));
    expect(() => m.ruleFor('r.example/abc/api')).toThrow(
      expect.objectContaining({
        code: 'POLICY_AMBIGUOUS',
        message: expect.stringContaining('matches p.yml:1 (r.example/*/api) and p.yml:2 (r.example/abc/*) equally'),
      }),
    );
  });
});
