import { InputError, VerificationError } from '../errors.js';
import { openSigner, type KeyInput } from '../keys/resolve.js';
import type { PublicKey } from '../tuf/keys.js';
import { Root, type BaseRole, type Targets } from '../tuf/metadata.js';
import { createRootCertificateKey } from '../tuf/certificate.js';
import { DEFAULT_EXPIRY_DAYS, expiryFromNow } from '../tuf/time.js';
import { MAX_ROOT_BYTES, type TrustedRepository } from '../tuf/trusted-repository.js';
import type { ImageReference } from '../registry/reference.js';
import {
  forEachRepository,
  unreachableAsInput,
  loadCurrent,
  notaryClientFor,
  notaryServerFor,
  warnAboutExpiry,
  warnIfRetiredServer,
  type CommandContext,
} from './context.js';
import {
  RepositoryUpdate,
  asRoleSigner,
  keyIdInRole,
  nextTargets,
  publishUpdate,
  pruneDelegationKeys,
  setRoleKey,
  type KeyedSigner,
} from './repository-update.js';

/**
 * The repository lifecycle (init, add-signer, remove-signer, rotate-key), each an atomic
 * RepositoryUpdate checked against the keys it must verify with before anything is published.
 */

/** One row of `result` for lifecycle commands: the repository and its keys after the change. */
export interface RepositoryResult {
  image: string;
  repository: string;
  notaryServer: string;
  /** Root key IDs: certificate IDs as root.json lists them, and their public-key IDs (either can be pinned). */
  rootKeyIds: string[];
  rootPublicKeyIds: string[];
  repositoryKeyIds: string[];
  signers: { name: string; keyIds: string[] }[];
}

