import { InputError, KeyError, NotaryError, RegistryError, VerificationError } from '../errors.js';
import { dockerPush, type PushResult } from '../docker/cli.js';
import { mapLimit } from '../util/concurrency.js';
import { OciLayout } from '../registry/oci-layout.js';
import { LayoutPusher } from '../registry/push.js';
import { openSigner, type KeyInput } from '../keys/resolve.js';
import type { Signer } from '../keys/signer.js';
import type { ResolvedManifest } from '../registry/client.js';
import { gunOf, type ImageReference } from '../registry/reference.js';
import type { PublicKey } from '../tuf/keys.js';
import type { FileMeta, Targets } from '../tuf/metadata.js';
import { daysUntil } from '../tuf/time.js';
import { TrustedRepository, roleKeyIdsFor, type LoadedRole } from '../tuf/trusted-repository.js';
import { REGISTRY_CONCURRENCY, forEachRepository, loadCurrent, notaryServerFor, warnAboutExpiry, type CommandContext } from './context.js';
import { RepositoryUpdate, asRoleSigner, keyIdInRole, nextTargets, publishUpdate, type KeyedSigner } from './repository-update.js';

export interface SignOptions {
  images: ImageReference[];
  push: boolean;
  /** Signer name: signs into targets/releases and targets/<signer> where the key is listed. */
  signer: string;
  signerKey: KeyInput;
  /** Push from this OCI image layout through the registry API instead of with docker. */
  ociLayout?: string;
  /** The snapshot key, for repositories whose snapshot key is not held by the server. */
  snapshotKey?: KeyInput;
}

/** One row of the `result` output (action-interface.md). */
export interface ImageResult {
  image: string;
  /** `<registry>/<repository>`: the name to deploy by digest. */
  repository: string;
  tag: string;
  digest: string;
  size: number;
  roles: string[];
  notaryServer: string;
  /** The earliest expiry among the roles that signed the tag. */
  expires?: string;
}

/** The target entry docker writes for a pushed tag: sha256 only, length = manifest size (C:cli/trust/trust_push.go). */
export function targetFor(manifest: ResolvedManifest): FileMeta {
  return { length: manifest.size, hashes: { sha256: new Uint8Array(Buffer.from(manifest.digest.slice('sha256:'.length), 'hex')) } };
}

function sameTarget(a: FileMeta | undefined, b: FileMeta): boolean {
  return !!a && a.length === b.length && !!a.hashes.sha256 && Buffer.from(a.hashes.sha256).equals(Buffer.from(b.hashes.sha256!));
}

interface SigningRole {
  name: string;
  /** The key ID the role lists for our key (a TUF ID; certificates differ from the bare key's ID). */
  keyid: string;
  /** What the role holds now, when published and authentic. */
  current?: LoadedRole;
}

/**
 * The delegations to write: among targets/releases and targets/<signer>, those whose keys include
 * the signing key, as `docker trust sign` does (C:cli/command/trust/sign.go).
 */
export function signingRoles(repo: TrustedRepository, signer: string, key: PublicKey, tags: readonly string[]): SigningRole[] {
  const candidates = [...new Set(['targets/releases', `targets/${signer}`])];
  const top = repo.targets.file.signed;
  const roles: SigningRole[] = [];
  for (const name of candidates) {
    const delegation = top.delegations.find((d) => d.name === name);
    if (!delegation) continue;
    const [keyid] = roleKeyIdsFor(delegation, top.delegationKeys, key);
    if (!keyid) continue;
    const outside = tags.filter((tag) => !delegation.paths.some((p) => tag.startsWith(p)));
    if (outside.length > 0)
      throw new KeyError(`${name} of ${repo.gun} may not sign ${outside.join(', ')}: its paths are ${JSON.stringify(delegation.paths)}`);
    const invalid = repo.invalidRoles.get(name);
    if (invalid && !invalid.expired) {
      throw new VerificationError(
        `${name} of ${repo.gun} does not verify (${invalid.reason}); refusing to re-sign content that is not authentic`,
      );
    }
    roles.push({ name, keyid, current: repo.roles.get(name) ?? invalid?.expired });
  }
  if (roles.length === 0) {
    const present = candidates.filter((n) => top.delegations.some((d) => d.name === n));
    const why =
      present.length === 0
        ? `${repo.gun} has neither delegation; add the signer first (command: add-signer)`
        : `the key is not listed in ${present.join(' or ')}`;
    throw new KeyError(`the signer-key (key ID ${key.canonicalId}) cannot sign ${candidates.join(' or ')}: ${why}`);
  }
  return roles;
}

