import type picomatch from 'picomatch';
import { PolicyError } from '../errors.js';

/**
 * The trust each repository is held to at the deploy gate: its pinned roots, the signers that must
 * all have signed, and its Notary server. From a policy file (one rule per repository glob), or
 * from the inputs (one rule for every repository).
 */
export interface PolicyRule {
  /** Glob over `<registry>/<repository>` as docker normalizes it: `*` within a path component, `**` across. */
  match: string;
  /** Where the rule was written (`deploy/policy.yml:4`), for messages and the step summary; absent for the inputs. */
  source?: string;
  /** Absent: the `notary-server` input, else docker's default for the registry. */
  notaryServer?: string;
  trustedRootKeyIds: ReadonlySet<string>;
  /** Signer names that must all have signed; empty: targets/releases, or targets with no delegations. */
  requiredSigners: readonly string[];
}

export interface TrustPolicy {
  rules: readonly PolicyRule[];
}

/** picomatch reads only `*`, `**`, `?` and `[...]` here: braces, extglobs and negation would make a rule mean more than it says. */
const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, nobrace: true, noextglob: true, nonegate: true };

interface CompiledRule {
  rule: PolicyRule;
  test: (gun: string) => boolean;
  /**
   * Higher is more specific: an exact name above any glob, then more path components written out
   * (any registry's team/app over every repository of one registry), then more literal characters, then fewer `**`,
   * then fewer wildcards.
   */
  rank: [number, number, number, number, number];
}

const WILDCARDS = /\*+|\?|\[[^\]]*\]/g;

type Picomatch = typeof picomatch;

function compile(rule: PolicyRule, glob: Picomatch | undefined): CompiledRule {
  const literal = rule.match.replace(WILDCARDS, '');
  const wildcards = rule.match.match(WILDCARDS)?.length ?? 0;
  const globstars = rule.match.match(/\*\*/g)?.length ?? 0;
  const test = wildcards === 0 ? (gun: string) => gun === rule.match : rule.match === '**' ? () => true : glob!(rule.match, GLOB_OPTIONS);
  return {
    rule,
    test,
    rank: [wildcards === 0 ? 1 : 0, rule.match.split('/').filter((c) => !/[*?[]/.test(c)).length, literal.length, -globstars, -wildcards],
  };
}

function compareRank(a: CompiledRule['rank'], b: CompiledRule['rank']): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4];
}

/** A rule as messages and the step summary name it: where it is written, and its glob. */
export function describeRule(rule: PolicyRule): string {
  return rule.source ? `${rule.source} (${rule.match})` : rule.match;
}

/** Finds each repository's rule, once per repository: a deploy of 500 images costs one match per repository, not per image. */
export class PolicyMatcher {
  private readonly compiled: CompiledRule[];
  private readonly cache = new Map<string, PolicyRule | PolicyError>();

  private constructor(
    readonly policy: TrustPolicy,
    glob: Picomatch | undefined,
  ) {
    this.compiled = policy.rules.map((rule) => compile(rule, glob));
  }

  /** The glob library loads only for a policy with globs: the inputs' one rule (`**`) matches everything without it. */
  static async create(policy: TrustPolicy): Promise<PolicyMatcher> {
    const needsGlob = policy.rules.some((r) => r.match !== '**' && /[*?[]/.test(r.match));
    return new PolicyMatcher(policy, needsGlob ? (await import('picomatch')).default : undefined);
  }

  /** The most specific rule that matches; a repository no rule matches, or two rules match equally, is denied. */
  ruleFor(gun: string): PolicyRule {
    let found = this.cache.get(gun);
    if (!found) {
      found = this.choose(gun);
      this.cache.set(gun, found);
    }
    if (found instanceof PolicyError) throw found;
    return found;
  }

  private choose(gun: string): PolicyRule | PolicyError {
    const matching = this.compiled.filter((c) => c.test(gun)).sort((a, b) => compareRank(b.rank, a.rank));
    const [best, next] = matching;
    if (!best)
      return new PolicyError('POLICY_NO_MATCH', `no policy rule matches ${gun}, so it is denied; add a rule whose match covers it`);
    if (next && compareRank(best.rank, next.rank) === 0) {
      return new PolicyError(
        'POLICY_AMBIGUOUS',
        `${gun} matches ${describeRule(best.rule)} and ${describeRule(next.rule)} equally; make one of them more specific`,
      );
    }
    return best.rule;
  }
}
