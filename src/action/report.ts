import * as core from '@actions/core';
import type { Reporter } from '../commands/context.js';
import type { ImageResult } from '../commands/sign.js';
import type { VerifiedImage } from '../commands/verify.js';
import type { RepositoryResult } from '../commands/lifecycle.js';

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

export async function writeSummary(title: string, results: readonly ImageResult[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading(title, 3)
    .addTable([
      [
        { data: 'Image', header: true },
        { data: 'Tag', header: true },
        { data: 'Digest', header: true },
        { data: 'Signers', header: true },
        { data: 'Expires', header: true },
      ],
      ...results.map((r) => [r.repository, r.tag, `<code>${r.digest}</code>`, r.roles.join(', '), r.expires ?? '']),
    ])
    .write();
}

/** Verify's table: what to deploy, who vouched for it, and how long each role stays valid. */
export async function writeVerifySummary(results: readonly VerifiedImage[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading('dct-sign: verified', 3)
    .addTable([
      [
        { data: 'Image', header: true },
        { data: 'Digest', header: true },
        { data: 'Signers', header: true },
        { data: 'Days to expiry', header: true },
      ],
      ...results.map((r) => [
        `${r.repository}:${r.tag}`,
        `<code>${r.digest}</code>`,
        r.roles.join(', '),
        r.expiries.map((e) => `${e.role}: ${Math.floor(e.days)}`).join('<br>'),
      ]),
    ])
    .write();
}

/** Lifecycle commands: each repository's root, repository and signer keys after the change. */
export async function writeRepositorySummary(title: string, results: readonly RepositoryResult[]): Promise<void> {
  for (const r of results) core.info(`${r.repository}: root key ${r.rootKeyIds.join(', ')} (public key ${r.rootPublicKeyIds.join(', ')})`);
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading(title, 3)
    .addTable([
      [
        { data: 'Repository', header: true },
        { data: 'Root key (certificate / public key)', header: true },
        { data: 'Repository key', header: true },
        { data: 'Signers', header: true },
      ],
      ...results.map((r) => [
        r.repository,
        r.rootKeyIds.map((id, i) => `<code>${id}</code> / <code>${r.rootPublicKeyIds[i]}</code>`).join('<br>'),
        r.repositoryKeyIds.map((id) => `<code>${id}</code>`).join('<br>'),
        r.signers.map((s) => `${s.name}: ${s.keyIds.map((k) => k.slice(0, 12)).join(', ')}`).join('<br>'),
      ]),
    ])
    .write();
}
