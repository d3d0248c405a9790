import * as core from '@actions/core';
import { credentialsFor } from './action/credentials.js';
import { describeError } from './action/describe-error.js';
import { runGenerateKey } from './action/generate-key.js';
import { readProxySettings, readVaultSettings } from './action/environment.js';
import { readRuntime, readSettings, type NetworkSettings, type RotationSettings } from './action/inputs.js';
import { KeyRing } from './action/keys.js';
import { readVerifyFiles } from './action/verify-files.js';
import {
  actionsReporter,
  setOutputs,
  writeInspectSummary,
  writeRenewSummary,
  writeRepositorySummary,
  writeSummary,
  writeTrustData,
  writeVerifySummary,
} from './action/report.js';
import { SECRET_INPUTS } from './action/secret-inputs.js';
import type { CommandContext } from './commands/context.js';
import { init } from './commands/init.js';
import { inspect } from './commands/inspect.js';
import type { RepositoryResult } from './commands/repository-result.js';
import { rotateKey, type Rotation } from './commands/rotate-key.js';
import { renew } from './commands/renew.js';
import { sign } from './commands/sign.js';
import { addSigner, removeSigner } from './commands/signers.js';
import { verify } from './commands/verify.js';
import { DockerCli } from './docker/cli.js';
import { DockerConfig } from './docker/config.js';
import { DctError, InternalError } from './errors.js';
import { HttpClient } from './http/client.js';
import { RegistryClient } from './registry/client.js';
import { TrustStateStore } from './state/trust-state.js';

/** The lifecycle commands: their keys opened from the settings, then one command call. */
async function runLifecycle(ctx: CommandContext, settings: NetworkSettings, keys: KeyRing): Promise<RepositoryResult[]> {
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
      // The same shape, but newKey may be absent (the server makes the key): its own case keeps the types exact.
      return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey), newKey: await keys.signer(rotation.newKey) };
    case 'timestamp':
      return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey) };
    default:
      return { role: rotation.role, repositoryKey: await keys.signer(rotation.repositoryKey), newKey: await keys.signer(rotation.newKey) };
  }
}

async function runCommand(ctx: CommandContext, settings: NetworkSettings, keys: KeyRing): Promise<void> {
  switch (settings.command) {
    case 'verify': {
      const plan = await readVerifyFiles(settings);
      const { images, policy, foundIn } = plan;
      const results = await verify(ctx, { images, policy, ...(foundIn ? { foundIn } : {}), registryCheck: settings.registryCheck });
      setOutputs(results);
      await writeVerifySummary(results);
      core.info(`Verified ${results.length} tag(s).`);
      if (settings.pinManifests && plan.pin) {
        const pinned = plan.pin(results);
        core.setOutput('pinned-manifests', pinned.join('\n'));
        core.info(
          pinned.length > 0 ? `Pinned the images of ${pinned.join(', ')}.` : 'Every manifest was already pinned to its verified digest.',
        );
      }
      return;
    }
    case 'inspect': {
      const data = await inspect(ctx, { images: settings.images });
      writeTrustData(data, settings.trustDataFile);
      await writeInspectSummary(data);
      return;
    }
    case 'renew': {
      const renewed = await renew(ctx, {
        images: settings.images,
        rootKey: await keys.signer(settings.rootKey),
        repositoryKey: await keys.signer(settings.repositoryKey),
        signerKey: await keys.signer(settings.signerKey),
        snapshotKey: await keys.signer(settings.snapshotKey),
      });
      core.setOutput('renewed', JSON.stringify(renewed));
      await writeRenewSummary(renewed);
      core.info(renewed.length > 0 ? `Renewed ${renewed.length} role(s).` : 'Nothing needed renewing; nothing was published.');
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
      const rootChanged = settings.command === 'init' || (settings.command === 'rotate-key' && settings.rotation.role === 'root');
      // The value to pin from now on (docker trust inspect shows the root certificate's ID).
      if (rootChanged) core.setOutput('root-key-id', results.map((r) => r.rootKeyIds.join(',')).join('\n'));
      await writeRepositorySummary(`dct-sign: ${settings.command}`, results);
    }
  }
}

