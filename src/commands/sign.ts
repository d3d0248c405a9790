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

/** What the build says a tag is, before the registry is asked. */
interface Built {
  digest: string;
  /** Known from a push; a digest given in the reference says nothing of the size. */
  size?: number;
  source: 'pushed from the OCI layout' | 'pushed by docker' | 'given in the reference';
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
    const built = await this.pushImages();
    const seenVersions = new Map<string, number>();
    let manifests: Map<string, ResolvedManifest> | undefined;
    let targets: Map<string, FileMeta> | undefined;
    // Each attempt starts from what the server holds now, so another job's tags are kept; the
    // registry is asked once per tag, on the first attempt, after the key was found fit to sign.
    const { after, roles } = await withPublishRetries(this.ctx, this.gun, () =>
      this.publishOnce(seenVersions, async () => {
        manifests ??= await this.lookUpTags(built);
        targets ??= new Map([...manifests].map(([tag, manifest]) => [tag, targetFor(manifest)]));
        return targets;
      }),
    );
    warnAboutExpiry(this.ctx, after, this.now);
    return this.results(after, roles, manifests!, targets!);
  }

  private async publishOnce(
    seenVersions: Map<string, number>,
    tagTargets: () => Promise<ReadonlyMap<string, FileMeta>>,
  ): Promise<{ after: TrustedRepository; roles: SigningRole[] }> {
    const { ctx, options, gun, refs } = this;
    const before = await loadCurrent(ctx, refs[0]!, this.now, seenVersions);
    const roles = signingRoles(before, options.signer, options.signerKey, [...new Set(refs.map((r) => r.tag))]);
    const targets = await tagTargets();
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
    // Read back with fresh client state, chained from the root trusted above.
    return { after: await publishUpdate(ctx, refs[0]!, update, new Set(before.rootKeyIds()), seenVersions), roles };
  }

  /**
   * What the build says each tag is, before the registry is asked: the manifest pushed from the
   * layout, the digest docker pushed, or the digest given in the reference (`name:tag@sha256:...`).
   */
  private async pushImages(): Promise<Map<string, Built>> {
    const { refs } = this;
    const built = new Map<string, Built>();
    const record = (ref: ImageReference, next: Built) => {
      const name = `${gunOf(ref)}:${ref.tag}`;
      const earlier = built.get(ref.tag);
      if (earlier && earlier.digest !== next.digest)
        throw new RegistryError(
          'REGISTRY_DIGEST_MISMATCH',
          `${name} is ${earlier.digest} (${earlier.source}) and ${next.digest} (${next.source}) in one run`,
        );
      built.set(ref.tag, earlier?.size !== undefined ? earlier : next);
    };
    if (this.pusher) {
      const pusher = this.pusher;
      const pushed = await mapLimit(refs, LAYOUT_TAG_CONCURRENCY, (ref) => pusher.push(ref));
      refs.forEach((ref, i) => {
        const m = pushed[i]!;
        if (refs.length <= LOG_EACH_TAG_UP_TO)
          this.ctx.reporter.info(`${this.gun}:${ref.tag} pushed from the OCI layout -> ${m.digest} (${m.size} bytes, ${m.mediaType})`);
        record(ref, { ...m, source: 'pushed from the OCI layout' });
      });
    } else if (this.options.push) {
      // docker pushes one tag at a time (its own output stays readable).
      for (const ref of refs) record(ref, { ...(await this.dockerPush(ref)), source: 'pushed by docker' });
    }
    for (const ref of refs) if (ref.digest) record(ref, { digest: ref.digest, source: 'given in the reference' });
    return built;
  }

  /**
   * The one registry look-up per tag, right before signing and publishing: what gets signed is
   * what the tag points at now. When the build named a digest (its push, or the reference), the
   * tag must still point at it: a tag moved since is refused, naming both digests.
   */
  private async lookUpTags(built: ReadonlyMap<string, Built>): Promise<Map<string, ResolvedManifest>> {
    const { ctx, refs } = this;
    const tags = [...new Map(refs.map((ref) => [ref.tag, ref])).values()];
    const found = await mapLimit(tags, REGISTRY_CONCURRENCY, (ref) => this.lookUp(ref));
    const manifests = new Map<string, ResolvedManifest>();
    tags.forEach((ref, i) => {
      const manifest = found[i]!;
      const expected = built.get(ref.tag);
      const name = `${gunOf(ref)}:${ref.tag}`;
      if (expected && expected.digest !== manifest.digest)
        throw new RegistryError(
          'REGISTRY_TAG_MOVED',
          `${name} moved while signing: it was ${expected.digest} (${expected.source}), the registry now serves ${manifest.digest}; nothing was published`,
        );
      if (expected?.size !== undefined && expected.size !== manifest.size)
        throw new RegistryError(
          'REGISTRY_DIGEST_MISMATCH',
          `${name}: ${expected.digest} was ${expected.size} bytes (${expected.source}) but the registry serves ${manifest.size} bytes`,
        );
      manifests.set(ref.tag, manifest);
      if (tags.length <= LOG_EACH_TAG_UP_TO)
        ctx.reporter.info(`${name} -> ${manifest.digest} (${manifest.size} bytes, ${manifest.mediaType})`);
    });
    if (tags.length > LOG_EACH_TAG_UP_TO) ctx.reporter.info(`Looked up ${tags.length} tags of ${this.gun} in the registry`);
    return manifests;
  }

  private dockerPush(ref: ImageReference): Promise<{ digest: string; size: number }> {
    if (!this.ctx.docker) throw new RegistryError('REGISTRY_PUSH_FAILED', 'no docker CLI to push with');
    return this.ctx.docker.push(`${gunOf(ref)}:${ref.tag}`);
  }

  private lookUp(ref: ImageReference): Promise<ResolvedManifest> {
    return this.ctx.registry.head(ref).catch((error: unknown) => {
      if (error instanceof RegistryError && error.code === 'REGISTRY_TAG_NOT_FOUND') {
        const expected = this.options.push ? 'a tag the registry holds' : 'a tag the registry holds, or one to push first';
        throw new RegistryError(error.code, `${error.message}; expected ${expected}`, { option: 'images', cause: error });
      }
      throw error;
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
