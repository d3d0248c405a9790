import * as core from '@actions/core';
import type { Reporter } from '../commands/context.js';
import type { ImageResult } from '../commands/sign.js';
import type { VerifiedImage } from '../commands/verify.js';

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
