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
 * CronJob's jobTemplate, a List's items, custom resources), compose's services.*.image, and an
 * image volume's `image.reference`. A key is read as kubectl and compose (go-yaml) read it: an
 * alias key counts by what it names, and a key with a tag other than `!!str` is refused rather
 * than guessed at. A value given through an alias counts once, at its anchor. Aliases are resolved
 * from one index of the document's anchors (the library's own resolve walks the whole document per
 * alias) and never followed into collections, so the walk is linear in the file.
 */
export function findImageFields(text: string, name: string): ImageField[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const docs: Document.Parsed[] = Array.isArray(documents) ? documents : [];
  const fields = new Map<number, ImageField>();
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw invalid(name, lines, error.pos[0], `not valid YAML: ${yamlProblem(error.message)}`);
    const reader = new DocumentReader(doc, name, lines);
    const pending: unknown[] = [doc.contents];
    while (pending.length > 0) {
      const node = pending.pop();
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          if (reader.keyText(pair.key) === 'image') {
            const field = reader.imageField(pair.value, (pair.key as Node | null)?.range?.[0] ?? 0);
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

/** Aliases one file may use: far more than any manifest, few enough that no file can make the walk slow. */
const MAX_ALIASES_PER_FILE = 10_000;
const STRING_TAG = 'tag:yaml.org,2002:str';

/** One document's anchors, indexed once, and the reading of its keys and image values. */
class DocumentReader {
  /** Anchor name -> the nodes that carry it, by source position (a later anchor of the same name wins after it). */
  private readonly anchors = new Map<string, { start: number; node: Node }[]>();
  private aliases = 0;

  constructor(
    doc: Document.Parsed,
    private readonly name: string,
    private readonly lines: LineCounter,
  ) {
    const pending: unknown[] = [doc.contents];
    while (pending.length > 0) {
      const node = pending.pop();
      if (isMap(node) || isSeq(node) || isScalar(node)) {
        if (node.anchor) {
          const list = this.anchors.get(node.anchor) ?? [];
          list.push({ start: node.range?.[0] ?? 0, node });
          this.anchors.set(node.anchor, list);
        }
      }
      if (isMap(node)) for (const pair of node.items) pending.push(pair.key, pair.value);
      else if (isSeq(node)) pending.push(...node.items);
    }
    for (const list of this.anchors.values()) list.sort((a, b) => a.start - b.start);
  }

  /** The node an alias names: the last anchor of that name before it. */
  private resolve(alias: Node & { source: string }): Node {
    if (++this.aliases > MAX_ALIASES_PER_FILE)
      throw invalid(this.name, this.lines, alias.range?.[0] ?? 0, `more than ${MAX_ALIASES_PER_FILE} aliases`);
    const at = alias.range?.[0] ?? 0;
    const target = (this.anchors.get(alias.source) ?? []).filter((a) => a.start < at).pop();
    if (!target) throw invalid(this.name, this.lines, at, `alias *${alias.source} has no anchor in its document`);
    return target.node;
  }

  /** A key's text as go-yaml reads it; undefined for a key that is not a string (a number, a mapping). */
  keyText(key: unknown): string | undefined {
    const node: unknown = isAlias(key) ? this.resolve(key) : key;
    if (!isScalar(node)) return undefined;
    if (node.tag && node.tag !== STRING_TAG)
      throw invalid(this.name, this.lines, node.range?.[0] ?? 0, `a key with the tag ${node.tag} is not read; write the key without a tag`);
    return typeof node.value === 'string' ? node.value : undefined;
  }

  /** The image an `image:` names; undefined for a mapping or list with no `reference` (a chart's values, a custom resource's own shape). */
  imageField(value: unknown, keyOffset: number): ImageField | undefined {
    let node: unknown = isAlias(value) ? this.resolve(value) : value;
    if (isMap(node)) {
      // An image volume (Kubernetes 1.31+): `image: {reference: registry/app:1, pullPolicy: ...}`.
      const reference = node.items.find((pair) => this.keyText(pair.key) === 'reference');
      if (!reference) return undefined;
      node = isAlias(reference.value) ? this.resolve(reference.value) : reference.value;
      keyOffset = (reference.key as Node | null)?.range?.[0] ?? keyOffset;
    }
    if (isSeq(node)) return undefined;
    const { name, lines } = this;
    if (!isScalar(node) || !node.range || node.value === null)
      throw invalid(name, lines, keyOffset, 'image: has no value; expected an image reference');
    if (typeof node.value !== 'string' || node.value.trim() === '')
      throw invalid(name, lines, node.range[0], 'image: is not an image reference; expected a string such as registry/app:1.2');
    const [start, end] = node.range;
    const { line, col } = lines.linePos(start);
    return { value: node.value, line, column: col, start, end, style: STYLES[(node as Node & { type?: string }).type ?? ''] ?? 'plain' };
  }
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
 * changes. `fields` are all of the text's fields, as findImageFields found them. The result is
 * parsed again and must hold exactly the new values where the old ones were.
 */
export function replaceImageFields(
  text: string,
  name: string,
  fields: readonly ImageField[],
  replacements: ReadonlyMap<ImageField, string>,
): string {
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
  const before = fields.map((f) => byStart.get(f.start) ?? f.value);
  const after = findImageFields(out, name).map((f) => f.value);
  if (before.length !== after.length || before.some((v, i) => v !== after[i]))
    throw new ManifestError('MANIFEST_WRITE_FAILED', `${name}: the pinned file does not read back as written; it is left as it was`, {
      option: 'manifests',
    });
  return out;
}
