import { DctError, RegistryError, isDctError, VerificationError } from '../errors.js';
import { PolicyMatcher, describeRule, type PolicyRule, type TrustPolicy } from '../policy/trust-policy.js';
import { gunOf, type ImageReference } from '../registry/reference.js';
import { TrustedRepository, type LoadedRole } from '../tuf/trusted-repository.js';
import { mapLimit } from '../util/concurrency.js';
import {
  REGISTRY_CONCURRENCY,
  forEachRepository,
  loadVerified,
  notaryServerFor,
  unreachableServer,
  withRenewHint,
  roleExpiries,
  warnAboutExpiry,
  type CommandContext,
  type RoleExpiry,
} from './context.js';
import type { ImageResult } from './sign.js';

export interface VerifyOptions {
  images: ImageReference[];
  /**
   * The roots, signers and Notary server each repository is held to: a policy file's rules, or one
   * rule for every repository made from the inputs. A repository no rule matches is denied.
   */
  policy: TrustPolicy;
  /** Where an image was found (`deploy/app.yaml:12`), for its failure message. */
  foundIn?: ReadonlyMap<ImageReference, readonly string[]>;
  /**
   * false: the trust data alone, no registry look-up; the deploy then goes by the digests output
   * (content trust pulls by the signed digest, which names its own content).
   */
  registryCheck: boolean;
}

/** One image that failed the gate, and why (the cause keeps its code). */
export class ImageFailure extends DctError {
  constructor(
    readonly image: string,
    readonly reason: DctError,
  ) {
    super(reason.code, `${image}: ${reason.message}`, { cause: reason });
  }
}

export interface VerifiedImage extends ImageResult {
  /** Days to expiry of every role of the repository (timestamp excluded: the server renews it). */
  expiries: RoleExpiry[];
  /** The policy rule that admitted it (`policy.yml:4 (registry/team/*)`); absent when the inputs set the trust. */
  rule?: string;
}

function digestOf(meta: { hashes: Record<string, Uint8Array> }): string | undefined {
  const sha = meta.hashes.sha256;
  return sha ? `sha256:${Buffer.from(sha).toString('hex')}` : undefined;
}

/**
 * The roles that must vouch for a tag: each required signer's delegation; by default
 * targets/releases, or targets itself when the repository has no delegations (what a content-trust
 * pull accepts: docker/cli: cli/command/image/trust.go).
 */
function rolesToCheck(repo: TrustedRepository, requiredSigners: readonly string[]): string[] {
  if (requiredSigners.length > 0) return requiredSigners.map((name) => `targets/${name}`);
  return repo.targets.file.signed.delegations.length > 0 ? ['targets/releases'] : ['targets'];
}

function requireRole(repo: TrustedRepository, role: string): LoadedRole {
  const loaded = repo.roles.get(role);
  if (loaded) return loaded;
  const invalid = repo.invalidRoles.get(role);
  if (invalid) throw new VerificationError('ROLE_INVALID', `${role} is not valid: ${invalid.reason}`);
  if (repo.isPublished(role) || [...repo.roles.values()].some((r) => r.file.signed.delegations.some((d) => d.name === role))) {
    throw new VerificationError('TARGET_NOT_SIGNED', `${role} has signed nothing yet`);
  }
  throw new VerificationError('ROLE_MISSING', `${repo.gun} has no signer ${role.replace(/^targets\//, '')} (no ${role} delegation)`);
}

/** What `role` signed for the tag: there, within its delegated paths, with a sha256 hash; throws with the cause. */
function signedTarget(repo: TrustedRepository, ref: ImageReference, role: string): { target: { length: number }; digest: string } {
  const loaded = requireRole(repo, role);
  const target = loaded.file.signed.targets.get(ref.tag);
  if (!target) throw new VerificationError('TARGET_NOT_SIGNED', `tag ${ref.tag} is not signed by ${role} (no valid trust data for it)`);
  if (!TrustedRepository.allows(loaded, ref.tag)) {
    throw new VerificationError(
      'TARGET_NOT_SIGNED',
      `${role} lists ${ref.tag} outside the paths it was delegated (${JSON.stringify(loaded.paths)})`,
    );
  }
  const digest = digestOf(target);
  if (!digest) throw new VerificationError('TARGET_MISMATCH', `${role} lists ${ref.tag} without a sha256 hash`);
  return { target, digest };
}

