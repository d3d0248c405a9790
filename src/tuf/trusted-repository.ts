import type { PublicKey } from './keys.js';
import type { Root, Snapshot, Targets, Timestamp, SignedFile } from './metadata.js';
import type { RoleKeys } from './signatures.js';

/** One verified targets role: its file, the keys it was verified with, and the paths it may sign. */
export interface LoadedRole {
  name: string;
  file: SignedFile<Targets>;
  /** The keys and threshold it was verified against (from root, or from its parent). */
  keys: RoleKeys;
  /** Effective path prefixes after the parent's restriction; `targets` has [""]. */
  paths: string[];
}

/** A published delegation that did not verify; `expired` ones are validly signed, only stale. */
export interface InvalidRole {
  reason: string;
  /** Set when only the expiry failed: the content is authentic and may be re-signed. */
  expired?: LoadedRole;
}

/** A repository's trust data after a complete, verified update (made by TrustedStore.result). */
export class TrustedRepository {
  constructor(
    readonly gun: string,
    readonly root: SignedFile<Root>,
    readonly timestamp: SignedFile<Timestamp>,
    readonly snapshot: SignedFile<Snapshot>,
    /** Verified targets roles, in notary's pre-order walk order. */
    readonly roles: Map<string, LoadedRole>,
    /** Delegations that were published but did not verify (expired, threshold): skipped, as notary does. */
    readonly invalidRoles: Map<string, InvalidRole>,
    readonly warnings: string[],
    readonly trustedOnFirstUse: boolean,
    /** Roles past their expiry: empty unless loaded to be renewed (every other check passed). */
    readonly expired: readonly { role: string; expires: string }[] = [],
  ) {}

  get targets(): LoadedRole {
    return this.roles.get('targets')!;
  }

  /** Role metadata as published: listed in the snapshot, whether or not it verified. */
  isPublished(role: string): boolean {
    return this.snapshot.signed.meta.has(role);
  }

  /**
   * The version of every trusted role (root, timestamp, snapshot, targets, each trusted
   * delegation): the rollback floors a later run starts from (TUF spec 5.4.3, 5.5.5).
   */
  versions(): Map<string, number> {
    const versions = new Map<string, number>([
      ['root', this.root.signed.version],
      ['timestamp', this.timestamp.signed.version],
      ['snapshot', this.snapshot.signed.version],
    ]);
    for (const [name, role] of this.roles) versions.set(name, role.file.signed.version);
    return versions;
  }

  rootKeyIds(): string[] {
    return this.root.signed.role('root').keyids;
  }

  /** Does the role's effective paths allow this target name? (notary: tuf/data/roles.go CheckPaths: prefixes.) */
  static allows(role: LoadedRole, name: string): boolean {
    return role.paths.some((p) => name.startsWith(p));
  }
}

/** The key IDs (TUF IDs as listed) of a role's keys that equal a given public key. */
export function roleKeyIdsFor(role: { keyids: readonly string[] }, keys: ReadonlyMap<string, PublicKey>, key: PublicKey): string[] {
  return role.keyids.filter((id) => {
    const listed = keys.get(id);
    return listed !== undefined && (listed.id === key.id || listed.canonicalId === key.canonicalId);
  });
}
