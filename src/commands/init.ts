import { NotaryError } from '../errors.js';
import { createRootCertificate } from '../keys/signing.js';
import type { Signer } from '../keys/signer.js';
import type { ImageReference } from '../registry/reference.js';
import type { PublicKey } from '../tuf/keys.js';
import { MAX_ROOT_BYTES } from '../tuf/load-repository.js';
import { Root, type BaseRole } from '../tuf/metadata.js';
import { DEFAULT_EXPIRY_DAYS, expiryFromNow } from '../tuf/time.js';
import {
  forEachRepository,
  notaryClientFor,
  notaryServerFor,
  unreachableServer,
  warnIfRetiredServer,
  type CommandContext,
} from './context.js';
import { describeRepository, type RepositoryResult } from './repository-result.js';
import { RepositoryUpdate, nextTargets, ownSignature, publishUpdate } from './repository-update.js';

export interface InitOptions {
  images: ImageReference[];
  rootKey: Signer;
  repositoryKey: Signer;
  /** The snapshot key when it is ours; absent, the server holds it (docker's default). */
  snapshotKey?: Signer;
}

/** A new trusted repository, as `notary init` + publish does (notary: client/client.go initialize). */
export function init(ctx: CommandContext, options: InitOptions): Promise<RepositoryResult[]> {
  const now = ctx.now?.() ?? Date.now();
  return forEachRepository(ctx, options.images, 'Initialize', async (ctx, gun, refs) => {
    const ref = refs[0]!;
    const server = notaryServerFor(ctx, ref);
    warnIfRetiredServer(ctx, server);
    const client = notaryClientFor(ctx, ref);
    const existing = await client.fetch('root', { maxBytes: MAX_ROOT_BYTES }).catch((error: unknown) => {
      throw unreachableServer(error);
    });
    if (existing)
      throw new NotaryError(
        'NOTARY_REPOSITORY_EXISTS',
        `${gun} already has trust data on ${server}; init only creates new repositories`,
        {
          server,
        },
        { option: 'images' },
      );

    const rootCert = await createRootCertificate(gun, options.rootKey, now);
    const timestampKey = await client.serverKey('timestamp');
    const snapshotKey = options.snapshotKey ? options.snapshotKey.publicKey : await client.serverKey('snapshot');
    const keys = new Map<string, PublicKey>();
    const roles = new Map<BaseRole, { keyids: string[]; threshold: number }>();
    const assign = (role: BaseRole, key: PublicKey) => {
      keys.set(key.id, key);
      roles.set(role, { keyids: [key.id], threshold: 1 });
    };
    assign('root', rootCert);
    assign('snapshot', snapshotKey);
    assign('targets', options.repositoryKey.publicKey);
    assign('timestamp', timestampKey);

    const update = new RepositoryUpdate(gun, undefined, now);
    update.root = new Root(1, expiryFromNow(DEFAULT_EXPIRY_DAYS.root, now), keys, roles);
    update.rootSigners = [{ signer: options.rootKey, keyid: rootCert.id }];
    update.targets = nextTargets(undefined, now);
    update.targetsSigners = [ownSignature(options.repositoryKey)];
    if (options.snapshotKey) update.snapshotSigner = ownSignature(options.snapshotKey);
    const after = await publishUpdate(ctx, ref, update, new Set([rootCert.id]), new Map());
    ctx.reporter.info(
      `Initialized ${gun}: root key ${rootCert.id} (public key ${rootCert.canonicalId}); pin either with trusted-root-keys`,
    );
    return describeRepository(after, ref, server);
  });
}
