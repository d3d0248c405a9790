import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { ManifestError } from '../errors.js';
import { yamlProblem } from '../util/yaml-error.js';

/**
 * The `image:` values of deployment manifests (Kubernetes YAML of any kind, multi-document; compose
 * files; rendered Helm output; JSON), found through the YAML library's syntax tree and rewritten at
 * the source positions it gives, so every other byte of the file stays as it was.
 */

export type ScalarStyle = 'plain' | 'double-quoted' | 'single-quoted' | 'block';

export interface ImageField {
  value: string;
  /** 1-based position of the value, for messages. */
  line: number;
  column: number;
  /** The value's source span [start, end), its quotes included. */
  start: number;
  end: number;
  style: ScalarStyle;
}

/** A manifest larger than this has no business at a deploy gate (and would make a log line of its errors). */
export const MAX_IMAGE_FIELDS_PER_FILE = 10_000;

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_DOUBLE: 'double-quoted',
  QUOTE_SINGLE: 'single-quoted',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

function invalid(name: string, lines: LineCounter, offset: number, message: string): ManifestError {
  const { line, col } = lines.linePos(offset);
  return new ManifestError('MANIFEST_INVALID', `${name}:${line}:${col}: ${message}`, { option: 'manifests' });
}

/**
 * Every `image:` whose value is a string, in every document, at any depth: the containers,
 * initContainers and ephemeralContainers of every workload kind (a Pod, a Deployment's template, a
 * CronJob's jobTemplate, a List's items, custom resources) and compose's services.*.image. A value
 * given through an alias counts once, at its anchor. Aliases are never followed into collections,
 * so no document can make this walk more than one visit per node.
 */
export function findImageFields(text: string, name: string): ImageField[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const docs: Document.Parsed[] = Array.isArray(documents) ? documents : [];
  const fields = new Map<number, ImageField>();
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw invalid(name, lines, error.pos[0], `not valid YAML: ${yamlProblem(error.message)}`);
    const pending: unknown[] = [doc.contents];
    while (pending.length > 0) {
      const node = pending.pop();
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          if (isScalar(pair.key) && pair.key.value === 'image') {
            const field = imageField(doc, pair.value, name, lines, pair.key.range?.[0] ?? 0);
            if (field) fields.set(field.start, field);
            else pending.push(pair.value);
          } else {
            pending.push(pair.value);
          }
        }
      } else if (isSeq(node)) {
        pending.push(...node.items);
      }
      if (fields.size > MAX_IMAGE_FIELDS_PER_FILE)
        throw new ManifestError('MANIFEST_INVALID', `${name}: more than ${MAX_IMAGE_FIELDS_PER_FILE} image: fields`, {
          option: 'manifests',
        });
    }
  }
  return [...fields.values()].sort((a, b) => a.start - b.start);
}

/** The image an `image:` names, or undefined for a mapping or list (a chart's values, a custom resource's own shape). */
function imageField(doc: Document.Parsed, value: unknown, name: string, lines: LineCounter, keyOffset: number): ImageField | undefined {
  const node: unknown = isAlias(value) ? value.resolve(doc) : value;
  if (isAlias(value) && !node)
    throw invalid(name, lines, value.range?.[0] ?? keyOffset, `alias *${value.source} has no anchor in its document`);
  if (isMap(node) || isSeq(node)) return undefined;
  if (!isScalar(node) || !node.range || node.value === null)
    throw invalid(name, lines, keyOffset, 'image: has no value; expected an image reference');
  if (typeof node.value !== 'string' || node.value.trim() === '')
    throw invalid(name, lines, node.range[0], 'image: is not an image reference; expected a string such as registry/app:1.2');
  const [start, end] = node.range;
  const { line, col } = lines.linePos(start);
  return { value: node.value, line, column: col, start, end, style: STYLES[(node as Node & { type?: string }).type ?? ''] ?? 'plain' };
}

/** The scalar as it is written in its own style: a pinned reference needs no escaping in any of them. */
function written(value: string, style: ScalarStyle): string {
  if (style === 'double-quoted') return `"${value}"`;
  if (style === 'single-quoted') return `'${value}'`;
  return value;
}

/** Reference characters only: nothing that could end a quoted scalar or start a comment or a flow collection. */
const PINNED = /^[A-Za-z0-9._/:@[\]-]+$/;

/**
 * The text with each field's value replaced, each in the style it was written in; nothing else
 * changes. The result is parsed again and must hold exactly the new values where the old ones were.
 */
export function replaceImageFields(text: string, name: string, replacements: ReadonlyMap<ImageField, string>): string {
  const ordered = [...replacements].sort(([a], [b]) => b.start - a.start);
  let out = text;
  for (const [field, value] of ordered) {
    if (field.style === 'block')
      throw new ManifestError(
        'MANIFEST_INVALID',
        `${name}:${field.line}:${field.column}: image: is a block scalar; write it on one line to pin it`,
        { option: 'manifests' },
      );
    if (!PINNED.test(value)) throw new ManifestError('MANIFEST_INVALID', `${name}: cannot write ${JSON.stringify(value)} as an image`);
    out = `${out.slice(0, field.start)}${written(value, field.style)}${out.slice(field.end)}`;
  }
  const byStart = new Map([...replacements].map(([f, value]) => [f.start, value]));
  const before = findImageFields(text, name).map((f) => byStart.get(f.start) ?? f.value);
  const after = findImageFields(out, name).map((f) => f.value);
  if (before.length !== after.length || before.some((v, i) => v !== after[i]))
    throw new ManifestError('MANIFEST_WRITE_FAILED', `${name}: the pinned file does not read back as written; it is left as it was`, {
      option: 'manifests',
    });
  return out;
}
