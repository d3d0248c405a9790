import * as core from '@actions/core';
import type { Reporter } from '../commands/context.js';
import type { ImageResult } from '../commands/sign.js';
import type { VerifiedImage } from '../commands/verify.js';
import type { RepositoryResult } from '../commands/repository-result.js';

/** The Reporter on a runner: log lines, `::warning::` annotations and collapsible groups. */
export const actionsReporter: Reporter = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  group: (name, fn) => core.group(name, fn),
};

/** `digests` and `result` outputs (action-interface.md). */
export function setOutputs(results: readonly ImageResult[]): void {
  core.setOutput('digests', [...new Set(results.map((r) => `${r.repository}@${r.digest}`))].join('\n'));
  core.setOutput(
    'result',
    JSON.stringify(
      results.map((r) => ({ image: r.image, tag: r.tag, digest: r.digest, size: r.size, roles: r.roles, notaryServer: r.notaryServer })),
    ),
  );
}

/** A titled table in the job's step summary (nothing outside a runner). */
async function writeTable(title: string, headers: readonly string[], rows: string[][]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading(title, 3)
    .addTable([headers.map((data) => ({ data, header: true })), ...rows])
    .write();
}

export async function writeSummary(title: string, results: readonly ImageResult[]): Promise<void> {
  await writeTable(
    title,
    ['Image', 'Tag', 'Digest', 'Signers', 'Expires'],
    results.map((r) => [r.repository, r.tag, `<code>${r.digest}</code>`, r.roles.join(', '), r.expires ?? '']),
  );
}

/** Verify's table: what to deploy, who vouched for it, and how long each role stays valid. */
export async function writeVerifySummary(results: readonly VerifiedImage[]): Promise<void> {
  await writeTable(
    'dct-sign: verified',
    ['Image', 'Digest', 'Signers', 'Days to expiry'],
    results.map((r) => [
      `${r.repository}:${r.tag}`,
      `<code>${r.digest}</code>`,
      r.roles.join(', '),
      r.expiries.map((e) => `${e.role}: ${Math.floor(e.days)}`).join('<br>'),
    ]),
  );
}

/** Lifecycle commands: each repository's root, repository and signer keys after the change. */
export async function writeRepositorySummary(title: string, results: readonly RepositoryResult[]): Promise<void> {
  for (const r of results) core.info(`${r.repository}: root key ${r.rootKeyIds.join(', ')} (public key ${r.rootPublicKeyIds.join(', ')})`);
  await writeTable(
    title,
    ['Repository', 'Root key (certificate / public key)', 'Repository key', 'Signers'],
    results.map((r) => [
      r.repository,
      r.rootKeyIds.map((id, i) => `<code>${id}</code> / <code>${r.rootPublicKeyIds[i]}</code>`).join('<br>'),
      r.repositoryKeyIds.map((id) => `<code>${id}</code>`).join('<br>'),
      r.signers.map((s) => `${s.name}: ${s.keyIds.map((k) => k.slice(0, 12)).join(', ')}`).join('<br>'),
    ]),
  );
}
