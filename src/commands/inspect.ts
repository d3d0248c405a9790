import type { ImageReference } from '../registry/reference.js';
import { goIndent, naturalCompare, type GoJson } from '../util/go-format.js';
import { TrustedRepository, type LoadedRole } from '../tuf/trusted-repository.js';
import { forEachRepository, loadCurrent, warnAboutExpiry, type CommandContext } from './context.js';

/**
 * `docker trust inspect`, read from fully verified trust data (docker/cli v28.5.2:
 * cli/command/trust/inspect.go getRepoTrustInfo, common.go lookupTrustInfo and
 * matchReleasedSignatures, over notary's client/reader.go), plus `Expires`.
 */
export interface TrustData {
  /** The reference as the user wrote it. */
  Name: string;
  SignedTags: { SignedTag: string; Digest: string; Signers: string[] }[];
  Signers: { Name: string; Keys: { ID: string }[] }[];
  AdministrativeKeys: { Name: 'Root' | 'Repository'; Keys: { ID: string }[] }[];
  /** Role name -> `expires` as published: root, targets, snapshot, timestamp, every verified delegation. */
  Expires: Record<string, string>;
}

/** helpers.go releasedRoleName: what a tag signed only by `targets` or `targets/releases` shows. */
const REPO_ADMIN = 'Repo Admin';
const RELEASES = 'targets/releases';
const BASE_ROLE_NAMES = new Set(['root', 'targets', 'snapshot', 'timestamp']);

/** helpers.go isReleasedTarget. */
function isReleased(role: string): boolean {
  return role === 'targets' || role === RELEASES;
}

