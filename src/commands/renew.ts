import { KeyError, VerificationError } from '../errors.js';
import type { Signer } from '../keys/signer.js';
import { gunOf, type ImageReference } from '../registry/reference.js';
import { roleKeyIdsFor, type TrustedRepository } from '../tuf/trusted-repository.js';
import {
  forEachRepository,
  loadVerified,
  renewedBy,
  roleExpiries,
  unreachableServer,
  warnIfRetiredServer,
  notaryServerFor,
  type CommandContext,
  type RoleExpiry,
} from './context.js';
import { withPublishRetries } from './publish-retry.js';
import { RepositoryUpdate, nextTargets, publishUpdate, signatureForRole } from './repository-update.js';

/** The keys renew may sign with; each renews the roles it is a key of. At least one is given. */
export interface RenewOptions {
  images: ImageReference[];
  rootKey?: Signer;
  repositoryKey?: Signer;
  /** A signer's key: renews every delegation that lists it (targets/releases, targets/<signer>). */
  signerKey?: Signer;
  /** The snapshot key, when it is not the server's. */
  snapshotKey?: Signer;
}

/** One role re-signed, as the server now serves it (`renewed`, action-interface.md). */
export interface RenewedRole {
  repository: string;
  role: string;
  version: number;
  expires: string;
}

/** Roles a person re-signs (the timestamp is the server's), due when they expire within the warning window or already have. */
function dueRoles(repo: TrustedRepository, now: number, warningDays: number): RoleExpiry[] {
  return roleExpiries(repo, now).filter((d) => d.days <= 0 || d.days < warningDays);
}

function describeDue(d: RoleExpiry): string {
  return d.days <= 0 ? `${d.role} expired at ${d.expires}` : `${d.role} expires in ${Math.floor(d.days)} days (${d.expires})`;
}

/**
 * What each key given signs in this repository. Every key must be a key of its role: a key that
 * cannot sign is an input error, found before anything is sent.
 */
function signaturesOf(repo: TrustedRepository, options: RenewOptions) {
  const { gun } = repo;
  const root = repo.root.signed;
  return {
    rootSignature: options.rootKey && signatureForRole(root, 'root', options.rootKey, 'rootKey', gun),
    targetsSignature: options.repositoryKey && signatureForRole(root, 'targets', options.repositoryKey, 'repositoryKey', gun),
    snapshotSignature: options.snapshotKey && signatureForRole(root, 'snapshot', options.snapshotKey, 'snapshotKey', gun),
    signerRoles: options.signerKey ? delegationsOf(repo, options.signerKey) : [],
  };
}

/**
 * The update that renews what the keys can sign, or undefined when nothing they sign is due. A due
 * role no key given can sign is left as it is, with a warning naming the key that would renew it.
 */
function planRenewal(ctx: CommandContext, repo: TrustedRepository, options: RenewOptions, now: number): RepositoryUpdate | undefined {
  const gun = repo.gun;
  const update = new RepositoryUpdate(gun, repo, now);
  const { rootSignature, targetsSignature, snapshotSignature, signerRoles } = signaturesOf(repo, options);
  if (snapshotSignature) update.snapshotSigner = snapshotSignature;

  const renewRoot = () => {
    update.editRoot();
    update.rootSigners = [rootSignature!];
  };
  const renewTargets = () => {
    update.editTargets();
    update.targetsSigners = [targetsSignature!];
  };
  const renewDelegation = (name: string, keyid: string) => {
    update.delegations.set(name, {
      targets: nextTargets(repo.roles.get(name)!.file.signed, now),
      signers: [{ signer: options.signerKey!, keyid }],
    });
  };

  const due = dueRoles(repo, now, ctx.expiryWarningDays);
  let snapshotDue = false;
  for (const d of due) {
    if (d.role === 'root' && rootSignature) renewRoot();
    else if (d.role === 'targets' && targetsSignature) renewTargets();
    else if (d.role === 'snapshot') snapshotDue = true;
    else {
      const signer = signerRoles.find((r) => r.name === d.role);
      if (signer) renewDelegation(signer.name, signer.keyid);
      else ctx.reporter.warning(`${gun}: ${describeDue(d)}, and no key given can re-sign it: ${renewedBy(d.role)}`);
    }
  }
  // Any publish makes the server re-sign its snapshot; with nothing else due, one role we can sign is re-signed to make it.
  if (snapshotDue && update.isEmpty && !update.snapshotSigner) {
    const [firstSigner] = signerRoles;
    if (targetsSignature) renewTargets();
    else if (firstSigner) renewDelegation(firstSigner.name, firstSigner.keyid);
    else if (rootSignature) renewRoot();
    else ctx.reporter.warning(`${gun}: ${describeDue(due.find((d) => d.role === 'snapshot')!)}; ${renewedBy('snapshot')}`);
  }
  // A snapshot of our own key that is due is published alone.
  return update.isEmpty && !(snapshotDue && update.snapshotSigner) ? undefined : update;
}

