import * as core from '@actions/core';
import { readSettings, type Settings } from './action/inputs.js';
import { actionsReporter, setOutputs, writeSummary, writeVerifySummary } from './action/report.js';
import type { CommandContext } from './commands/context.js';
import { sign } from './commands/sign.js';
import { verify } from './commands/verify.js';
import { describeError } from './errors.js';
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
  return (host) => {
    const registry = registries.find((r) => r === host || registryApiHost(r) === host) ?? (registries.length === 1 ? registries[0]! : host);
    return dockerConfigCredentials(registry);
  };
}

/** The action: inputs in, outputs out; any failure is one `::error::` line and exit code 1. */
export async function run(): Promise<void> {
  let http: HttpClient | undefined;
  try {
    const settings = readSettings(
      (name) => core.getInput(name),
      (secret) => core.setSecret(secret),
    );
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
      default: {
        const signerKey = settings.signerKey!;
        const results = await sign(ctx, { images: settings.images, push: settings.push, signer: settings.signer, signerKey });
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
