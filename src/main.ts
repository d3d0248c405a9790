import * as core from '@actions/core';
import { readRuntime, readSettings, type RotationSettings, type Runtime, type Settings } from './action/inputs.js';
import { describeError } from './action/describe-error.js';
import { KeyRing } from './action/keys.js';
import { actionsReporter, setOutputs, writeRepositorySummary, writeSummary, writeVerifySummary } from './action/report.js';
import type { CommandContext } from './commands/context.js';
import { init } from './commands/init.js';
import type { RepositoryResult } from './commands/repository-result.js';
import { rotateKey, type Rotation } from './commands/rotate-key.js';
import { sign } from './commands/sign.js';
import { addSigner, removeSigner } from './commands/signers.js';
import { verify } from './commands/verify.js';
import { DockerCli } from './docker/cli.js';
import { DockerConfig } from './docker/config.js';
import type { Credentials } from './http/auth.js';
import { InternalError } from './errors.js';
import { HttpClient } from './http/client.js';
import { RegistryClient } from './registry/client.js';
import { registryApiHost } from './registry/reference.js';

/**
 * Credentials by host: the inputs when given (for every registry and the Notary server, as docker
 * uses registry credentials for its token auth), else the docker config for the registry whose
 * GUNs we handle.
 */
function credentialsFor(settings: Settings, runtime: Runtime): (host: string) => Promise<Credentials | undefined> {
  const given = settings.registryCredentials;
  if (given) return () => Promise.resolve(given);
  const config = new DockerConfig(runtime.dockerConfigDir);
  const registries = [...new Set(settings.images.map((i) => i.registry))];
  // Looked up once per registry: a credential helper is a process to start.
  const cache = new Map<string, Promise<Credentials | undefined>>();
  return (host) => {
    const registry = registries.find((r) => r === host || registryApiHost(r) === host) ?? (registries.length === 1 ? registries[0]! : host);
    let credentials = cache.get(registry);
    if (!credentials) {
      credentials = config.credentials(registry);
      cache.set(registry, credentials);
    }
    return credentials;
  };
}

/** The lifecycle commands: their keys opened from the settings, then one command call. */
async function runLifecycle(ctx: CommandContext, settings: Settings, keys: KeyRing): Promise<RepositoryResult[]> {
  const { images } = settings;
  switch (settings.command) {
    case 'init':
      return init(ctx, {
        images,
        rootKey: await keys.signer(settings.rootKey),
        repositoryKey: await keys.signer(settings.repositoryKey),
        snapshotKey: await keys.signer(settings.snapshotKey),
      });
    case 'add-signer':
      return addSigner(ctx, {
        images,
        signer: settings.signer,
        signerPublicKey: await keys.publicKey(settings.signerPublicKey),
        repositoryKey: await keys.signer(settings.repositoryKey),
        snapshotKey: await keys.signer(settings.snapshotKey),
      });
    case 'remove-signer':
      return removeSigner(ctx, {
        images,
        signer: settings.signer,
        repositoryKey: await keys.signer(settings.repositoryKey),
        snapshotKey: await keys.signer(settings.snapshotKey),
      });
    case 'rotate-key':
      return rotateKey(ctx, {
        images,
        ...(await openRotation(settings.rotation, keys)),
        snapshotKey: await keys.signer(settings.snapshotKey),
      });
    default:
      throw new InternalError(`${settings.command} is not a lifecycle command`);
  }
}

async function openRotation(rotation: RotationSettings, keys: KeyRing): Promise<Rotation> {
  switch (rotation.role) {
    case 'root':
    case 'targets':
      return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey), newKey: await keys.signer(rotation.newKey) };
    case 'snapshot':
      return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey), newKey: await keys.signer(rotation.newKey) };
    case 'timestamp':
      return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey) };
    default:
      return { role: rotation.role, repositoryKey: await keys.signer(rotation.repositoryKey), newKey: await keys.signer(rotation.newKey) };
  }
}

async function runCommand(ctx: CommandContext, settings: Settings, keys: KeyRing): Promise<void> {
  switch (settings.command) {
    case 'verify': {
      const results = await verify(ctx, { images: settings.images, requiredSigners: settings.requiredSigners });
      setOutputs(results);
      await writeVerifySummary(results);
      core.info(`Verified ${results.length} tag(s).`);
      return;
    }
    case 'sign': {
      const results = await sign(ctx, {
        images: settings.images,
        push: settings.push,
        signer: settings.signer,
        signerKey: await keys.signer(settings.signerKey),
        snapshotKey: await keys.signer(settings.snapshotKey),
        ociLayout: settings.ociLayout,
      });
      setOutputs(results);
      await writeSummary('dct-sign: signed', results);
      core.info(`Signed and verified ${results.length} tag(s).`);
      return;
    }
    default: {
      const results = await runLifecycle(ctx, settings, keys);
      core.setOutput('digests', '');
      core.setOutput('result', JSON.stringify(results));
      await writeRepositorySummary(`dct-sign: ${settings.command}`, results);
    }
  }
}

/** The action: inputs in, outputs out; any failure is one `::error::` line and exit code 1. */
export async function run(): Promise<void> {
  let http: HttpClient | undefined;
  const runtime = readRuntime(process.env);
  // Hardware keys say when they are about to sign, as a notice on the run page (a touch may be needed).
  const keys = new KeyRing({ notice: (message) => core.notice(message), pkcs11: runtime.pkcs11 });
  try {
    const settings = readSettings(
      (name) => core.getInput(name),
      (secret) => core.setSecret(secret),
      process.env,
    );
    http = new HttpClient({ extraCa: settings.notaryCa, credentials: credentialsFor(settings, runtime), userAgent: 'dct-sign' });
    const ctx: CommandContext = {
      http,
      registry: new RegistryClient(http, settings.insecureRegistries),
      ...(settings.command === 'sign' && settings.push
        ? { docker: new DockerCli({ path: runtime.dockerPath, env: runtime.dockerEnv }) }
        : {}),
      reporter: actionsReporter,
      notaryServer: settings.notaryServer,
      pinnedRootKeyIds: settings.pinnedRootKeyIds,
      expiryWarningDays: settings.expiryWarningDays,
    };
    await runCommand(ctx, settings, keys);
  } catch (error) {
    core.setFailed(describeError(error));
  } finally {
    await keys.close();
    http?.close();
  }
}
