import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { InputError } from '../errors.js';
import type { PolicyRule, TrustPolicy } from '../policy/trust-policy.js';
import { quoted } from '../util/redact.js';
import { yamlProblem } from '../util/yaml-error.js';
import { readInputFile } from './input-files.js';
import { parseServerUrl, parseSignerNames, parseTrustedRootKeys } from './trust-values.js';

/**
 * The `policy` input's file (action-interface.md, "Trust policy file"): YAML or JSON, read through
 * the YAML library's syntax tree so that every refusal names the file, the line and the field.
 * Its fields take what the inputs of the same name take, parsed by the same code.
 */

/** Bounds no policy needs to reach: a policy is a page of rules, not a database. */
export const MAX_POLICY_BYTES = 1 << 20;
export const MAX_POLICY_RULES = 10_000;
const MAX_ITEMS_PER_FIELD = 100;

const RULE_FIELDS = ['match', 'notary-server', 'trusted-root-keys', 'required-signers'] as const;
/** The characters of `<registry>/<repository>`, and the wildcards `*`, `?` and `[...]`. */
const MATCH = /^[A-Za-z0-9._:/*?[\]-]{1,512}$/;

class PolicyReader {
  private readonly lines = new LineCounter();

  constructor(private readonly name: string) {}

  fail(node: Node | null | undefined, field: string, message: string): InputError {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return new InputError('policy', `${this.name}:${line}:${col}: ${field}: ${message}`);
  }

  parse(text: string): TrustPolicy {
    // Every value is a string (the failsafe schema): a key ID of digits and one `e` must not turn into a number.
    const doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, schema: 'failsafe' });
    const error = doc.errors[0];
    if (error) {
      const { line, col } = this.lines.linePos(error.pos[0]);
      throw new InputError('policy', `${this.name}:${line}:${col}: not valid YAML or JSON: ${yamlProblem(error.message)}`);
    }
    const top = doc.contents;
    if (!isMap(top)) throw this.fail(top, 'policy', 'expected a mapping with version: 1 and repositories');
    this.onlyFields(top, '', ['version', 'repositories']);
    const version = top.get('version', true);
    if (!isScalar(version) || String(version.value) !== '1') throw this.fail(version ?? top, 'version', 'expected 1');
    const repositories = top.get('repositories', true);
    if (!isSeq(repositories) || repositories.items.length === 0)
      throw this.fail(repositories ?? top, 'repositories', 'expected a list of rules, each with match and trusted-root-keys');
    if (repositories.items.length > MAX_POLICY_RULES) throw this.fail(repositories, 'repositories', `more than ${MAX_POLICY_RULES} rules`);
    const seen = new Map<string, string>();
    return {
      rules: repositories.items.map((item, i) => {
        const rule = this.rule(item as Node, `repositories[${i}]`);
        const earlier = seen.get(rule.match);
        if (earlier) throw this.fail(item as Node, `repositories[${i}].match`, `${quoted(rule.match)} is already the match of ${earlier}`);
        seen.set(rule.match, `repositories[${i}] (${rule.source})`);
        return rule;
      }),
    };
  }

  private onlyFields(map: YAMLMap, prefix: string, allowed: readonly string[]): void {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key))
        throw this.fail(pair.key as Node, `${prefix}${key || '(key)'}`, `unknown field; expected ${allowed.join(', ')}`);
    }
  }

  private rule(node: Node, path: string): PolicyRule {
    if (!isMap(node))
      throw this.fail(node, path, 'expected a mapping: match, trusted-root-keys, and optionally notary-server, required-signers');
    this.onlyFields(node, `${path}.`, RULE_FIELDS);
    const match = node.get('match', true);
    if (!isScalar(match) || typeof match.value !== 'string')
      throw this.fail(match ?? node, `${path}.match`, 'is required: a glob over <registry>/<repository>, e.g. registry.example.com/team/*');
    if (!MATCH.test(match.value))
      throw this.fail(match, `${path}.match`, `${quoted(match.value)} is not a glob over <registry>/<repository>`);
    const { line } = this.lines.linePos(node.range?.[0] ?? 0);
    const server = node.get('notary-server', true);
    const notaryServer =
      server === undefined ? undefined : this.parsed(server, `${path}.notary-server`, (v) => parseServerUrl(v, 'notary-server'));
    const roots = node.get('trusted-root-keys', true);
    if (roots === undefined)
      throw this.fail(
        node,
        `${path}.trusted-root-keys`,
        'is required: the root key IDs (64 hex) or root certificates (PEM) this repository chains from',
      );
    const trustedRootKeyIds = new Set<string>();
    for (const item of this.strings(roots, `${path}.trusted-root-keys`))
      for (const id of this.parsed(item.node, item.field, (v) => parseTrustedRootKeys(v))) trustedRootKeyIds.add(id);
    if (trustedRootKeyIds.size === 0)
      throw this.fail(roots, `${path}.trusted-root-keys`, 'is empty; expected at least one root key ID or certificate');
    const signers = node.get('required-signers', true);
    const requiredSigners =
      signers === undefined
        ? []
        : this.strings(signers, `${path}.required-signers`).flatMap((item) =>
            this.parsed(item.node, item.field, (v) => parseSignerNames(v)),
          );
    return {
      match: match.value,
      source: `${this.name}:${line}`,
      ...(notaryServer ? { notaryServer } : {}),
      trustedRootKeyIds,
      requiredSigners,
    };
  }

  /** A string, or a list of strings (as the input takes them, one per line or comma-separated). */
  private strings(node: unknown, field: string): { node: Node; field: string; value: string }[] {
    const items = isSeq(node) ? node.items : [node];
    if (items.length > MAX_ITEMS_PER_FIELD) throw this.fail(node as Node, field, `more than ${MAX_ITEMS_PER_FIELD} items`);
    return items.map((item, i) => {
      const at = isSeq(node) ? `${field}[${i}]` : field;
      if (!isScalar(item) || typeof item.value !== 'string') throw this.fail(item as Node, at, 'expected a string, or a list of strings');
      return { node: item, field: at, value: item.value };
    });
  }

  /** A value through the input's own parser; its refusal is re-told at the field's position. */
  private parsed<T>(node: Node, field: string, parse: (value: string) => T): T {
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (value === undefined) throw this.fail(node, field, 'expected a string');
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof InputError) throw this.fail(node, field, error.message);
      throw error;
    }
  }
}

/** The policy in `text`; `name` (the file's path) is what messages call it. */
export function parseTrustPolicy(text: string, name: string): TrustPolicy {
  return new PolicyReader(name).parse(text);
}

/** The `policy` input: the file it names, read and checked before anything is sent. */
export function readPolicyFile(path: string): TrustPolicy {
  return parseTrustPolicy(readInputFile('policy', path, 'a trust policy file (YAML or JSON)', MAX_POLICY_BYTES), path);
}
