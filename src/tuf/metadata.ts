import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { canonicalBytes, canonicalString, htmlEscapeJson, type JsonValue } from './canonical-json.js';
import { fromBase64, toBase64, utf8Bytes } from './encoding.js';
import { JsonReader, parseJsonObject, type JsonObject } from './guard.js';
import { PublicKey } from './keys.js';
import type { Signature } from './signatures.js';
import { parseRfc3339 } from './time.js';

/**
 * Notary v1 metadata (notary: tuf/data/*.go), one class per role, tuf-js style. Notary is not TUF 1.0:
 * `_type` is capitalised, there is no spec_version, signatures carry `method`.
 *
 * Parsing validates structure as notary's isValid*Structure functions do. Writing emits exactly
 * Go's field set (unknown fields are dropped, as Go drops them) because the server re-serializes
 * what we upload and indexes it by the hash of our bytes: they must be a fixed point of Go's
 * parse -> marshal (notary-protocol.md §2.4).
 */

export const BASE_ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];

const HASH_SIZES: Record<string, number> = { sha256: 32, sha512: 64 };

/** Delegation names (notary: tuf/data/roles.go IsDelegation). */
const DELEGATION_NAME = /^targets\/[-a-z0-9_/]+$/;

export function isDelegationName(name: string): boolean {
  if (!DELEGATION_NAME.test(name) || Buffer.byteLength(name) >= 256) return false;
  // must already be path.Clean'ed: no empty, '.' or '..' segments, no trailing slash
  return name.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export function parentRole(name: string): string {
  return name.slice(0, name.lastIndexOf('/'));
}

export interface FileMeta {
  length: number;
  hashes: Record<string, Uint8Array>;
  custom?: JsonValue;
}

/** Snapshot/timestamp entry for a file: its length, sha256 and sha512 (notary: const.go NotaryDefaultHashes). */
export function fileMetaOf(bytes: Uint8Array): FileMeta {
  return { length: bytes.length, hashes: { sha256: sha256(bytes), sha512: sha512(bytes) } };
}

function parseFileMeta(reader: JsonReader, value: unknown, path: string): FileMeta {
  const obj = reader.object(value, path);
  const length = reader.integer(obj.length, `${path}.length`);
  const hashesObj = reader.object(obj.hashes, `${path}.hashes`);
  const hashes: Record<string, Uint8Array> = {};
  for (const [alg, b64] of Object.entries(hashesObj)) {
    const bytes = fromBase64(reader.string(b64, `${path}.hashes.${alg}`));
    if (!bytes) reader.fail(`${path}.hashes.${alg}`, 'padded standard base64');
    const size = HASH_SIZES[alg];
    if (size !== undefined && bytes.length !== size) reader.fail(`${path}.hashes.${alg}`, `a ${size}-byte digest`);
    hashes[alg] = bytes;
  }
  if (Object.keys(hashes).length === 0) reader.fail(`${path}.hashes`, 'a non-empty object');
  const meta: FileMeta = { length, hashes };
  if (obj.custom !== undefined && obj.custom !== null) meta.custom = obj.custom;
  return meta;
}

function fileMetaJSON(meta: FileMeta): JsonObject {
  const hashes: JsonObject = {};
  for (const [alg, bytes] of Object.entries(meta.hashes)) hashes[alg] = toBase64(bytes);
  const out: JsonObject = { hashes, length: meta.length };
  if (meta.custom !== undefined) out.custom = meta.custom;
  return out;
}

interface Common {
  version: number;
  /** The original text (Go re-prints it unchanged); see time.ts. */
  expires: string;
}

function parseCommon(reader: JsonReader, obj: JsonObject, type: string): Common & { expiresMs: number } {
  const actual = reader.string(obj._type, '_type');
  if (actual !== type) reader.fail('_type', `"${type}" (got "${actual}")`);
  const version = reader.integer(obj.version, 'version', 1);
  const expires = reader.string(obj.expires, 'expires');
  const expiresMs = parseRfc3339(expires);
  if (expiresMs === undefined) reader.fail('expires', 'an RFC 3339 time');
  return { version, expires, expiresMs };
}

function parseKeyMap(reader: JsonReader, value: unknown, path: string): Map<string, PublicKey> {
  const keys = new Map<string, PublicKey>();
  for (const [id, key] of Object.entries(reader.object(value, path))) {
    keys.set(id, PublicKey.fromJSON(reader, key, `${path}.${id}`));
  }
  return keys;
}

function keyMapJSON(keys: ReadonlyMap<string, PublicKey>): JsonObject {
  const out: JsonObject = {};
  for (const [id, key] of keys) out[id] = key.toJSON();
  return out;
}

export interface RoleSpec {
  keyids: string[];
  threshold: number;
}

export class Root implements Common {
  readonly type = 'Root';
  constructor(
    public version: number,
    public expires: string,
    public keys: Map<string, PublicKey>,
    public roles: Map<BaseRole, RoleSpec>,
    public consistentSnapshot = false,
  ) {}

  get expiresMs(): number {
    return parseRfc3339(this.expires) ?? 0;
  }

  static fromJSON(reader: JsonReader, obj: JsonObject): Root {
    const { version, expires } = parseCommon(reader, obj, 'Root');
    const consistentSnapshot = reader.boolean(obj.consistent_snapshot, 'consistent_snapshot');
    const keys = parseKeyMap(reader, obj.keys, 'keys');
    const rolesObj = reader.object(obj.roles, 'roles');
    const roles = new Map<BaseRole, RoleSpec>();
    for (const name of BASE_ROLES) {
      const path = `roles.${name}`;
      const role = reader.object(rolesObj[name], path);
      const keyids = reader.stringArray(role.keyids, `${path}.keyids`);
      const threshold = reader.integer(role.threshold, `${path}.threshold`, 1);
      for (const id of keyids) if (!keys.has(id)) reader.fail(`${path}.keyids`, `IDs of keys listed in keys (${id} is not)`);
      roles.set(name, { keyids, threshold });
    }
    return new Root(version, expires, keys, roles, consistentSnapshot);
  }

  role(name: BaseRole): RoleSpec {
    return this.roles.get(name) ?? { keyids: [], threshold: 1 };
  }

  toJSON(): JsonObject {
    const roles: JsonObject = {};
    for (const [name, spec] of this.roles) roles[name] = { keyids: spec.keyids, threshold: spec.threshold };
    return {
      _type: this.type,
      consistent_snapshot: this.consistentSnapshot,
      expires: this.expires,
      keys: keyMapJSON(this.keys),
      roles,
      version: this.version,
    };
  }
}

export interface DelegationRole {
  name: string;
  keyids: string[];
  threshold: number;
  /** Path prefixes (not globs); "" allows every path (roles.go checkPaths). */
  paths: string[];
}

export class Targets implements Common {
  readonly type = 'Targets';
  constructor(
    public version: number,
    public expires: string,
    public targets: Map<string, FileMeta> = new Map(),
    public delegationKeys: Map<string, PublicKey> = new Map(),
    public delegations: DelegationRole[] = [],
  ) {}

  get expiresMs(): number {
    return parseRfc3339(this.expires) ?? 0;
  }

  /** `role` is the file's own role name: its delegations must be direct children of it. */
  static fromJSON(reader: JsonReader, obj: JsonObject, role: string): Targets {
    const { version, expires } = parseCommon(reader, obj, 'Targets');
    const targets = new Map<string, FileMeta>();
    for (const [name, meta] of Object.entries(reader.object(obj.targets, 'targets'))) {
      targets.set(name, parseFileMeta(reader, meta, `targets[${JSON.stringify(name)}]`));
    }
    const delegationsObj = reader.object(obj.delegations ?? { keys: {}, roles: [] }, 'delegations');
    const keys = parseKeyMap(reader, delegationsObj.keys ?? {}, 'delegations.keys');
    const delegations = reader.array(delegationsObj.roles ?? [], 'delegations.roles').map((value, i) => {
      const path = `delegations.roles[${i}]`;
      const d = reader.object(value, path);
      const name = reader.string(d.name, `${path}.name`);
      if (!isDelegationName(name) || parentRole(name) !== role) {
        reader.fail(`${path}.name`, `a delegation directly under ${role} (got "${name}")`);
      }
      const keyids = reader.stringArray(d.keyids, `${path}.keyids`);
      for (const id of keyids) if (!keys.has(id)) reader.fail(`${path}.keyids`, `IDs of keys in delegations.keys (${id} is not)`);
      const threshold = reader.integer(d.threshold, `${path}.threshold`, 1);
      const paths = d.paths === undefined || d.paths === null ? [] : reader.stringArray(d.paths, `${path}.paths`);
      return { name, keyids, threshold, paths };
    });
    return new Targets(version, expires, targets, keys, delegations);
  }

  toJSON(): JsonObject {
    const targets: JsonObject = {};
    for (const [name, meta] of this.targets) targets[name] = fileMetaJSON(meta);
    return {
      _type: this.type,
      // Always written, with {} and [] when empty: Go never omits this struct (types.go).
      delegations: {
        keys: keyMapJSON(this.delegationKeys),
        roles: this.delegations.map((d) => {
          const role: JsonObject = { keyids: d.keyids, name: d.name, threshold: d.threshold };
          if (d.paths.length > 0) role.paths = d.paths; // `omitempty` in roles.go
          return role;
        }),
      },
      expires: this.expires,
      targets,
      version: this.version,
    };
  }
}

abstract class MetaRole implements Common {
  abstract readonly type: 'Snapshot' | 'Timestamp';
  constructor(
    public version: number,
    public expires: string,
    public meta: Map<string, FileMeta>,
  ) {}

  get expiresMs(): number {
    return parseRfc3339(this.expires) ?? 0;
  }

  protected static parseMeta(reader: JsonReader, obj: JsonObject, type: string, required: string[]): [Common, Map<string, FileMeta>] {
    const common = parseCommon(reader, obj, type);
    const meta = new Map<string, FileMeta>();
    for (const [name, value] of Object.entries(reader.object(obj.meta, 'meta'))) {
      meta.set(name, parseFileMeta(reader, value, `meta[${JSON.stringify(name)}]`));
    }
    for (const name of required) {
      if (!meta.get(name)?.hashes.sha256) reader.fail(`meta[${JSON.stringify(name)}]`, 'present with a sha256 hash');
    }
    return [common, meta];
  }

  toJSON(): JsonObject {
    const meta: JsonObject = {};
    for (const [name, fm] of this.meta) meta[name] = fileMetaJSON(fm);
    return { _type: this.type, expires: this.expires, meta, version: this.version };
  }
}

export class Snapshot extends MetaRole {
  readonly type = 'Snapshot';
  static fromJSON(reader: JsonReader, obj: JsonObject): Snapshot {
    const [c, meta] = MetaRole.parseMeta(reader, obj, 'Snapshot', ['root', 'targets']);
    return new Snapshot(c.version, c.expires, meta);
  }
}

export class Timestamp extends MetaRole {
  readonly type = 'Timestamp';
  static fromJSON(reader: JsonReader, obj: JsonObject): Timestamp {
    const [c, meta] = MetaRole.parseMeta(reader, obj, 'Timestamp', ['snapshot']);
    return new Timestamp(c.version, c.expires, meta);
  }
}

export type RoleMetadata = Root | Targets | Snapshot | Timestamp;

/** A metadata file as served: the raw bytes (what hashes cover) and what was parsed from them. */
export interface SignedFile<T extends RoleMetadata> {
  role: string;
  bytes: Uint8Array;
  signed: T;
  signatures: Signature[];
  /**
   * What signatures cover: the canonical form of the parsed `signed` value, unknown fields and
   * all (notary: tuf/signed/verify.go re-canonicalizes a generic map, never the raw bytes).
   */
  signedBytes: Uint8Array;
}

export function parseSignedFile<T extends RoleMetadata>(
  role: string,
  bytes: Uint8Array,
  parse: (reader: JsonReader, signed: JsonObject) => T,
): SignedFile<T> {
  const source = `${role}.json`;
  const top = parseJsonObject(bytes, source);
  const reader: JsonReader = new JsonReader(source);
  const signedObj = reader.object(top.signed, 'signed');
  const signatures = reader.array(top.signatures ?? [], 'signatures').map((value, i) => {
    const s = reader.object(value, `signatures[${i}]`);
    const sig = fromBase64(reader.string(s.sig, `signatures[${i}].sig`));
    if (!sig) reader.fail(`signatures[${i}].sig`, 'padded standard base64');
    return {
      keyid: reader.string(s.keyid, `signatures[${i}].keyid`),
      method: reader.string(s.method, `signatures[${i}].method`).toLowerCase(),
      sig,
    };
  });
  let signedBytes: Uint8Array;
  try {
    signedBytes = canonicalBytes(signedObj);
  } catch {
    reader.fail('signed', 'canonical-JSON encodable (integers only)');
  }
  return { role, bytes, signed: parse(reader, signedObj), signatures, signedBytes };
}

/** The file Go would write: `{"signed":<canonical, HTML-escaped>,"signatures":[...]}`, no newline. */
export function serializeSignedFile(signed: JsonObject, signatures: readonly Signature[]): Uint8Array {
  const sigs = signatures
    .map((s) => `{"keyid":${JSON.stringify(s.keyid)},"method":${JSON.stringify(s.method)},"sig":"${toBase64(s.sig)}"}`)
    .join(',');
  return utf8Bytes(`{"signed":${htmlEscapeJson(canonicalString(signed))},"signatures":[${sigs}]}`);
}