/** What a run may still finish once its deadline has passed (closing sessions, writing the error) before the process ends. */
const GRACE_AFTER_DEADLINE_MS = 10_000;

/** Rejects when the command's deadline passes, so a step never outlives its `timeout`. */
function deadline(ms: number, controller: AbortController): { passed: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      // Whatever still holds the event loop (a call no signal reaches) cannot keep the step alive.
      setTimeout(() => process.exit(1), GRACE_AFTER_DEADLINE_MS).unref();
      reject(new DctError('HTTP_ABORTED', `the command did not finish within ${ms / 1000} s (timeout); nothing more was sent`));
    }, ms);
  });
  return { passed, clear: () => clearTimeout(timer) };
}

/** The inputs read from a runner's INPUT_* variables, or from the command line's flags first. */
function inputReader(flags: ReadonlyMap<string, string> | undefined): (name: string) => string {
  return (name) => flags?.get(name) ?? core.getInput(name);
}

/** Secrets stay in the process no longer than needed: once read, their INPUT_* variables go. */
function forgetSecretInputs(env: NodeJS.ProcessEnv): void {
  for (const name of SECRET_INPUTS) delete env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}

/** A network command: the clients, the keys, the trust state, one command, and its deadline. */
async function runNetworkCommand(settings: NetworkSettings, runtime: ReturnType<typeof readRuntime>): Promise<void> {
  const controller = new AbortController();
  // Hardware keys say when they are about to sign, as a notice on the run page (a touch may be needed);
  // keys behind a network (KMS) keep to the request deadline and stop with the command.
  const proxy = readProxySettings(process.env);
  const keys = new KeyRing({
    notice: (message) => core.notice(message),
    pkcs11: runtime.pkcs11,
    requestTimeoutMs: settings.requestTimeoutMs,
    signal: controller.signal,
    proxy,
    vault: () => readVaultSettings(process.env),
  });
  const http = new HttpClient({
    extraCa: settings.notaryCa,
    proxy,
    credentials: credentialsFor(settings, new DockerConfig(runtime.dockerConfigDir, runtime.childEnv, (message) => core.warning(message))),
    userAgent: 'dct-sign',
    requestDeadlineMs: settings.requestTimeoutMs,
    signal: controller.signal,
  });
  const limit = deadline(settings.commandTimeoutMs, controller);
  try {
    const push = settings.command === 'sign' && settings.push;
    const docker = push
      ? new DockerCli({
          path: runtime.dockerPath,
          env: runtime.childEnv,
          signal: controller.signal,
          log: (text) => process.stdout.write(text),
        })
      : undefined;
    const ctx: CommandContext = {
      http,
      registry: new RegistryClient(http, settings.insecureRegistries),
      ...(docker ? { docker } : {}),
      reporter: actionsReporter,
      notaryServer: settings.notaryServer,
      pinnedRootKeyIds: settings.pinnedRootKeyIds,
      expiryWarningDays: settings.expiryWarningDays,
      ...(settings.trustState ? { trustState: new TrustStateStore(settings.trustState) } : {}),
    };
    await Promise.race([runCommand(ctx, settings, keys), limit.passed]);
    // Written only after success (action-interface.md): a failed run records nothing.
    for (const warning of (await ctx.trustState?.flush()) ?? []) core.warning(warning);
  } finally {
    limit.clear();
    await keys.close();
    http.close();
  }
}

/** The action: inputs in, outputs out; any failure is one `::error::` line and exit code 1. */
export async function run(flags?: ReadonlyMap<string, string>): Promise<void> {
  const runtime = readRuntime(process.env);
  try {
    // Only a GitHub runner swallows `::add-mask::`; anywhere else it would print the secret itself.
    const mask = runtime.onGitHubRunner ? (secret: string) => core.setSecret(secret) : () => undefined;
    const settings = readSettings(inputReader(flags), mask, process.env);
    forgetSecretInputs(process.env);
    if (settings.command === 'generate-key') await runGenerateKey(settings, runtime);
    else await runNetworkCommand(settings, runtime);
  } catch (error) {
    core.setFailed(describeError(error));
  }
}