/** The next version of a delegation with these targets added; undefined when nothing would change. */
function nextRoleVersion(role: SigningRole, targets: ReadonlyMap<string, FileMeta>, now: number, warningDays: number): Targets | undefined {
  const current = role.current?.file.signed;
  const unchanged = [...targets].every(([tag, meta]) => sameTarget(current?.targets.get(tag), meta));
  // Re-signed anyway when it nears expiry, so signing keeps the delegation alive.
  if (current && unchanged && daysUntil(current.expiresMs, now) >= warningDays) return undefined;
  const next = nextTargets(current, now);
  for (const [tag, meta] of targets) next.targets.set(tag, meta);
  return next;
}

/** Pushes (optionally), resolves and signs every image; one publish per repository; then verifies it all from the server. */
export async function sign(ctx: CommandContext, options: SignOptions): Promise<ImageResult[]> {
  const now = ctx.now?.() ?? Date.now();
  const signer = await openSigner(options.signerKey);
  let snapshotSigner: Signer | undefined;
  try {
    // Opened inside the try, so the signing key (a token session, perhaps) is closed if this fails.
    snapshotSigner = options.snapshotKey ? await openSigner(options.snapshotKey) : undefined;
    const key = await signer.publicKey();
    const snapshot = snapshotSigner ? { signer: snapshotSigner, key: await snapshotSigner.publicKey() } : undefined;
    // One pusher for the run: blobs it placed in one repository can be mounted into the next.
    const pusher = options.ociLayout ? new LayoutPusher(ctx.http, ctx.registry, OciLayout.open(options.ociLayout)) : undefined;
    ctx.reporter.info(`Signing key ${key.canonicalId} (${signer.description})`);
    const perRepository = await forEachRepository(ctx, options.images, 'Sign', (repoCtx, gun, refs) =>
      signRepository(repoCtx, options, signer, key, snapshot, pusher, gun, refs, now),
    );
    return perRepository.flat();
  } finally {
    await Promise.all([signer.close(), snapshotSigner?.close()]);
  }
}

/** Tags pushed from an OCI layout at once (each pushes its blobs with its own bound). */
const LAYOUT_TAG_CONCURRENCY = 4;

async function resolveImages(
  ctx: CommandContext,
  refs: ImageReference[],
  push: boolean,
  pusher: LayoutPusher | undefined,
): Promise<Map<string, ResolvedManifest>> {
  // From a layout, the digest is resolved once, by pushing it: we know the bytes we put.
  if (pusher) {
    const pushedFromLayout = await mapLimit(refs, LAYOUT_TAG_CONCURRENCY, (ref) => pusher.push(ref));
    const manifests = new Map(refs.map((ref, i) => [ref.tag, pushedFromLayout[i]!]));
    for (const [tag, m] of manifests)
      if (refs.length <= 50)
        ctx.reporter.info(`${gunOf(refs[0]!)}:${tag} pushed from the OCI layout -> ${m.digest} (${m.size} bytes, ${m.mediaType})`);
    return manifests;
  }
  // docker pushes one tag at a time (its own output stays readable); resolving is parallel.
  const pushed = new Map<string, PushResult>();
  if (push) for (const ref of refs) pushed.set(ref.tag, await dockerPush(`${gunOf(ref)}:${ref.tag}`));
  const resolved = await mapLimit(refs, REGISTRY_CONCURRENCY, (ref) =>
    ctx.registry.resolve(ref).catch((error: unknown) => {
      if (error instanceof RegistryError && error.notFound) {
        throw new InputError(
          'images',
          `${error.message}; expected a tag the registry holds${push ? '' : ' (or push: true to push it first)'}`,
        );
      }
      throw error;
    }),
  );
  const manifests = new Map<string, ResolvedManifest>();
  refs.forEach((ref, i) => {
    const name = `${gunOf(ref)}:${ref.tag}`;
    const manifest = resolved[i]!;
    const docker = pushed.get(ref.tag);
    if (docker && (docker.digest !== manifest.digest || docker.size !== manifest.size)) {
      throw new RegistryError(
        `${name}: docker pushed ${docker.digest} (${docker.size} bytes) but the registry serves ${manifest.digest} (${manifest.size} bytes)`,
      );
    }
    if (ref.digest && ref.digest !== manifest.digest)
      throw new RegistryError(`${ref.original}: the registry's ${ref.tag} is ${manifest.digest}, not the digest given`);
    const earlier = manifests.get(ref.tag);
    if (earlier && earlier.digest !== manifest.digest) throw new RegistryError(`${name} resolved to two digests in one run`);
    manifests.set(ref.tag, manifest);
    if (refs.length <= 50) ctx.reporter.info(`${name} -> ${manifest.digest} (${manifest.size} bytes, ${manifest.mediaType})`);
  });
  if (refs.length > 50) ctx.reporter.info(`Resolved ${refs.length} tags of ${gunOf(refs[0]!)} in the registry`);
  return manifests;
}

