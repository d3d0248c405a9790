import { KeyError, RegistryError, VerificationError } from '../errors.js';
import type { Signer } from '../keys/signer.js';
import type { ResolvedManifest } from '../registry/client.js';
import { OciLayout } from '../registry/oci-layout.js';
import { LayoutPusher } from '../registry/push.js';
import { gunOf, type ImageReference } from '../registry/reference.js';
import type { FileMeta, Targets } from '../tuf/metadata.js';
import { daysUntil } from '../tuf/time.js';
import { TrustedRepository, roleKeyIdsFor, type LoadedRole } from '../tuf/trusted-repository.js';
import { mapLimit } from '../util/concurrency.js';
import { REGISTRY_CONCURRENCY, forEachRepository, loadCurrent, notaryServerFor, warnAboutExpiry, type CommandContext } from './context.js';
import { withPublishRetries } from './publish-retry.js';
import { RepositoryUpdate, nextTargets, publishUpdate, signatureForRole } from './repository-update.js';

export interface SignOptions {
  images: ImageReference[];
  /** Push each tag with the docker CLI first (needs `ctx.docker`). */
  push: boolean;
  /** Signer name: signs into targets/releases and targets/<signer> where the key is listed. */
  signer: string;
  signerKey: Signer;
  /** Push from this OCI image layout through the registry API instead of with docker. */
  ociLayout?: string;
  /** The snapshot key, for repositories whose snapshot key is not held by the server. */
  snapshotKey?: Signer;
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

/** The target entry docker writes for a pushed tag: sha256 only, length = manifest size (docker/cli: cli/trust/trust_push.go). */
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
 * the signing key, as `docker trust sign` does (docker/cli: cli/command/trust/sign.go).
 */
export function signingRoles(repo: TrustedRepository, signer: string, signerKey: Signer, tags: readonly string[]): SigningRole[] {
  const candidates = [...new Set(['targets/releases', `targets/${signer}`])];
  const top = repo.targets.file.signed;
  const roles: SigningRole[] = [];
  for (const name of candidates) {
    const delegation = top.delegations.find((d) => d.name === name);
    if (!delegation) continue;
    const [keyid] = roleKeyIdsFor(delegation, top.delegationKeys, signerKey.publicKey);
    if (!keyid) continue;
    const outside = tags.filter((tag) => !delegation.paths.some((p) => tag.startsWith(p)));
    if (outside.length > 0)
      throw new KeyError(
        'KEY_NOT_IN_ROLE',
        `${name} of ${repo.gun} may not sign ${outside.join(', ')}: its paths are ${JSON.stringify(delegation.paths)}`,
      );
    const invalid = repo.invalidRoles.get(name);
    if (invalid && !invalid.expired) {
      throw new VerificationError(
        'ROLE_INVALID',
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
    throw new KeyError('KEY_NOT_IN_ROLE', `key ID ${signerKey.publicKey.canonicalId} cannot sign ${candidates.join(' or ')}: ${why}`, {
      option: 'signerKey',
    });
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
  // One pusher for the run: blobs it placed in one repository can be mounted into the next.
  const pusher = options.ociLayout ? new LayoutPusher(ctx.http, ctx.registry, OciLayout.open(options.ociLayout)) : undefined;
  ctx.reporter.info(`Signing key ${options.signerKey.publicKey.canonicalId} (${options.signerKey.description})`);
  const perRepository = await forEachRepository(ctx, options.images, 'Sign', (repoCtx, gun, refs) =>
    new RepositorySigning(repoCtx, options, pusher, now, gun, refs).run(),
  );
  return perRepository.flat();
}

/** Tags pushed from an OCI layout at once (each pushes its blobs with its own bound). */
const LAYOUT_TAG_CONCURRENCY = 4;
/** Past this many tags, one summary line per repository instead of one per tag. */
const LOG_EACH_TAG_UP_TO = 50;

/** The signing of one repository's tags: resolve, sign into the delegations, publish once, read back. */
class RepositorySigning {
  constructor(
    private readonly ctx: CommandContext,
    private readonly options: SignOptions,
    private readonly pusher: LayoutPusher | undefined,
    private readonly now: number,
    private readonly gun: string,
    private readonly refs: ImageReference[],
  ) {}

  async run(): Promise<ImageResult[]> {
    const manifests = await this.resolveImages();
    const targets = new Map([...manifests].map(([tag, manifest]) => [tag, targetFor(manifest)]));
    const seenVersions = new Map<string, number>();
    // Each attempt starts from what the server holds now, so another job's tags are kept.
    const { after, roles } = await withPublishRetries(this.ctx, this.gun, () => this.publishOnce(manifests, targets, seenVersions));
    warnAboutExpiry(this.ctx, after, this.now);
    return this.results(after, roles, manifests, targets);
  }

  private async publishOnce(
    manifests: ReadonlyMap<string, ResolvedManifest>,
    targets: ReadonlyMap<string, FileMeta>,
    seenVersions: Map<string, number>,
  ): Promise<{ after: TrustedRepository; roles: SigningRole[] }> {
    const { ctx, options, gun, refs } = this;
    const before = await loadCurrent(ctx, refs[0]!, this.now, seenVersions);
    const roles = signingRoles(before, options.signer, options.signerKey, [...targets.keys()]);
    const update = new RepositoryUpdate(gun, before, this.now);
    for (const role of roles) {
      const next = nextRoleVersion(role, targets, this.now, ctx.expiryWarningDays);
      if (next) update.delegations.set(role.name, { targets: next, signers: [{ signer: options.signerKey, keyid: role.keyid }] });
    }
    if (options.snapshotKey)
      update.snapshotSigner = signatureForRole(before.root.signed, 'snapshot', options.snapshotKey, 'snapshotKey', gun);
    if (update.isEmpty) {
      ctx.reporter.info(
        `${gun}: every tag is already signed with these digests in ${roles.map((r) => r.name).join(', ')}; nothing to publish`,
      );
      return { after: before, roles };
    }
    await this.confirmTags(manifests);
    // Read back with fresh client state, chained from the root trusted above.
    return { after: await publishUpdate(ctx, refs[0]!, update, new Set(before.rootKeyIds()), seenVersions), roles };
  }

  /** Each tag's manifest: pushed from the layout, or pushed with docker and resolved, or resolved. */
  private async resolveImages(): Promise<Map<string, ResolvedManifest>> {
    const { ctx, refs } = this;
    // From a layout, the digest is resolved once, by pushing it: we know the bytes we put.
    if (this.pusher) {
      const pusher = this.pusher;
      const pushed = await mapLimit(refs, LAYOUT_TAG_CONCURRENCY, (ref) => pusher.push(ref));
      const manifests = new Map(refs.map((ref, i) => [ref.tag, pushed[i]!]));
      for (const [tag, m] of manifests)
        if (refs.length <= LOG_EACH_TAG_UP_TO)
          ctx.reporter.info(`${this.gun}:${tag} pushed from the OCI layout -> ${m.digest} (${m.size} bytes, ${m.mediaType})`);
      return manifests;
    }
    // docker pushes one tag at a time (its own output stays readable); resolving is parallel.
    const pushed = new Map<string, { digest: string; size: number }>();
    if (this.options.push) for (const ref of refs) pushed.set(ref.tag, await this.dockerPush(ref));
    const resolved = await mapLimit(refs, REGISTRY_CONCURRENCY, (ref) => this.resolve(ref));
    const manifests = new Map<string, ResolvedManifest>();
    refs.forEach((ref, i) => {
      const manifest = resolved[i]!;
      this.checkResolved(ref, manifest, pushed.get(ref.tag), manifests.get(ref.tag));
      manifests.set(ref.tag, manifest);
      if (refs.length <= LOG_EACH_TAG_UP_TO)
        ctx.reporter.info(`${this.gun}:${ref.tag} -> ${manifest.digest} (${manifest.size} bytes, ${manifest.mediaType})`);
    });
    if (refs.length > LOG_EACH_TAG_UP_TO) ctx.reporter.info(`Resolved ${refs.length} tags of ${this.gun} in the registry`);
    return manifests;
  }

  private dockerPush(ref: ImageReference): Promise<{ digest: string; size: number }> {
    if (!this.ctx.docker) throw new RegistryError('REGISTRY_PUSH_FAILED', 'no docker CLI to push with');
    return this.ctx.docker.push(`${gunOf(ref)}:${ref.tag}`);
  }

  private resolve(ref: ImageReference): Promise<ResolvedManifest> {
    return this.ctx.registry.resolve(ref).catch((error: unknown) => {
      if (error instanceof RegistryError && error.code === 'REGISTRY_TAG_NOT_FOUND') {
        const expected = this.options.push ? 'a tag the registry holds' : 'a tag the registry holds, or one to push first';
        throw new RegistryError(error.code, `${error.message}; expected ${expected}`, { option: 'images', cause: error });
      }
      throw error;
    });
  }

  /** The registry must serve what docker pushed, the digest pinned in the reference, and one digest per tag. */
  private checkResolved(
    ref: ImageReference,
    manifest: ResolvedManifest,
    pushed: { digest: string; size: number } | undefined,
    earlier: ResolvedManifest | undefined,
  ): void {
    const name = `${gunOf(ref)}:${ref.tag}`;
    if (pushed && (pushed.digest !== manifest.digest || pushed.size !== manifest.size)) {
      throw new RegistryError(
        'REGISTRY_DIGEST_MISMATCH',
        `${name}: docker pushed ${pushed.digest} (${pushed.size} bytes) but the registry serves ${manifest.digest} (${manifest.size} bytes)`,
      );
    }
    if (ref.digest && ref.digest !== manifest.digest)
      throw new RegistryError(
        'REGISTRY_DIGEST_MISMATCH',
        `${ref.original}: the registry's ${ref.tag} is ${manifest.digest}, not the digest given`,
      );
    if (earlier && earlier.digest !== manifest.digest)
      throw new RegistryError('REGISTRY_TAG_MOVED', `${name} resolved to two digests in one run`);
  }

  /**
   * Right before publishing: every tag must still point at the manifest resolved at the start, so
   * what gets signed is what was checked (no race between push and sign).
   */
  private async confirmTags(manifests: ReadonlyMap<string, ResolvedManifest>): Promise<void> {
    const current = await mapLimit(this.refs, REGISTRY_CONCURRENCY, (ref) => this.ctx.registry.head(ref));
    this.refs.forEach((ref, i) => {
      const resolved = manifests.get(ref.tag)!;
      if (current[i]!.digest !== resolved.digest) {
        throw new RegistryError(
          'REGISTRY_TAG_MOVED',
          `${gunOf(ref)}:${ref.tag} moved while signing: it was ${resolved.digest}, the registry now serves ${current[i]!.digest}; nothing was published`,
        );
      }
    });
  }

  /** What the server holds now must be what was signed, in every role that signed it. */
  private results(
    after: TrustedRepository,
    roles: SigningRole[],
    manifests: ReadonlyMap<string, ResolvedManifest>,
    targets: ReadonlyMap<string, FileMeta>,
  ): ImageResult[] {
    const server = notaryServerFor(this.ctx, this.refs[0]!);
    return this.refs.map((ref) => {
      const expected = targets.get(ref.tag)!;
      for (const role of roles) {
        const published = after.roles.get(role.name);
        if (!published) throw new VerificationError('ROLE_INVALID', `${this.gun}: ${role.name} does not verify after publishing`);
        if (!sameTarget(published.file.signed.targets.get(ref.tag), expected)) {
          throw new VerificationError(
            'PUBLISHED_MISMATCH',
            `${this.gun}:${ref.tag}: ${role.name} on the server does not hold the digest and size just signed`,
          );
        }
      }
      const signed = manifests.get(ref.tag)!;
      const earliest = roles.map((r) => after.roles.get(r.name)!.file.signed).reduce((a, b) => (a.expiresMs <= b.expiresMs ? a : b));
      return {
        image: ref.original,
        repository: this.gun,
        tag: ref.tag,
        digest: signed.digest,
        size: signed.size,
        roles: roles.map((r) => r.name),
        notaryServer: server,
        expires: earliest.expires,
      };
    });
  }
}
