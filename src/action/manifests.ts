import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { InputError, ManifestError } from '../errors.js';
import { findImageFields, replaceImageFields, type ImageField } from '../manifests/image-fields.js';
import { manifestReference, pinnedValue } from '../manifests/references.js';
import { gunOf, type ImageReference } from '../registry/reference.js';
import { quoted } from '../util/redact.js';
import { readInputFile } from './input-files.js';

/**
 * The `manifests` and `pin-manifests` inputs: the files read and their `image:` fields found before
 * anything is sent, and after a verify that passed for every image, the pinned files written all
 * together or not at all.
 */

export interface ManifestFile {
  /** As the input named it (or the glob found it): what messages and `pinned-manifests` say. */
  path: string;
  /** Where it is written: a symlink's target, so the link stays a link. */
  realPath: string;
  text: string;
  fields: { field: ImageField; ref: ImageReference }[];
}

const MAX_MANIFEST_FILES = 1000;
const MAX_MANIFEST_BYTES = 16 << 20;
/** More distinct images than a deploy has; each costs a registry look-up. */
export const MAX_MANIFEST_IMAGES = 10_000;

/** The files the `manifests` input names (paths and globs, one per line), each once: as named, and where they really are. */
function manifestPaths(value: string): { path: string; realPath: string }[] {
  const paths: string[] = [];
  for (const line of value.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    if (!isDynamicPattern(line)) {
      paths.push(line);
      continue;
    }
    // Paths as the pattern was written: an absolute glob finds absolute paths, a relative one relative paths.
    const found = globSync(line, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(line) }).sort();
    if (found.length === 0)
      throw new InputError('manifests', `${quoted(line)} matches no file; expected files or globs of deployment manifests`);
    paths.push(...found);
  }
  const byRealPath = new Map<string, string>();
  for (const path of paths) {
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // readInputFile says what is wrong with it.
    }
    if (!byRealPath.has(real)) byRealPath.set(real, path);
  }
  if (byRealPath.size > MAX_MANIFEST_FILES) throw new InputError('manifests', `more than ${MAX_MANIFEST_FILES} files`);
  return [...byRealPath].map(([realPath, path]) => ({ path, realPath }));
}

/** Every file of the `manifests` input, read, parsed, and each `image:` value parsed as a reference. */
export function readManifests(value: string): ManifestFile[] {
  return manifestPaths(value).map(({ path, realPath }) => {
    const text = readInputFile('manifests', path, 'a YAML or JSON manifest', MAX_MANIFEST_BYTES);
    const fields = findImageFields(text, path).map((field) => ({
      field,
      ref: manifestReference(field.value, `${path}:${field.line}`),
    }));
    return { path, realPath, text, fields };
  });
}

/** What verify checks: `images`, then each distinct manifest image once, with where each was found. */
export function imagesToVerify(
  images: readonly ImageReference[],
  files: readonly ManifestFile[],
): { images: ImageReference[]; foundIn: Map<ImageReference, string[]>; refOf: Map<ImageField, ImageReference> } {
  const key = (ref: ImageReference) => `${gunOf(ref)}:${ref.tag}@${ref.digest ?? ''}`;
  const byKey = new Map<string, ImageReference>();
  for (const ref of images) if (!byKey.has(key(ref))) byKey.set(key(ref), ref);
  const all = [...images];
  const foundIn = new Map<ImageReference, string[]>();
  const refOf = new Map<ImageField, ImageReference>();
  for (const file of files) {
    for (const { field, ref } of file.fields) {
      let known = byKey.get(key(ref));
      if (!known) {
        known = ref;
        byKey.set(key(ref), ref);
        all.push(ref);
      }
      refOf.set(field, known);
      const where = `${file.path}:${field.line}`;
      const places = foundIn.get(known);
      if (places) places.push(where);
      else foundIn.set(known, [where]);
    }
  }
  if (all.length === 0)
    throw new InputError('manifests', 'no image: field in any of the files, and images is empty; expected something to verify');
  if (byKey.size > MAX_MANIFEST_IMAGES) throw new InputError('manifests', `more than ${MAX_MANIFEST_IMAGES} distinct images`);
  return { images: all, foundIn, refOf };
}

/**
 * Rewrites each `image:` to `<name>:<tag>@<digest>` of its verified tag. Every new text is made
 * (and read back) before any file is touched; each goes to a temporary file beside its original,
 * then all are renamed over the originals, and a failure puts back what was renamed. Returns
 * the files whose bytes changed (a second run changes none).
 */
export function pinManifests(
  files: readonly ManifestFile[],
  refOf: ReadonlyMap<ImageField, ImageReference>,
  digestOf: (ref: ImageReference) => string | undefined,
): string[] {
  const changed: { file: ManifestFile; text: string }[] = [];
  for (const file of files) {
    const replacements = new Map<ImageField, string>();
    for (const { field } of file.fields) {
      const ref = refOf.get(field);
      const digest = ref && digestOf(ref);
      if (!ref || !digest)
        throw new ManifestError('MANIFEST_WRITE_FAILED', `${file.path}:${field.line}: ${field.value} has no verified digest`);
      const value = pinnedValue(field.value, ref, digest);
      if (value !== field.value) replacements.set(field, value);
    }
    if (replacements.size > 0)
      changed.push({
        file,
        text: replaceImageFields(
          file.text,
          file.path,
          file.fields.map((f) => f.field),
          replacements,
        ),
      });
  }
  const temporary: { file: ManifestFile; temp: string }[] = [];
  try {
    for (const { file, text } of changed) {
      const temp = join(dirname(file.realPath), `.${basename(file.realPath)}.dct-sign-${randomBytes(6).toString('hex')}`);
      writeFileSync(temp, text, { mode: statSync(file.realPath).mode & 0o7777, flag: 'wx' });
      temporary.push({ file, temp });
    }
  } catch (error) {
    for (const { temp } of temporary) rmSync(temp, { force: true });
    throw new ManifestError(
      'MANIFEST_WRITE_FAILED',
      `cannot write the pinned manifests (${(error as Error).message.split(',')[0]}); no file was changed`,
      {
        option: 'manifests',
      },
    );
  }
  const renamed: ManifestFile[] = [];
  try {
    for (const { file, temp } of temporary) {
      renameSync(temp, file.realPath);
      renamed.push(file);
    }
  } catch (error) {
    const notRestored: string[] = [];
    for (const file of renamed) {
      try {
        writeFileSync(file.realPath, file.text);
      } catch {
        notRestored.push(file.path);
      }
    }
    for (const { temp } of temporary) rmSync(temp, { force: true });
    const after =
      notRestored.length > 0 ? `these stay pinned and could not be put back: ${notRestored.join(', ')}` : 'they were put back as they were';
    throw new ManifestError('MANIFEST_WRITE_FAILED', `cannot replace the manifests (${(error as Error).message.split(',')[0]}); ${after}`, {
      option: 'manifests',
    });
  }
  return changed.map((c) => c.file.path);
}