/** The repository with its expired metadata, every signature checked. */
async function load(ctx: CommandContext, ref: ImageReference, now: number, seen: Map<string, number>): Promise<TrustedRepository> {
  try {
    return await loadVerified(ctx, ref, { now, seenVersions: seen, allowExpired: true });
  } catch (error) {
    throw unreachableServer(error);
  }
}

/**
 * renew signs what the server serves, so that must chain from a root the user pinned (or an
 * earlier run recorded): on first use, a hostile server's root listing the user's key beside its
 * own would pass its self-check, and renew would sign it, or expired content it chose.
 */
function trusted(repo: TrustedRepository): TrustedRepository {
  if (repo.trustedOnFirstUse)
    throw new VerificationError(
      'ROOT_NOT_TRUSTED',
      `${repo.gun}: renew re-signs what the server serves, so the root must be pinned (or recorded by the trust state of an earlier run); its root keys are ${repo.rootKeyIds().join(', ')}`,
      { option: 'trustedRootKeys' },
    );
  return repo;
}

/** The delegations whose keys include this one; a key no delegation lists cannot renew anything. */
function delegationsOf(repo: TrustedRepository, key: Signer): { name: string; keyid: string }[] {
  const found: { name: string; keyid: string }[] = [];
  for (const [name, role] of repo.roles) {
    if (name === 'targets') continue;
    const [keyid] = roleKeyIdsFor(role.keys, role.keys.keys, key.publicKey);
    if (keyid) found.push({ name, keyid });
  }
  if (found.length === 0)
    throw new KeyError('KEY_NOT_IN_ROLE', `key ${key.publicKey.canonicalId} is not a key of any delegation of ${repo.gun}`, {
      option: 'signerKey',
    });
  return found;
}

/**
 * Re-signs, with fresh expiry dates, every role of each repository that the keys given can sign
 * and that expires within the warning window or has expired. The repository is loaded with its
 * expired metadata (everything else checked as always), published once, and read back.
 */
export async function renew(ctx: CommandContext, options: RenewOptions): Promise<RenewedRole[]> {
  const now = ctx.now?.() ?? Date.now();
  // Over several repositories, every key is checked against every one before any is published:
  // a key that cannot sign fails the run with all of them as they were.
  if (new Set(options.images.map(gunOf)).size > 1)
    await forEachRepository(ctx, options.images, 'Check the keys for', async (ctx, _gun, refs) => {
      signaturesOf(trusted(await load(ctx, refs[0]!, now, new Map())), options);
    });
  const perRepository = await forEachRepository(ctx, options.images, 'Renew', (ctx, gun, refs) => {
    const ref = refs[0]!;
    warnIfRetiredServer(ctx, notaryServerFor(ctx, ref));
    const seen = new Map<string, number>();
    return withPublishRetries(ctx, gun, async () => {
      const before = trusted(await load(ctx, ref, now, seen));
      before.warnings.forEach((w) => ctx.reporter.warning(w));
      const update = planRenewal(ctx, before, options, now);
      if (!update) {
        ctx.reporter.info(`${gun}: nothing the keys given can sign expires within ${ctx.expiryWarningDays} days; nothing was published`);
        return [];
      }
      const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen, { allowExpired: true });
      const renewed: RenewedRole[] = [];
      const report = (role: string, version: number, expires: string) => {
        renewed.push({ repository: gun, role, version, expires });
        ctx.reporter.info(`${gun}: ${role} renewed: version ${version}, expires ${expires}`);
      };
      if (update.root) report('root', after.root.signed.version, after.root.signed.expires);
      if (update.targets) report('targets', after.targets.file.signed.version, after.targets.file.signed.expires);
      for (const name of update.delegations.keys()) {
        const role = after.roles.get(name)!;
        report(name, role.file.signed.version, role.file.signed.expires);
      }
      if (after.snapshot.signed.version > before.snapshot.signed.version)
        report('snapshot', after.snapshot.signed.version, after.snapshot.signed.expires);
      for (const e of after.expired) ctx.reporter.warning(`${gun}: ${e.role} is still expired (${e.expires}): ${renewedBy(e.role)}`);
      return renewed;
    });
  });
  return perRepository.flat();
}
