import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { formatTrustData, type TrustData } from '../commands/inspect.js';
import { InputError } from '../errors.js';
import type { Reporter } from '../commands/context.js';
import type { ImageResult } from '../commands/sign.js';
import type { VerifiedImage } from '../commands/verify.js';
import type { RenewedRole } from '../commands/renew.js';
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

/** Verify's table, one row per image: what to deploy, the rule that admitted it, who vouched for it, and when its repository first needs re-signing. */
export async function writeVerifySummary(results: readonly VerifiedImage[]): Promise<void> {
  await writeTable(
    'dct-sign: verified',
    ['Image', 'Rule', 'Signers', 'Digest', 'Earliest expiry'],
    results.map((r) => {
      const earliest = r.expiries.reduce<VerifiedImage['expiries'][number] | undefined>(
        (a, e) => (!a || e.days < a.days ? e : a),
        undefined,
      );
      return [
        `${r.repository}:${r.tag}`,
        r.rule ?? 'inputs',
        r.roles.join(', '),
        `<code>${r.digest}</code>`,
        earliest ? `${earliest.role}: ${earliest.expires} (${Math.floor(earliest.days)} days)` : '',
      ];
    }),
  );
}

/** renew's table: each role re-signed, its new version and expiry; or that nothing needed it. */
export async function writeRenewSummary(renewed: readonly RenewedRole[]): Promise<void> {
  if (renewed.length === 0) {
    if (process.env.GITHUB_STEP_SUMMARY)
      await core.summary.addHeading('dct-sign: renew', 3).addRaw('Nothing needed renewing; nothing was published.').write();
    return;
  }
  await writeTable(
    'dct-sign: renewed',
    ['Repository', 'Role', 'Version', 'Expires'],
    renewed.map((r) => [r.repository, r.role, String(r.version), r.expires]),
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

/**
 * inspect's outputs: `trust-data` in the bytes `docker trust inspect` prints (scripts that parse
 * it keep working), also written to `trust-data-file`; `root-key-id`, one line per repository.
 */
export function writeTrustData(data: readonly TrustData[], file: string | undefined): void {
  const text = formatTrustData(data);
  if (file) {
    try {
      writeFileSync(file, text);
    } catch (error) {
      throw new InputError('trust-data-file', `cannot write it: ${(error as Error).message.split(',')[0]}`);
    }
  }
  core.setOutput('trust-data', text);
  core.setOutput(
    'root-key-id',
    data
      .map(
        (d) =>
          d.AdministrativeKeys.find((k) => k.Name === 'Root')
            ?.Keys.map((k) => k.ID)
            .join(',') ?? '',
      )
      .join('\n'),
  );
  for (const d of data)
    core.info(`${d.Name}: ${d.SignedTags.length} signed tag(s), root key ${d.AdministrativeKeys[0]?.Keys.map((k) => k.ID).join(', ')}`);
}

/** inspect's tables: per repository its signed tags, its signers, its administrative keys and expiries. */
export async function writeInspectSummary(data: readonly TrustData[]): Promise<void> {
  for (const d of data) {
    await writeTable(
      `dct-sign: ${d.Name}: signed tags`,
      ['Tag', 'Digest', 'Signers'],
      d.SignedTags.map((t) => [t.SignedTag, `<code>sha256:${t.Digest}</code>`, t.Signers.join(', ')]),
    );
    await writeTable(
      `${d.Name}: signers and keys`,
      ['Signer', 'Keys'],
      [
        ...d.Signers.map((s) => [s.Name, s.Keys.map((k) => `<code>${k.ID}</code>`).join('<br>')]),
        ...d.AdministrativeKeys.map((a) => [`${a.Name} (administrative)`, a.Keys.map((k) => `<code>${k.ID}</code>`).join('<br>')]),
      ],
    );
    await writeTable(
      `${d.Name}: expiry`,
      ['Role', 'Expires'],
      Object.entries(d.Expires).map(([role, expires]) => [role, expires]),
    );
  }
}
