import { VerificationError } from '../errors.js';
import type { Signer } from '../keys/signer.js';
import type { ImageReference } from '../registry/reference.js';
import type { PublicKey } from '../tuf/keys.js';
import type { Targets } from '../tuf/metadata.js';
import { forEachRepository, loadCurrent, notaryServerFor, warnAboutExpiry, type CommandContext } from './context.js';
import { describeRepository, type RepositoryResult } from './repository-result.js';
import { RepositoryUpdate, publishUpdate, pruneDelegationKeys, signatureForRole } from './repository-update.js';

/** What a change to targets is signed with: the repository key, and the snapshot key when it is ours. */
interface TargetsChangeKeys {
  images: ImageReference[];
  repositoryKey: Signer;
  snapshotKey?: Signer;
}

export interface AddSignerOptions extends TargetsChangeKeys {
  /** The signer's name (not `releases`): its delegation is targets/<signer>. */
  signer: string;
  signerPublicKey: PublicKey;
}

export interface RemoveSignerOptions extends TargetsChangeKeys {
  signer: string;
}

/**
 * A change to targets signed with the repository key: load and verify, let `edit` change a copy of
 * targets (returning false when there is nothing to change), publish, read back.
 */
function changeTargets(
  ctx: CommandContext,
  options: TargetsChangeKeys,
  title: string,
  edit: (targets: Targets, gun: string, ctx: CommandContext) => boolean,
): Promise<RepositoryResult[]> {
  const now = ctx.now?.() ?? Date.now();
  return forEachRepository(ctx, options.images, title, async (ctx, gun, refs) => {
    const ref = refs[0]!;
    const seen = new Map<string, number>();
    const before = await loadCurrent(ctx, ref, now, seen);
    const update = new RepositoryUpdate(gun, before, now);
    update.targetsSigners = [signatureForRole(before.root.signed, 'targets', options.repositoryKey, 'repositoryKey', gun)];
    if (options.snapshotKey)
      update.snapshotSigner = signatureForRole(before.root.signed, 'snapshot', options.snapshotKey, 'snapshotKey', gun);
    if (!edit(update.editTargets(), gun, ctx)) return describeRepository(before, ref, notaryServerFor(ctx, ref));
    const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen);
    warnAboutExpiry(ctx, after, now);
    return describeRepository(after, ref, notaryServerFor(ctx, ref));
  });
}

/** Adds the key to targets/<signer> and targets/releases, as `docker trust signer add` does. */
export function addSigner(ctx: CommandContext, options: AddSignerOptions): Promise<RepositoryResult[]> {
  const key = options.signerPublicKey;
  return changeTargets(ctx, options, 'Add signer to', (targets, gun, ctx) => {
    let changed = false;
    for (const name of [`targets/${options.signer}`, 'targets/releases']) {
      const existing = targets.delegations.find((d) => d.name === name);
      if (!existing) {
        targets.delegations.push({ name, keyids: [key.id], threshold: 1, paths: [''] });
        changed = true;
      } else if (!existing.keyids.some((id) => targets.delegationKeys.get(id)?.canonicalId === key.canonicalId)) {
        existing.keyids.push(key.id);
        changed = true;
      }
    }
    targets.delegationKeys.set(key.id, key);
    if (!changed) ctx.reporter.info(`${gun}: signer ${options.signer} already has key ${key.canonicalId}; nothing to publish`);
    return changed;
  });
}

/**
 * Removes targets/<signer> and its keys from targets/releases, as `docker trust signer remove`.
 * If that leaves targets/releases without keys it is removed too (with a warning), so nobody is
 * locked out: the next add-signer creates it again.
 */
export function removeSigner(ctx: CommandContext, options: RemoveSignerOptions): Promise<RepositoryResult[]> {
  const name = `targets/${options.signer}`;
  return changeTargets(ctx, options, 'Remove signer from', (targets, gun, ctx) => {
    const role = targets.delegations.find((d) => d.name === name);
    if (!role)
      throw new VerificationError('ROLE_MISSING', `${gun} has no signer ${options.signer} (no ${name} delegation)`, { option: 'signer' });
    const canonical = (id: string) => targets.delegationKeys.get(id)?.canonicalId ?? id;
    const removedKeys = new Set(role.keyids.map(canonical));
    targets.delegations = targets.delegations.filter((d) => d.name !== name);
    const releases = targets.delegations.find((d) => d.name === 'targets/releases');
    if (releases) {
      releases.keyids = releases.keyids.filter((id) => !removedKeys.has(canonical(id)));
      if (releases.keyids.length === 0) {
        ctx.reporter.warning(
          `${gun}: that was the last key of targets/releases, so targets/releases is removed as well; add a signer to sign releases again`,
        );
        targets.delegations = targets.delegations.filter((d) => d.name !== 'targets/releases');
      }
    }
    pruneDelegationKeys(targets);
    return true;
  });
}