/** Checks one tag against the verified trust data and the registry; throws with the cause. */
export function checkTag(
  repo: TrustedRepository,
  ref: ImageReference,
  manifest: { digest: string; size: number },
  requiredSigners: readonly string[],
  /** Who says what `manifest` is, for the mismatch message. */
  servedBy = 'the registry serves',
): string[] {
  for (const role of rolesToCheck(repo, requiredSigners)) {
    const { target, digest: signed } = signedTarget(repo, ref, role);
    if (signed !== manifest.digest) {
      throw new VerificationError('TARGET_MISMATCH', `tag ${ref.tag} was signed as ${signed} (${role}) but ${servedBy} ${manifest.digest}`);
    }
    if (target.length !== manifest.size) {
      throw new VerificationError(
        'TARGET_MISMATCH',
        `tag ${ref.tag} was signed with length ${target.length} (${role}) but ${servedBy} ${manifest.size} bytes`,
      );
    }
  }
  if (ref.digest && ref.digest !== manifest.digest)
    throw new VerificationError('TARGET_MISMATCH', `${ref.original} pins ${ref.digest}, but the signed tag is ${manifest.digest}`);
  // Every role that vouches for this exact manifest, in walk order.
  return [...repo.roles.values()]
    .filter((r) => {
      const t = r.file.signed.targets.get(ref.tag);
      return t !== undefined && digestOf(t) === manifest.digest && t.length === manifest.size && TrustedRepository.allows(r, ref.tag);
    })
    .map((r) => r.name);
}

/** Verifies every image: one metadata load per repository, one registry look-up per tag. */
export async function verify(ctx: CommandContext, options: VerifyOptions): Promise<VerifiedImage[]> {
  const now = ctx.now?.() ?? Date.now();
  // A gate that checked nothing must not pass.
  if (options.images.length === 0) throw new RegistryError('REFERENCE_INVALID', 'no image to verify', { option: 'images' });
  const matcher = await PolicyMatcher.create(options.policy);
  const label = (ref: ImageReference) => {
    const where = options.foundIn?.get(ref);
    return where?.length ? `${ref.original} (${where.slice(0, 3).join(', ')}${where.length > 3 ? ', …' : ''})` : ref.original;
  };
  const perRepository = await forEachRepository(ctx, options.images, 'Verify', async (repoCtx, gun, refs) => {
    let rule: PolicyRule;
    try {
      rule = matcher.ruleFor(gun);
    } catch (error) {
      // Denied before anything is asked of its registry or Notary server.
      if (!isDctError(error)) throw error;
      return { results: [], failures: refs.map((ref) => new ImageFailure(label(ref), error)) };
    }
    const ruleCtx: CommandContext = {
      ...repoCtx,
      notaryServer: rule.notaryServer ?? repoCtx.notaryServer,
      pinnedRootKeyIds: rule.trustedRootKeyIds,
    };
    return verifyRepository(ruleCtx, rule, label, gun, refs, now, options.registryCheck);
  });
  const results = perRepository.flatMap((r) => r.results);
  const failures = perRepository.flatMap((r) => r.failures);
  if (failures.length === 1) throw failures[0]!;
  if (failures.length > 1) {
    failures.forEach((f) => ctx.reporter.error(f.message));
    throw new VerificationError('IMAGES_FAILED', `${failures.length} of ${options.images.length} images failed verification`);
  }
  return results;
}

/** The registry's answer for a tag, or none asked (`registryCheck: false`). */
type Lookup = { manifest: { digest: string; size: number } } | { error: unknown } | { trustOnly: true };