function describe(repo: TrustedRepository, ref: ImageReference, server: string): RepositoryResult {
  const root = repo.root.signed;
  const top = repo.targets.file.signed;
  return {
    image: ref.original,
    repository: repo.gun,
    notaryServer: server,
    rootKeyIds: root.role('root').keyids,
    rootPublicKeyIds: root.role('root').keyids.map((id) => root.keys.get(id)!.canonicalId),
    repositoryKeyIds: root.role('targets').keyids,
    signers: top.delegations.map((d) => ({
      name: d.name.replace(/^targets\//, ''),
      keyIds: d.keyids.map((id) => top.delegationKeys.get(id)!.canonicalId),
    })),
  };
}

async function openKeyed(input: KeyInput): Promise<KeyedSigner> {
  const signer = await openSigner(input);
  const key = await signer.publicKey();
  if (key.keytype !== 'ecdsa') throw new InputError(input.input, `expected an ECDSA P-256 key, got ${key.keytype}`);
  return { signer, key };
}

async function withKeys<T>(inputs: (KeyInput | undefined)[], fn: (keys: (KeyedSigner | undefined)[]) => Promise<T>): Promise<T> {
  const keys: (KeyedSigner | undefined)[] = [];
  try {
    for (const input of inputs) keys.push(input ? await openKeyed(input) : undefined);
    return await fn(keys);
  } finally {
    await Promise.all(keys.map((k) => (k ? k.signer.close() : Promise.resolve())));
  }
}

function required<T>(value: T | undefined, input: string, why: string): T {
  if (value === undefined) throw new InputError(input, `is required ${why}`);
  return value;
}

// --- init ---

export interface InitOptions {
  images: ImageReference[];
  rootKey: KeyInput;
  repositoryKey: KeyInput;
  /** true: the server holds the snapshot key (docker's default). */
  serverManaged: boolean;
  snapshotKey?: KeyInput;
}

/** A new trusted repository, as `notary init` + publish does (N:client/client.go initialize). */
export async function init(ctx: CommandContext, options: InitOptions): Promise<RepositoryResult[]> {
  const now = ctx.now?.() ?? Date.now();
  if (!options.serverManaged)
    required(options.snapshotKey, 'snapshot-key', 'when server-managed is false (the snapshot key is then yours)');
  return withKeys(
    [options.rootKey, options.repositoryKey, options.serverManaged ? undefined : options.snapshotKey],
    ([rootKeyed, repoKeyed, snapshotKeyed]) =>
      forEachRepository(ctx, options.images, 'Initialize', async (ctx, gun, refs) => {
        const ref = refs[0]!;
        const server = notaryServerFor(ctx, ref);
        warnIfRetiredServer(ctx, server);
        const client = notaryClientFor(ctx, ref);
        const existing = await client.fetch('root', { maxBytes: MAX_ROOT_BYTES }).catch((error: unknown) => {
          throw unreachableAsInput(server, error);
        });
        if (existing) throw new InputError('images', `${gun} already has trust data on ${server}; init only creates new repositories`);

        const rootCert = await createRootCertificateKey(gun, rootKeyed!.signer, now);
        const timestampKey = await client.serverKey('timestamp');
        const snapshotKey = snapshotKeyed ? snapshotKeyed.key : await client.serverKey('snapshot');
        const keys = new Map<string, PublicKey>();
        const roles = new Map<BaseRole, { keyids: string[]; threshold: number }>();
        const assign = (role: BaseRole, key: PublicKey) => {
          keys.set(key.id, key);
          roles.set(role, { keyids: [key.id], threshold: 1 });
        };
        assign('root', rootCert);
        assign('snapshot', snapshotKey);
        assign('targets', repoKeyed!.key);
        assign('timestamp', timestampKey);

        const update = new RepositoryUpdate(gun, undefined, now);
        update.root = new Root(1, expiryFromNow(DEFAULT_EXPIRY_DAYS.root, now), keys, roles);
        update.rootSigners = [asRoleSigner(rootKeyed!, rootCert.id)];
        update.targets = nextTargets(undefined, now);
        update.targetsSigners = [asRoleSigner(repoKeyed!, repoKeyed!.key.id)];
        if (snapshotKeyed) update.snapshotSigner = asRoleSigner(snapshotKeyed, snapshotKeyed.key.id);
        const after = await publishUpdate(ctx, ref, update, new Set([rootCert.id]), new Map());
        ctx.reporter.info(
          `Initialized ${gun}: root key ${rootCert.id} (public key ${rootCert.canonicalId}); pin either with trusted-root-keys`,
        );
        return describe(after, ref, server);
      }),
  );
}

// --- signers ---

/** Every change re-signs the snapshot when its key is local (not held by the server). */
interface SnapshotKeyOption {
  snapshotKey?: KeyInput;
}

export interface AddSignerOptions extends SnapshotKeyOption {
  images: ImageReference[];
  signer: string;
  signerPublicKey: PublicKey;
  repositoryKey: KeyInput;
}

function localSnapshot(update: RepositoryUpdate, keyed: KeyedSigner | undefined): void {
  if (!keyed || update.snapshotSigner) return;
  update.snapshotSigner = asRoleSigner(keyed, keyIdInRole(update.before!.root.signed, 'snapshot', keyed.key, 'snapshot-key', update.gun));
}

function repositorySigner(update: RepositoryUpdate, keyed: KeyedSigner): void {
  const id = keyIdInRole(update.before!.root.signed, 'targets', keyed.key, 'repository-key', update.gun);
  update.targetsSigners = [asRoleSigner(keyed, id)];
}

/**
 * A change to targets signed with the repository key: load and verify, let `edit` change a copy of
 * targets (returning false when there is nothing to change), publish, read back.
 */
function changeTargets(
  ctx: CommandContext,
  options: { images: ImageReference[]; repositoryKey: KeyInput } & SnapshotKeyOption,
  title: string,
  edit: (targets: Targets, gun: string, ctx: CommandContext) => boolean,
): Promise<RepositoryResult[]> {
  const now = ctx.now?.() ?? Date.now();
  return withKeys([options.repositoryKey, options.snapshotKey], ([repoKeyed, snapshotKeyed]) =>
    forEachRepository(ctx, options.images, title, async (ctx, gun, refs) => {
      const ref = refs[0]!;
      const seen = new Map<string, number>();
      const before = await loadCurrent(ctx, ref, now, seen);
      const update = new RepositoryUpdate(gun, before, now);
      repositorySigner(update, repoKeyed!);
      localSnapshot(update, snapshotKeyed);
      if (!edit(update.editTargets(), gun, ctx)) return describe(before, ref, notaryServerFor(ctx, ref));
      const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen);
      warnAboutExpiry(ctx, after, now);
      return describe(after, ref, notaryServerFor(ctx, ref));
    }),
  );
}

