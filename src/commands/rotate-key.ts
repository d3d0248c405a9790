import { VerificationError } from '../errors.js';
import { createRootCertificate } from '../keys/signing.js';
import type { Signer } from '../keys/signer.js';
import type { ImageReference } from '../registry/reference.js';
import type { TrustedRepository } from '../tuf/trusted-repository.js';
import { forEachRepository, loadCurrent, notaryClientFor, notaryServerFor, warnAboutExpiry, type CommandContext } from './context.js';
import { describeRepository, type RepositoryResult } from './repository-result.js';
import {
  RepositoryUpdate,
  nextTargets,
  ownSignature,
  publishUpdate,
  pruneDelegationKeys,
  setRoleKey,
  signatureForRole,
} from './repository-update.js';

/** Which key to rotate, with exactly the keys that rotation needs. */
export type Rotation =
  /** A new root certificate from `newKey`, signed by the old and the new root keys. */
  | { role: 'root'; rootKey: Signer; newKey: Signer }
  /** `newKey` becomes the repository key; root is re-signed by the root key. */
  | { role: 'targets'; rootKey: Signer; newKey: Signer }
  /** `newKey` becomes the snapshot key; without one, the server makes and keeps a new key. */
  | { role: 'snapshot'; rootKey: Signer; newKey?: Signer }
  /** The server makes a new timestamp key. */
  | { role: 'timestamp'; rootKey: Signer }
  /** `newKey` replaces the signer's keys; targets is re-signed by the repository key. */
  | { role: `targets/${string}`; repositoryKey: Signer; newKey: Signer };

export type RotateKeyOptions = Rotation & {
  images: ImageReference[];
  /** The snapshot key when it is ours (every change re-signs the snapshot then). */
  snapshotKey?: Signer;
};

function isDelegationRotation(rotation: Rotation): rotation is Extract<Rotation, { repositoryKey: Signer }> {
  return rotation.role.startsWith('targets/');
}

export function rotateKey(ctx: CommandContext, options: RotateKeyOptions): Promise<RepositoryResult[]> {
  const now = ctx.now?.() ?? Date.now();
  return forEachRepository(ctx, options.images, `Rotate the ${options.role} key of`, async (ctx, gun, refs) => {
    const ref = refs[0]!;
    const seen = new Map<string, number>();
    const before = await loadCurrent(ctx, ref, now, seen);
    const update = new RepositoryUpdate(gun, before, now);
    if (isDelegationRotation(options)) {
      update.targetsSigners = [signatureForRole(before.root.signed, 'targets', options.repositoryKey, 'repositoryKey', gun)];
      rotateDelegation(update, options.role, options.newKey, ctx);
    } else {
      await rotateBaseRole(ctx, ref, update, options);
    }
    // A snapshot rotated to the server is made by the server from now on.
    const serverMakesSnapshot = options.role === 'snapshot' && !options.newKey;
    if (options.snapshotKey && !update.snapshotSigner && !serverMakesSnapshot)
      update.snapshotSigner = signatureForRole(before.root.signed, 'snapshot', options.snapshotKey, 'snapshotKey', gun);
    const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen);
    warnAboutExpiry(ctx, after, now);
    return describeRepository(after, ref, notaryServerFor(ctx, ref));
  });
}

/** Root lists the new key for the role and is re-signed by the root key (and, for root, by the new one too). */
async function rotateBaseRole(
  ctx: CommandContext,
  ref: ImageReference,
  update: RepositoryUpdate,
  rotation: Exclude<Rotation, { repositoryKey: Signer }>,
): Promise<void> {
  const before: TrustedRepository = update.before!;
  const root = update.editRoot();
  update.rootSigners = [signatureForRole(before.root.signed, 'root', rotation.rootKey, 'rootKey', update.gun)];
  switch (rotation.role) {
    case 'root': {
      const cert = await createRootCertificate(update.gun, rotation.newKey, update.now);
      setRoleKey(root, 'root', cert);
      // Signed by the old root too, so clients that trust it follow the rotation.
      update.rootSigners.push({ signer: rotation.newKey, keyid: cert.id });
      return;
    }
    case 'targets':
      setRoleKey(root, 'targets', rotation.newKey.publicKey);
      update.editTargets();
      update.targetsSigners = [ownSignature(rotation.newKey)];
      return;
    case 'snapshot':
      if (rotation.newKey) {
        setRoleKey(root, 'snapshot', rotation.newKey.publicKey);
        update.snapshotSigner = ownSignature(rotation.newKey);
      } else {
        setRoleKey(root, 'snapshot', await notaryClientFor(ctx, ref).serverKey('snapshot', true));
      }
      return;
    case 'timestamp':
      setRoleKey(root, 'timestamp', await notaryClientFor(ctx, ref).serverKey('timestamp', true));
      return;
  }
}

/**
 * A delegation's keys replaced by one new key, its content re-signed by that key, in one atomic
 * publish (never unsignable). The old keys are also replaced in targets/releases, where docker
 * puts every signer's key, and releases is re-signed too.
 */
function rotateDelegation(update: RepositoryUpdate, role: string, newKey: Signer, ctx: CommandContext): void {
  const before = update.before!;
  const targets = update.editTargets();
  const delegation = targets.delegations.find((d) => d.name === role);
  if (!delegation) throw new VerificationError('ROLE_MISSING', `${update.gun} has no ${role} delegation`, { option: 'role' });
  const canonical = (id: string) => targets.delegationKeys.get(id)?.canonicalId ?? id;
  const oldKeys = new Set(delegation.keyids.map(canonical));
  const key = newKey.publicKey;
  targets.delegationKeys.set(key.id, key);
  const affected = targets.delegations.filter(
    (d) => d.name === role || (d.name === 'targets/releases' && d.keyids.some((id) => oldKeys.has(canonical(id)))),
  );
  for (const d of affected) {
    const kept = d.name === role ? [] : d.keyids.filter((id) => !oldKeys.has(canonical(id)));
    d.keyids = [...kept, key.id];
    if (!before.isPublished(d.name)) continue;
    const current = before.roles.get(d.name) ?? before.invalidRoles.get(d.name)?.expired;
    if (!current) {
      throw new VerificationError(
        'ROLE_INVALID',
        `${d.name} of ${update.gun} does not verify (${before.invalidRoles.get(d.name)?.reason ?? 'unknown'}); refusing to re-sign content that is not authentic`,
      );
    }
    update.delegations.set(d.name, { targets: nextTargets(current.file.signed, update.now), signers: [ownSignature(newKey)] });
  }
  ctx.reporter.info(
    `${role}: key(s) ${[...oldKeys].join(', ')} replaced by ${key.canonicalId} in ${affected.map((d) => d.name).join(' and ')}`,
  );
  pruneDelegationKeys(targets);
}