/** helpers.go notaryRoleToSigner (never called with a released role where it matters). */
function signerName(role: string): string {
  return isReleased(role) ? REPO_ADMIN : role.replace(/^targets\//, '');
}

/**
 * The verified targets roles in the order notary's tuf/tuf.go WalkTargets visits them: breadth
 * first from `targets`, children in listed order (GetValidDelegations). Roles that did not verify
 * are not in the walk, nor is anything below them.
 */
function walkOrder(repo: TrustedRepository): LoadedRole[] {
  const order: LoadedRole[] = [];
  const seen = new Set<string>();
  const queue = [repo.targets];
  while (queue.length > 0) {
    const role = queue.shift()!;
    if (seen.has(role.name)) continue;
    seen.add(role.name);
    order.push(role);
    for (const delegation of role.file.signed.delegations) {
      const child = repo.roles.get(delegation.name);
      if (child) queue.push(child);
    }
  }
  return order;
}

/** A tag as one role signed it. */
interface SignedTarget {
  role: string;
  tag: string;
  digest: string;
}

/**
 * notary client/reader.go GetAllTargetMetadataByName: every (role, tag) in walk order; with a tag
 * name, only that tag. Unlike notary with an empty name, a target outside its role's delegated
 * paths is left out (as WalkTargets leaves it out for a named tag, and as a content-trust pull
 * refuses it): listing it would call a tag signed that docker's own pull rejects.
 */
function signedTargets(roles: readonly LoadedRole[], tag: string | undefined): SignedTarget[] {
  const out: SignedTarget[] = [];
  for (const role of roles) {
    const entries = tag === undefined ? [...role.file.signed.targets] : [[tag, role.file.signed.targets.get(tag)] as const];
    for (const [name, meta] of entries) {
      if (!meta || !TrustedRepository.allows(role, name)) continue;
      // hex.EncodeToString(Hashes["sha256"]): empty when the target has no sha256 hash.
      const sha = meta.hashes.sha256;
      out.push({ role: role.name, tag: name, digest: sha ? Buffer.from(sha).toString('hex') : '' });
    }
  }
  return out;
}

/**
 * common.go matchReleasedSignatures: a row per (tag, digest) signed into `targets` or
 * `targets/releases`; its signers are the other roles that signed the same tag with the same digest,
 * in walk order, else "Repo Admin" (inspect.go getRepoTrustInfo). Rows are in natural order of tag;
 * Go's sort.Slice over a map leaves rows of one tag (targets and releases disagreeing on its digest)
 * in no fixed order, and here they keep the order the walk first met them.
 */
function signedTagRows(targets: readonly SignedTarget[]): TrustData['SignedTags'] {
  const rows = new Map<string, TrustData['SignedTags'][number]>();
  const keyOf = (t: SignedTarget) => JSON.stringify([t.tag, t.digest]);
  for (const t of targets) {
    if (isReleased(t.role) && !rows.has(keyOf(t))) rows.set(keyOf(t), { SignedTag: t.tag, Digest: t.digest, Signers: [] });
  }
  for (const t of targets) {
    const row = rows.get(keyOf(t));
    if (row && !isReleased(t.role)) row.Signers.push(signerName(t.role));
  }
  const out = [...rows.values()];
  for (const row of out) if (row.Signers.length === 0) row.Signers = [REPO_ADMIN];
  return out.sort((a, b) => naturalCompare(a.SignedTag, b.SignedTag));
}

/**
 * inspect.go getRepoTrustInfo over notary's GetDelegationRoles: every delegation listed by a role
 * in the walk (published or not), except targets/releases, keys as canonical public-key IDs in the
 * role's key order (delegations.go translateDelegationsToCanonicalIDs); one entry per name (a map
 * in Go), sorted by name descending.
 */
function signerRows(roles: readonly LoadedRole[]): TrustData['Signers'] {
  const byName = new Map<string, TrustData['Signers'][number]>();
  for (const role of roles) {
    const { delegations, delegationKeys } = role.file.signed;
    for (const d of delegations) {
      if (d.name === RELEASES || BASE_ROLE_NAMES.has(d.name)) continue;
      const name = signerName(d.name);
      byName.set(name, { Name: name, Keys: d.keyids.map((id) => ({ ID: delegationKeys.get(id)!.canonicalId })) });
    }
  }
  return [...byName.values()].sort((a, b) => Buffer.compare(Buffer.from(b.Name), Buffer.from(a.Name)));
}

/** The verified trust data as `docker trust inspect` shows it; `tag` limits SignedTags to that tag. */
export function trustDataOf(repo: TrustedRepository, name: string, tag?: string): TrustData {
  const roles = walkOrder(repo);
  const root = repo.root.signed;
  const expires: Record<string, string> = {
    root: root.expires,
    targets: repo.targets.file.signed.expires,
    snapshot: repo.snapshot.signed.expires,
    timestamp: repo.timestamp.signed.expires,
  };
  for (const role of roles) expires[role.name] = role.file.signed.expires;
  return {
    Name: name,
    SignedTags: signedTagRows(signedTargets(roles, tag || undefined)),
    Signers: signerRows(roles),
    // ListRoles: the root role's key IDs as root.json lists them (certificate IDs), then targets';
    // sorted by Name descending, which puts "Root" before "Repository".
    AdministrativeKeys: [
      { Name: 'Root', Keys: root.role('root').keyids.map((ID) => ({ ID })) },
      { Name: 'Repository', Keys: root.role('targets').keyids.map((ID) => ({ ID })) },
    ],
    Expires: expires,
  };
}

/**
 * The tag docker filters on (cli/trust/trust.go getTag): a reference with a digest, or none at
 * all, shows every tag.
 */
function tagFilterOf(ref: ImageReference): string | undefined {
  return ref.digest || !ref.tag ? undefined : ref.tag;
}

/**
 * One entry per image, in the order given (docker prints one object per argument, a repeated
 * argument twice); each repository's trust data is loaded and verified once, with the pins.
 */
export async function inspect(ctx: CommandContext, options: { images: ImageReference[] }): Promise<TrustData[]> {
  const now = ctx.now?.() ?? Date.now();
  const perRepository = await forEachRepository(ctx, options.images, 'Inspect', async (repoCtx, _gun, refs) => {
    const repo = await loadCurrent(repoCtx, refs[0]!, now, new Map());
    warnAboutExpiry(repoCtx, repo, now);
    return refs.map((ref) => [ref, trustDataOf(repo, ref.original, tagFilterOf(ref))] as const);
  });
  const byReference = new Map<ImageReference, TrustData>(perRepository.flat());
  return options.images.map((ref) => byReference.get(ref)!);
}

/**
 * Exactly what `docker trust inspect` prints (cli/command/inspect/inspector.go jsonInspector.Flush):
 * the objects json.Marshal'ed, joined into an array, json.Indent'ed with four spaces, then "\n";
 * no object at all prints "[]\n". `Expires` comes last, its roles in the order they are given.
 */
export function formatTrustData(data: readonly TrustData[]): string {
  if (data.length === 0) return '[]\n';
  return `${goIndent(data.map(wireForm), 0)}\n`;
}

type Wire = GoJson;

/** The fields json.Marshal writes: trustSigner's Name and Keys and trustKey's ID are `omitempty` (common.go). */
function wireForm(d: TrustData): Wire {
  const signer = (s: { Name: string; Keys: { ID: string }[] }): Wire => {
    const out: Record<string, Wire> = {};
    if (s.Name) out.Name = s.Name;
    if (s.Keys.length > 0) out.Keys = s.Keys.map((k): Wire => (k.ID ? { ID: k.ID } : {}));
    return out;
  };
  return {
    Name: d.Name,
    SignedTags: d.SignedTags.map((t) => ({ SignedTag: t.SignedTag, Digest: t.Digest, Signers: [...t.Signers] })),
    Signers: d.Signers.map(signer),
    AdministrativeKeys: d.AdministrativeKeys.map(signer),
    Expires: { ...d.Expires },
  };
}