/** Adds the key to targets/<signer> and targets/releases, as `docker trust signer add` does. */
export function addSigner(ctx: CommandContext, options: AddSignerOptions): Promise<RepositoryResult[]> {
  if (options.signer === 'releases') {
    throw new InputError('signer', '"releases" is reserved; name the signer (e.g. ci or alice), it is added to targets/releases too');
  }
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

export interface RemoveSignerOptions extends SnapshotKeyOption {
  images: ImageReference[];
  signer: string;
  repositoryKey: KeyInput;
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
    if (!role) throw new InputError('signer', `${gun} has no signer ${options.signer} (no ${name} delegation)`);
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

// --- rotate-key ---

export interface RotateKeyOptions extends SnapshotKeyOption {
  images: ImageReference[];
  role: string;
  rootKey?: KeyInput;
  repositoryKey?: KeyInput;
  newKey?: KeyInput;
  serverManaged: boolean;
}

export async function rotateKey(ctx: CommandContext, options: RotateKeyOptions): Promise<RepositoryResult[]> {
  const now = ctx.now?.() ?? Date.now();
  const role = options.role;
  const isDelegation = role.startsWith('targets/');
  const needsNewKey = role === 'root' || role === 'targets' || isDelegation || (role === 'snapshot' && !options.serverManaged);
  if (needsNewKey)
    required(
      options.newKey,
      'new-key',
      `to rotate the ${role} key${role === 'snapshot' ? ' to a key of yours (or set server-managed: true)' : ''}`,
    );
  if (!isDelegation) required(options.rootKey, 'root-key', `to re-sign root when rotating the ${role} key`);
  if (isDelegation) required(options.repositoryKey, 'repository-key', `to re-sign targets when rotating the ${role} key`);
  return withKeys(
    [options.rootKey, options.repositoryKey, needsNewKey ? options.newKey : undefined, options.snapshotKey],
    ([rootKeyed, repoKeyed, newKeyed, snapshotKeyed]) =>
      forEachRepository(ctx, options.images, `Rotate the ${role} key of`, async (ctx, gun, refs) => {
        const ref = refs[0]!;
        const seen = new Map<string, number>();
        const before = await loadCurrent(ctx, ref, now, seen);
        const update = new RepositoryUpdate(gun, before, now);
        if (isDelegation) {
          repositorySigner(update, repoKeyed!);
          localSnapshot(update, snapshotKeyed);
          rotateDelegation(update, role, newKeyed!, ctx);
        } else {
          const oldRootId = keyIdInRole(before.root.signed, 'root', rootKeyed!.key, 'root-key', gun);
          const root = update.editRoot();
          update.rootSigners = [asRoleSigner(rootKeyed!, oldRootId)];
          switch (role) {
            case 'root': {
              const cert = await createRootCertificateKey(gun, newKeyed!.signer, now);
              setRoleKey(root, 'root', cert);
              // Signed by the old root too, so clients that trust it follow the rotation.
              update.rootSigners.push(asRoleSigner(newKeyed!, cert.id));
              break;
            }
            case 'targets':
              setRoleKey(root, 'targets', newKeyed!.key);
              update.editTargets();
              update.targetsSigners = [asRoleSigner(newKeyed!, newKeyed!.key.id)];
              break;
            case 'snapshot':
              if (newKeyed) {
                setRoleKey(root, 'snapshot', newKeyed.key);
                update.snapshotSigner = asRoleSigner(newKeyed, newKeyed.key.id);
              } else {
                setRoleKey(root, 'snapshot', await notaryClientFor(ctx, ref).serverKey('snapshot', true));
              }
              break;
            case 'timestamp':
              setRoleKey(root, 'timestamp', await notaryClientFor(ctx, ref).serverKey('timestamp', true));
              break;
            default:
              throw new InputError('role', `"${role}" is not a role; expected root, targets, snapshot, timestamp or targets/<name>`);
          }
        }
        // A snapshot rotated to the server is made by the server from now on.
        if (!(role === 'snapshot' && options.serverManaged)) localSnapshot(update, snapshotKeyed);
        const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen);
        warnAboutExpiry(ctx, after, now);
        return describe(after, ref, notaryServerFor(ctx, ref));
      }),
  );
}

/**
 * A delegation's keys replaced by one new key, its content re-signed by that key, in one atomic
 * publish (never unsignable). The old keys are also replaced in targets/releases, where docker
 * puts every signer's key, and releases is re-signed too.
 */
function rotateDelegation(update: RepositoryUpdate, role: string, keyed: KeyedSigner, ctx: CommandContext): void {
  const before = update.before!;
  const targets = update.editTargets();
  const delegation = targets.delegations.find((d) => d.name === role);
  if (!delegation) throw new InputError('role', `${update.gun} has no ${role} delegation`);
  const oldKeys = new Set(delegation.keyids.map((id) => targets.delegationKeys.get(id)?.canonicalId ?? id));
  targets.delegationKeys.set(keyed.key.id, keyed.key);
  const affected = targets.delegations.filter(
    (d) =>
      d.name === role ||
      (d.name === 'targets/releases' && d.keyids.some((id) => oldKeys.has(targets.delegationKeys.get(id)?.canonicalId ?? id))),
  );
  for (const d of affected) {
    const kept = d.name === role ? [] : d.keyids.filter((id) => !oldKeys.has(targets.delegationKeys.get(id)?.canonicalId ?? id));
    d.keyids = [...kept, keyed.key.id];
    if (!before.isPublished(d.name)) continue;
    const current = before.roles.get(d.name) ?? before.invalidRoles.get(d.name)?.expired;
    if (!current) {
      throw new VerificationError(
        `${d.name} of ${update.gun} does not verify (${before.invalidRoles.get(d.name)?.reason ?? 'unknown'}); refusing to re-sign content that is not authentic`,
      );
    }
    update.delegations.set(d.name, { targets: nextTargets(current.file.signed, update.now), signers: [asRoleSigner(keyed, keyed.key.id)] });
  }
  ctx.reporter.info(
    `${role}: key(s) ${[...oldKeys].join(', ')} replaced by ${keyed.key.canonicalId} in ${affected.map((d) => d.name).join(' and ')}`,
  );
  pruneDelegationKeys(targets);
}
