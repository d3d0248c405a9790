import type { ImageReference } from '../registry/reference.js';
import type { TrustedRepository } from '../tuf/trusted-repository.js';

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

export function describeRepository(repo: TrustedRepository, ref: ImageReference, server: string): RepositoryResult {
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