/** What the first role that must vouch for the tag signed: the manifest every other required role must agree on. */
function signedManifest(
  repo: TrustedRepository,
  ref: ImageReference,
  requiredSigners: readonly string[],
): { manifest: { digest: string; size: number }; servedBy: string } {
  const role = rolesToCheck(repo, requiredSigners)[0]!;
  const { target, digest } = signedTarget(repo, ref, role);
  return { manifest: { digest, size: target.length }, servedBy: `${role} signed` };
}

/** One image against the verified trust data and the registry's answer for its tag (or the trust data alone). */
function verifyImage(
  repo: TrustedRepository,
  ref: ImageReference,
  lookup: Lookup,
  requiredSigners: readonly string[],
): Omit<VerifiedImage, 'notaryServer' | 'expiries'> {
  if ('error' in lookup) throw lookup.error;
  const { manifest, servedBy } =
    'manifest' in lookup ? { manifest: lookup.manifest, servedBy: 'the registry serves' } : signedManifest(repo, ref, requiredSigners);
  const roles = checkTag(repo, ref, manifest, requiredSigners, servedBy);
  return { image: ref.original, repository: repo.gun, tag: ref.tag, digest: manifest.digest, size: manifest.size, roles };
}

async function verifyRepository(
  ctx: CommandContext,
  rule: PolicyRule,
  label: (ref: ImageReference) => string,
  gun: string,
  refs: ImageReference[],
  now: number,
  registryCheck: boolean,
): Promise<{ results: VerifiedImage[]; failures: ImageFailure[] }> {
  const results: VerifiedImage[] = [];
  const failures: ImageFailure[] = [];
  const trustOnly = { trustOnly: true } as const;
  // One look-up per tag, however many references name it; each answer kept apart, so one missing
  // tag fails only its own images.
  const tags = registryCheck ? [...new Map(refs.map((ref) => [ref.tag, ref])).values()] : [];
  const answers = mapLimit(tags, REGISTRY_CONCURRENCY, (ref) =>
    ctx.registry.head(ref).then(
      (manifest): Lookup => ({ manifest }),
      (error: unknown): Lookup => ({ error }),
    ),
  );
  const lookups = answers.then((list) => {
    const byTag = new Map(tags.map((ref, i) => [ref.tag, list[i]!]));
    return refs.map((ref): Lookup => byTag.get(ref.tag) ?? trustOnly);
  });
  let repo: TrustedRepository;
  try {
    repo = await loadVerified(ctx, refs[0]!, { now, seenVersions: new Map() });
  } catch (caught) {
    await lookups;
    const error = withRenewHint(unreachableServer(caught));
    // An input at fault (a Notary server that is down, a corrupt trust state) fails the command, not one image.
    if (!isDctError(error) || error.option) throw error;
    return { results, failures: refs.map((ref) => new ImageFailure(label(ref), error)) };
  }
  const manifests = await lookups;
  repo.warnings.forEach((w) => ctx.reporter.warning(w));
  warnAboutExpiry(ctx, repo, now);
  const expiries = roleExpiries(repo, now);
  const server = notaryServerFor(ctx, refs[0]!);
  refs.forEach((ref, i) => {
    try {
      const result = verifyImage(repo, ref, manifests[i]!, rule.requiredSigners);
      if (refs.length <= 50) ctx.reporter.info(`${gunOf(ref)}:${ref.tag} = ${result.digest}, signed by ${result.roles.join(', ')}`);
      results.push({ ...result, notaryServer: server, expiries, ...(rule.source ? { rule: describeRule(rule) } : {}) });
    } catch (error) {
      if (!isDctError(error)) throw error;
      failures.push(new ImageFailure(label(ref), error));
    }
  });
  if (refs.length > 50) ctx.reporter.info(`${gun}: ${results.length} of ${refs.length} tags verified`);
  return { results, failures };
}
