import * as core from '@actions/core';
import { readSettings, type PublicKeyInput, type Settings } from './action/inputs.js';
import { publicKeyOf } from './keys/resolve.js';
import { PublicKey } from './tuf/keys.js';
import { actionsReporter, setOutputs, writeRepositorySummary, writeSummary, writeVerifySummary } from './action/report.js';
import type { CommandContext } from './commands/context.js';
import { sign } from './commands/sign.js';
import { verify } from './commands/verify.js';
import { addSigner, init, removeSigner, rotateKey, type RepositoryResult } from './commands/lifecycle.js';
import { InputError, describeError } from './errors.js';
import { HttpClient } from './http/client.js';
import { dockerConfigCredentials } from './registry/docker-config.js';
import { RegistryClient } from './registry/client.js';
import { registryApiHost } from './registry/reference.js';

/**
 * Credentials by host: the inputs when given (for every registry and the Notary server, as docker
 * uses registry credentials for its token auth), else the docker config for the registry whose
 * GUNs we handle.
 */
function credentialsFor(settings: Settings): (host: string) => { username: string; password: string } | undefined {
  if (settings.registryCredentials) return () => settings.registryCredentials;
  const registries = [...new Set(settings.images.map((i) => i.registry))];
  // Looked up once per registry: a credential helper is a process to start.
  const cache = new Map<string, { username: string; password: string } | undefined>();
  return (host) => {
    const registry = registries.find((r) => r === host || registryApiHost(r) === host) ?? (registries.length === 1 ? registries[0]! : host);
    if (!cache.has(registry)) cache.set(registry, dockerConfigCredentials(registry));
    return cache.get(registry);
  };
}

function resolvePublicKey(value: PublicKeyInput): Promise<PublicKey> {
  return value instanceof PublicKey ? Promise.resolve(value) : publicKeyOf(value);
}

function need<T>(value: T | undefined, input: string, command: string): T {
  if (value === undefined) throw new InputError(input, `is required for command ${command}`);
  return value;
}

/** init, add-signer, remove-signer, rotate-key: each input checked for the command that needs it. */
async function runLifecycle(ctx: CommandContext, settings: Settings): Promise<RepositoryResult[]> {
  const { command, images } = settings;
  switch (command) {
    case 'init':
      return init(ctx, {
        images,
        rootKey: need(settings.rootKey, 'root-key', command),
        repositoryKey: need(settings.repositoryKey, 'repository-key', command),
        serverManaged: settings.serverManaged,
        snapshotKey: settings.snapshotKey,
      });
    case 'add-signer':
      return addSigner(ctx, {
        images,
        signer: settings.signer,
        signerPublicKey: await resolvePublicKey(need(settings.signerPublicKey, 'signer-public-key', command)),
        repositoryKey: need(settings.repositoryKey, 'repository-key', command),
        snapshotKey: settings.snapshotKey,
      });
    case 'remove-signer':
      return removeSigner(ctx, {
        images,
        signer: settings.signer,
        repositoryKey: need(settings.repositoryKey, 'repository-key', command),
        snapshotKey: settings.snapshotKey,
      });
    default:
      return rotateKey(ctx, {
        images,
        role: need(settings.role, 'role', command),
        rootKey: settings.rootKey,
        repositoryKey: settings.repositoryKey,
        newKey: settings.newKey,
        serverManaged: settings.serverManaged,
        snapshotKey: settings.snapshotKey,
      });
  }
}

/** The action: inputs in, outputs out; any failure is one `::error::` line and exit code 1. */
export async function run(): Promise<void> {
  let http: HttpClient | undefined;
  try {
    const settings = readSettings(
      (name) => core.getInput(name),
      (secret) => core.setSecret(secret),
    );
    // Hardware keys say when they are about to sign, as a notice on the run page (a touch may be needed).
    for (const key of [settings.signerKey, settings.rootKey, settings.repositoryKey, settings.newKey, settings.snapshotKey]) {
      if (key?.source.kind === 'pkcs11') key.notice = (message) => core.notice(message);
    }
    http = new HttpClient({ extraCa: settings.notaryCa, credentials: credentialsFor(settings), userAgent: 'dct-sign' });
    const ctx: CommandContext = {
      http,
      registry: new RegistryClient(http, settings.insecureRegistries),
      reporter: actionsReporter,
      notaryServer: settings.notaryServer,
      pinnedRootKeyIds: settings.pinnedRootKeyIds,
      expiryWarningDays: settings.expiryWarningDays,
    };
    switch (settings.command) {
      case 'verify': {
        const results = await verify(ctx, { images: settings.images, requiredSigners: settings.requiredSigners });
        setOutputs(results);
        await writeVerifySummary(results);
        core.info(`Verified ${results.length} tag(s).`);
        break;
      }
      case 'init':
      case 'add-signer':
      case 'remove-signer':
      case 'rotate-key': {
        const results = await runLifecycle(ctx, settings);
        core.setOutput('digests', '');
        core.setOutput('result', JSON.stringify(results));
        await writeRepositorySummary(`dct-sign: ${settings.command}`, results);
        break;
      }
      default: {
        const signerKey = settings.signerKey!;
        const results = await sign(ctx, {
          images: settings.images,
          push: settings.push,
          signer: settings.signer,
          signerKey,
          snapshotKey: settings.snapshotKey,
          ociLayout: settings.ociLayout,
        });
        setOutputs(results);
        await writeSummary('dct-sign: signed', results);
        core.info(`Signed and verified ${results.length} tag(s).`);
      }
    }
  } catch (error) {
    core.setFailed(describeError(error));
  } finally {
    http?.close();
  }
}