/** Attempts at one publish when other jobs publish to the same repository at the same time. */
export const MAX_PUBLISH_ATTEMPTS = 6;

/** The server's answer to a stale update: someone published a newer version first (N:server/errors VERSION). */
function isStaleVersion(error: unknown): boolean {
  return error instanceof NotaryError && error.status === 400 && error.serverCode === 'VERSION';
}

/**
 * Right before publishing: every tag must still point at the manifest resolved at the start, so
 * what gets signed is what was checked (no race between push and sign).
 */
async function confirmTags(ctx: CommandContext, refs: ImageReference[], manifests: ReadonlyMap<string, ResolvedManifest>): Promise<void> {
  const current = await mapLimit(refs, REGISTRY_CONCURRENCY, (ref) => ctx.registry.head(ref));
  refs.forEach((ref, i) => {
    const resolved = manifests.get(ref.tag)!;
    if (current[i]!.digest !== resolved.digest) {
      throw new RegistryError(
        `${gunOf(ref)}:${ref.tag} moved while signing: it was ${resolved.digest}, the registry now serves ${current[i]!.digest}; nothing was published`,
      );
    }
  });
}

async function signRepository(
  ctx: CommandContext,
  options: SignOptions,
  signer: Signer,
  key: PublicKey,
  snapshot: KeyedSigner | undefined,
  pusher: LayoutPusher | undefined,
  gun: string,
  refs: ImageReference[],
  now: number,
): Promise<ImageResult[]> {
  const server = notaryServerFor(ctx, refs[0]!);
  const manifests = await resolveImages(ctx, refs, options.push, pusher);
  const targets = new Map([...manifests].map(([tag, manifest]) => [tag, targetFor(manifest)]));
  const seenVersions = new Map<string, number>();

  let after: TrustedRepository | undefined;
  let roles: SigningRole[] = [];
  for (let attempt = 1; !after; attempt++) {
    // Each attempt starts from what the server holds now, so another job's tags are kept.
    const before = await loadCurrent(ctx, refs[0]!, now, seenVersions);
    roles = signingRoles(before, options.signer, key, [...targets.keys()]);
    const update = new RepositoryUpdate(gun, before, now);
    for (const role of roles) {
      const next = nextRoleVersion(role, targets, now, ctx.expiryWarningDays);
      if (next) update.delegations.set(role.name, { targets: next, signers: [asRoleSigner({ signer, key }, role.keyid)] });
    }
    if (snapshot)
      update.snapshotSigner = asRoleSigner(snapshot, keyIdInRole(before.root.signed, 'snapshot', snapshot.key, 'snapshot-key', gun));
    if (update.isEmpty) {
      ctx.reporter.info(
        `${gun}: every tag is already signed with these digests in ${roles.map((r) => r.name).join(', ')}; nothing to publish`,
      );
      after = before;
      break;
    }
    await confirmTags(ctx, refs, manifests);
    try {
      // Read back with fresh client state, pinned to the root trusted above.
      after = await publishUpdate(ctx, refs[0]!, update, new Set(before.rootKeyIds()), seenVersions);
    } catch (error) {
      if (!isStaleVersion(error) || attempt >= MAX_PUBLISH_ATTEMPTS) throw error;
      ctx.reporter.info(
        `${gun}: another publisher updated the repository first; re-reading and signing again (attempt ${attempt + 1} of ${MAX_PUBLISH_ATTEMPTS})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
  warnAboutExpiry(ctx, after, now);
  const results: ImageResult[] = [];
  for (const ref of refs) {
    const expected = targets.get(ref.tag)!;
    for (const role of roles) {
      const published = after.roles.get(role.name);
      if (!published) throw new VerificationError(`${gun}: ${role.name} does not verify after publishing`);
      if (!sameTarget(published.file.signed.targets.get(ref.tag), expected)) {
        throw new VerificationError(`${gun}:${ref.tag}: ${role.name} on the server does not hold the digest and size just signed`);
      }
    }
    const signed = manifests.get(ref.tag)!;
    const earliest = roles.map((r) => after.roles.get(r.name)!.file.signed).reduce((a, b) => (a.expiresMs <= b.expiresMs ? a : b));
    results.push({
      image: ref.original,
      repository: gun,
      tag: ref.tag,
      digest: signed.digest,
      size: signed.size,
      roles: roles.map((r) => r.name),
      notaryServer: server,
      expires: earliest.expires,
    });
  }
  return results;
}
