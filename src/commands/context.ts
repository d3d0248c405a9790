import type { DockerCli } from '../docker/cli.js';
import { NotaryError, VerificationError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import { NotaryClient } from '../notary/client.js';
import type { TrustStateStore } from '../state/trust-state.js';
import type { RegistryClient } from '../registry/client.js';
import { DOCKER_HUB, gunOf, registryApiHost, type ImageReference } from '../registry/reference.js';
import { loadTrustedRepository } from '../tuf/load-repository.js';
import { ExpiredError } from '../tuf/trusted-store.js';
import { daysUntil } from '../tuf/time.js';
import type { TrustedRepository } from '../tuf/trusted-repository.js';
import { mapLimit } from '../util/concurrency.js';

/** What commands report through; the action layer maps it onto @actions/core. */
export interface Reporter {
  info(message: string): void;
  warning(message: string): void;
  /** An error annotation that does not stop the run (the command throws after reporting all). */
  error(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** What every command runs with: the clients, where to report, and the trust settings shared by all. */
export interface CommandContext {
  http: HttpClient;
  registry: RegistryClient;
  /** For `push: true`; absent when the command pushes nothing. */
  docker?: DockerCli;
  reporter: Reporter;
  /** The `notary-server` input, else DOCKER_CONTENT_TRUST_SERVER, else empty. */
  notaryServer?: string;
  /** Root key IDs (TUF or canonical) from `trusted-root-keys`. */
  pinnedRootKeyIds: ReadonlySet<string>;
  expiryWarningDays: number;
  /** The TUF client state kept across runs (`trust-state`): read before each load, recorded after. */
  trustState?: TrustStateStore;
  now?: () => number;
}

export const RETIRED_SERVER = 'notary.docker.io';

/** Docker's default: notary.docker.io for Docker Hub, else https://<registry host> (docker/cli: cli/trust/trust.go Server). */
export function notaryServerFor(ctx: Pick<CommandContext, 'notaryServer'>, ref: Pick<ImageReference, 'registry'>): string {
  if (ctx.notaryServer) return ctx.notaryServer.replace(/\/+$/, '');
  return ref.registry === DOCKER_HUB ? `https://${RETIRED_SERVER}` : `https://${registryApiHost(ref.registry)}`;
}

export function notaryClientFor(ctx: CommandContext, ref: ImageReference): NotaryClient {
  return new NotaryClient(ctx.http, notaryServerFor(ctx, ref), gunOf(ref));
}

/** Registry look-ups in flight at once: enough to hide latency, few enough to be polite. */
export const REGISTRY_CONCURRENCY = 16;

/** Repositories handled at once: they share nothing, so a batch over many repositories overlaps its waits. */
export const REPOSITORY_CONCURRENCY = 4;

/**
 * Runs `fn` once per repository, in parallel up to REPOSITORY_CONCURRENCY, results in input
 * order. One repository gets a collapsible log group; several running at once get their lines
 * prefixed with the repository instead (groups would interleave).
 */
export async function forEachRepository<T>(
  ctx: CommandContext,
  images: readonly ImageReference[],
  title: string,
  fn: (ctx: CommandContext, gun: string, refs: ImageReference[]) => Promise<T>,
): Promise<T[]> {
  const groups = [...groupByRepository(images)];
  if (groups.length === 1) {
    const [gun, refs] = groups[0]!;
    return [await ctx.reporter.group(`${title} ${gun}`, () => fn(ctx, gun, refs))];
  }
  return mapLimit(groups, REPOSITORY_CONCURRENCY, ([gun, refs]) => {
    const prefixed: Reporter = {
      info: (m) => ctx.reporter.info(`[${gun}] ${m}`),
      warning: (m) => ctx.reporter.warning(m.startsWith(gun) ? m : `${gun}: ${m}`),
      error: (m) => ctx.reporter.error(m),
      group: (_name, inner) => inner(),
    };
    return fn({ ...ctx, reporter: prefixed }, gun, refs);
  });
}

/** Groups references by repository (GUN), keeping first-seen order: one metadata load and publish each. */
export function groupByRepository(images: readonly ImageReference[]): Map<string, ImageReference[]> {
  const groups = new Map<string, ImageReference[]>();
  for (const image of images) {
    const gun = gunOf(image);
    const group = groups.get(gun);
    if (group) group.push(image);
    else groups.set(gun, [image]);
  }
  return groups;
}

export interface RoleExpiry {
  role: string;
  expires: string;
  days: number;
}

/**
 * Expiry of the roles a person must re-sign (root, targets, snapshot, delegations). The timestamp
 * is left out: the server re-signs it on demand (notary: server/timestamp/timestamp.go).
 */
export function roleExpiries(repo: TrustedRepository, now: number): RoleExpiry[] {
  const out: RoleExpiry[] = [
    { role: 'root', expires: repo.root.signed.expires, days: daysUntil(repo.root.signed.expiresMs, now) },
    { role: 'snapshot', expires: repo.snapshot.signed.expires, days: daysUntil(repo.snapshot.signed.expiresMs, now) },
  ];
  for (const [name, role] of repo.roles)
    out.push({ role: name, expires: role.file.signed.expires, days: daysUntil(role.file.signed.expiresMs, now) });
  return out;
}

/** Which key re-signs each role once it nears expiry: what expiry messages tell the user to give `renew`. */
export function renewedBy(role: string): string {
  if (role === 'root') return 'command: renew with root-key';
  if (role === 'targets') return 'command: renew with repository-key';
  if (role === 'snapshot') return 'command: renew (the server re-signs it with any publish), or snapshot-key when the key is yours';
  if (role === 'timestamp') return 'the Notary server re-signs it on demand';
  return `command: renew (or sign) with the signer-key of ${role}`;
}

/** Expired metadata, with the way back, the image it was asked for named first when given; any other error as it was. */
export function withRenewHint(error: unknown, image?: string): unknown {
  if (!(error instanceof ExpiredError)) return error;
  const message = `${image ? `${image}: ` : ''}${error.message}; re-sign it: ${renewedBy(error.role)}`;
  return new VerificationError('EXPIRED', message, { cause: error });
}

export function warnAboutExpiry(ctx: CommandContext, repo: TrustedRepository, now: number): void {
  for (const e of roleExpiries(repo, now)) {
    if (e.days < ctx.expiryWarningDays) {
      ctx.reporter.warning(
        `${repo.gun}: ${e.role} expires in ${Math.max(0, Math.floor(e.days))} days (${e.expires}); re-sign it before then: ${renewedBy(e.role)}`,
      );
    }
  }
}

/** Docker retires notary.docker.io on 2026-12-08; say so wherever it is used. */
export function warnIfRetiredServer(ctx: CommandContext, server: string): void {
  if (server.includes(RETIRED_SERVER)) {
    ctx.reporter.warning(
      `${RETIRED_SERVER} closes on 2026-12-08 (Docker retires content trust on Docker Hub); run your own Notary server and set notary-server`,
    );
  }
}

export interface LoadOptions {
  now: number;
  /** Highest version seen per role in this run; raised by every load. */
  seenVersions: Map<string, number>;
  /** Root key IDs the root must chain from; default: the trusted-root-keys of the context. */
  pins?: ReadonlySet<string>;
  /** Root bytes trusted a moment ago (a read-back after publishing chains from them). */
  trustedRoot?: Uint8Array;
  /** false for a repository just created (init): a record of an older one of that name does not apply. */
  useState?: boolean;
  /** Load expired metadata to renew it (command: renew), every signature still checked. */
  allowExpired?: boolean;
}

/**
 * A repository's trust data, verified: chained from the root the trust state recorded (when kept)
 * and no role older than recorded, then recorded for the next run once the command succeeds.
 */
export async function loadVerified(ctx: CommandContext, ref: ImageReference, options: LoadOptions): Promise<TrustedRepository> {
  const server = notaryServerFor(ctx, ref);
  const gun = gunOf(ref);
  const state = options.useState === false ? undefined : await ctx.trustState?.read(server, gun);
  if (state)
    for (const [role, version] of state.versions) options.seenVersions.set(role, Math.max(version, options.seenVersions.get(role) ?? 0));
  else if (ctx.trustState && options.useState !== false && !options.trustedRoot)
    ctx.reporter.info(`${gun}: the trust state has no record of it on ${server} yet; it is recorded from this run on`);
  const trustedRoot = options.trustedRoot ?? state?.root;
  const repo = await loadTrustedRepository(notaryClientFor(ctx, ref), {
    gun,
    now: options.now,
    pinnedRootKeyIds: options.trustedRoot ? new Set() : (options.pins ?? ctx.pinnedRootKeyIds),
    seenVersions: options.seenVersions,
    ...(trustedRoot ? { trustedRoot } : {}),
    ...(options.allowExpired ? { allowExpired: true } : {}),
  });
  const record = { root: repo.root.bytes, timestamp: repo.timestamp.bytes, snapshot: repo.snapshot.bytes, versions: repo.versions() };
  ctx.trustState?.record(server, gun, record, { ...(state ? { base: state.root } : {}), replace: options.useState === false });
  return repo;
}

/** The repository's current trust data, verified; an unreachable server is named as the option it came from. */
export async function loadCurrent(
  ctx: CommandContext,
  ref: ImageReference,
  now: number,
  seenVersions: Map<string, number>,
): Promise<TrustedRepository> {
  warnIfRetiredServer(ctx, notaryServerFor(ctx, ref));
  try {
    const repo = await loadVerified(ctx, ref, { now, seenVersions });
    repo.warnings.forEach((warning) => ctx.reporter.warning(warning));
    return repo;
  } catch (error) {
    // The repository is in the message already; the image the user asked about goes first.
    throw unreachableServer(withRenewHint(error, ref.original));
  }
}

/** A Notary server that cannot be reached at all: the fix is the `notaryServer` option; anything else stays as it was. */
export function unreachableServer(error: unknown): unknown {
  if (error instanceof NotaryError && error.code === 'NOTARY_UNREACHABLE') {
    const { server, reason } = error.details;
    return new NotaryError(
      'NOTARY_UNREACHABLE',
      `${server} is not reachable (${reason ?? 'no answer'}); expected a running Notary server`,
      error.details,
      { option: 'notaryServer', cause: error },
    );
  }
  return error;
}
