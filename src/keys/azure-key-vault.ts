import { createPublicKey } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  AzureCliCredential,
  ChainedTokenCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type AccessToken,
  type GetTokenOptions,
  type TokenCredential,
} from '@azure/identity';
import { CryptographyClient, KeyClient, type KeyVaultKey } from '@azure/keyvault-keys';
import { KeyError, type KeyErrorCode } from '../errors.js';
import { ProxyRoutingAgent } from '../http/proxy.js';
import { PublicKey } from '../tuf/keys.js';
import { verifySignature } from '../tuf/signatures.js';
import { quoted } from '../util/redact.js';
import type { NetworkKeyOptions } from './network-key.js';
import type { Signer } from './signer.js';

/**
 * Keys in Azure Key Vault or Managed HSM, named in either of two forms:
 * `azurekms://<vault host>/<key name>[/<version>]` (cosign's: sigstore/sigstore
 * pkg/signature/kms/azure) and `azurekv://<vault host>/keys/<key name>[/<version>]` (the path of
 * the key's ID). Without a version, the key's current version is read once at open and used for
 * every signature.
 */
export interface KeyVaultKeyUri {
  uri: string;
  /** The vault's host, lower-cased: `<vault>.vault.azure.net`, `<hsm>.managedhsm.azure.net`, ... */
  host: string;
  vaultUrl: string;
  name: string;
  version?: string;
}

/**
 * The data-plane DNS suffixes of Key Vault and Managed HSM in the public and sovereign clouds
 * (azure-cli: `az cloud show`, suffixes.keyvaultDns and mhsmDns). A URI naming any other host
 * would send a bearer token for Key Vault there.
 */
const VAULT_DNS_SUFFIXES = [
  'vault.azure.net',
  'vault.azure.cn',
  'vault.usgovcloudapi.net',
  'vault.microsoftazure.de',
  'managedhsm.azure.net',
  'managedhsm.azure.cn',
  'managedhsm.usgovcloudapi.net',
];
/** Vault and HSM names: 3-24 letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
const VAULT_NAME = /^(?!.*--)[a-z][a-z0-9-]{1,22}[a-z0-9]$/;
/** Key names: 1-127 letters, digits and hyphens; versions: 32 hex digits (Key Vault's object identifiers). */
const KEY_NAME = /^[0-9A-Za-z-]{1,127}$/;
const KEY_VERSION = /^[0-9A-Fa-f]{32}$/;

const EXPECTED_FORMS =
  'expected azurekms://<vault>.vault.azure.net/<key name>[/<version>] or azurekv://<vault>.vault.azure.net/keys/<key name>[/<version>] (a Key Vault or Managed HSM host of any Azure cloud)';

export function parseKeyVaultUri(uri: string): KeyVaultKeyUri {
  const refuse = (reason: string): never => {
    throw new KeyError('KEY_INVALID', `${quoted(uri)} is not an Azure Key Vault key URI (${reason}); ${EXPECTED_FORMS}`);
  };
  const m = /^(azurekms|azurekv):\/\/([^/?#]*)\/([^?#]*)$/.exec(uri);
  if (!m) return refuse('no vault host and key name');
  const [scheme, rawHost, path] = [m[1]!, m[2]!, m[3]!];
  const host = rawHost.toLowerCase();
  const suffix = VAULT_DNS_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  if (!suffix || !VAULT_NAME.test(host.slice(0, -suffix.length - 1))) return refuse(`${quoted(rawHost, 80)} is not a vault host`);
  const segments = path.split('/');
  if (scheme === 'azurekv' && segments.shift() !== 'keys') return refuse('the path must start with /keys/');
  const [name, version, ...extra] = segments;
  if (!name || !KEY_NAME.test(name)) return refuse('a key name is 1-127 letters, digits and hyphens');
  if (version !== undefined && !KEY_VERSION.test(version)) return refuse('a key version is 32 hex digits');
  if (extra.length) return refuse('nothing may follow the version');
  return { uri, host, vaultUrl: `https://${host}`, name, ...(version ? { version } : {}) };
}

/** Key Vault's answers and SDK failures, one line each, naming the key; tokens never appear in either. */
const MAX_REASON = 300;
const ROLE_HINT =
  'the identity needs the "Key Vault Crypto User" role on the key or the vault (or get and sign key permissions in the vault\'s access policy)';
const NO_CREDENTIAL_HINT =
  'sign in with azure/login (OIDC) before this step, or set AZURE_CLIENT_ID and AZURE_TENANT_ID with AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH';

/** A server's words as a message may quote them: one line, bounded, anything shaped like a JWT removed. */
function reasonOf(text: string): string {
  const line = text
    .split(/\r?\n/)[0]!
    .replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '***')
    .trim();
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line;
}

interface RestErrorShape {
  statusCode?: number;
  code?: string;
  message: string;
  details?: { error?: { innerError?: { code?: string } } };
}

function isNamed(error: unknown, ...names: string[]): boolean {
  return typeof error === 'object' && error !== null && names.includes(String((error as { name?: unknown }).name));
}

export type KeyVaultOperation = 'get' | 'sign';

/**
 * One line naming the key, whatever the SDK threw. Key Vault's 403 carries the reason in the inner
 * error: ForbiddenByRbac / AccessDenied (a role or access policy is missing), ForbiddenByFirewall,
 * KeyDisabled (a disabled key can be read but not used: "Operation sign is not allowed on a disabled
 * key", azure-sdk-for-python#45342).
 */
export function keyVaultError(key: KeyVaultKeyUri, operation: KeyVaultOperation, error: unknown, limits?: NetworkKeyOptions): KeyError {
  if (error instanceof KeyError) return error;
  const fail = (code: KeyErrorCode, text: string) => new KeyError(code, `${key.uri}: ${text}`, { cause: error });
  const message = reasonOf(error instanceof Error ? error.message : String(error));
  if (error instanceof TokenDeadlineError || isNamed(error, 'AbortError')) {
    const seconds = limits?.requestTimeoutMs ? ` (${limits.requestTimeoutMs / 1000} s)` : '';
    if (limits?.signal?.aborted) return fail('KEY_STORE_ERROR', `Key Vault ${operation} was stopped: the command's deadline passed`);
    if (error instanceof TokenDeadlineError) return fail('KEY_ACCESS_DENIED', `no Azure access token came in time${seconds}`);
    return fail('KEY_STORE_ERROR', `Key Vault did not answer ${operation} in time${seconds}`);
  }
  if (error instanceof NoCredentialError)
    return fail('KEY_ACCESS_DENIED', `no Azure credential is available: ${NO_CREDENTIAL_HINT}${error.detail}`);
  if (isNamed(error, 'AuthenticationError')) {
    return fail('KEY_ACCESS_DENIED', `Microsoft Entra ID refused the credential: ${message}`);
  }
  if (!isNamed(error, 'RestError')) return fail('KEY_STORE_ERROR', `Key Vault ${operation} failed: ${message}`);
  const rest = error as RestErrorShape;
  const answer = `${rest.statusCode ?? ''} ${rest.code ?? ''}`.trim();
  const inner = rest.details?.error?.innerError?.code;
  const said = `Key Vault answered ${answer}${inner ? `/${inner}` : ''}: ${message}${actionOf(rest.message)}`;
  switch (rest.statusCode) {
    case undefined:
      return fail('KEY_STORE_ERROR', `could not reach Key Vault at ${key.host}: ${rest.code ? `${rest.code}: ` : ''}${message}`);
    case 404:
      // Only the first sentence: the rest is the service's advice on recovering deleted keys.
      return fail('KEY_NOT_FOUND', `no such key in the vault (check the vault, key name and version; ${said.replace(/(?<=\.) .*$/, '')})`);
    case 401:
      return fail('KEY_ACCESS_DENIED', `Key Vault refused the credential (${said})`);
    case 403:
      if (inner === 'KeyDisabled') return fail('KEY_NOT_FOUND', `the key is disabled (${said})`);
      if (inner === 'ForbiddenByFirewall')
        return fail('KEY_ACCESS_DENIED', `the vault's firewall refused this machine's address (${said})`);
      return fail('KEY_ACCESS_DENIED', `Key Vault denied the ${operation} operation (${said}); ${ROLE_HINT}`);
    default:
      return fail('KEY_STORE_ERROR', `Key Vault ${operation} failed (${said})`);
  }
}

/** The permission an RBAC refusal names (its `Action: '...'` line), the one thing of its long text worth a log line. */
function actionOf(message: string): string {
  const action = /^Action: '([A-Za-z/.]+)'/m.exec(message)?.[1];
  return action ? ` (action ${action})` : '';
}

class NoCredentialError extends Error {
  override readonly name = 'NoCredentialError';
  constructor(
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super('no Azure credential is available', options);
  }
}

class TokenDeadlineError extends Error {
  override readonly name = 'TokenDeadlineError';
}

/** A token is reused until this close to its expiry, as @azure/core-rest-pipeline's token cycler refreshes it. */
const TOKEN_REFRESH_MARGIN_MS = 2 * 60_000;

/**
 * The credential chain, bounded by the command's limits. Order: environment (a client secret or
 * certificate in AZURE_*), workload identity (AZURE_FEDERATED_TOKEN_FILE), the az CLI session
 * azure/login leaves, and managed identity last. DefaultAzureCredential tries managed identity
 * before the az CLI, which sends an IMDS request to 169.254.169.254 on every run that logged in
 * with azure/login; here a run with an az session or AZURE_* credentials never reaches IMDS at all.
 * Tokens are cached for the run (the az CLI credential keeps none), so the two clients of one key
 * ask once; every attempt keeps to the request deadline and stops with the command.
 */
class KeyVaultCredential implements TokenCredential {
  private readonly tokens = new Map<string, AccessToken>();

  private constructor(
    private readonly chain: ChainedTokenCredential,
    /** Where the az CLI credential is in the chain: its failure is the one worth quoting. */
    private readonly cliIndex: number,
    private readonly limits: NetworkKeyOptions,
  ) {}

  static create(key: KeyVaultKeyUri, agent: ProxyRoutingAgent, limits: NetworkKeyOptions): KeyVaultCredential {
    // Token requests (Entra ID, IMDS) go through our agent too; retries are bounded.
    const common = { agent, retryOptions: { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 4000 } };
    // The CLI is killed a second after our own deadline has ended the wait, so the message names the deadline.
    const cli = new AzureCliCredential({ processTimeoutInMs: (limits.requestTimeoutMs ?? 60_000) + 1000 });
    const sources: TokenCredential[] = [];
    try {
      sources.push(new EnvironmentCredential(common));
      try {
        sources.push(new WorkloadIdentityCredential(common));
      } catch (error) {
        // Not configured (AZURE_FEDERATED_TOKEN_FILE unset): the credential is left out of the chain.
        if (!isNamed(error, 'CredentialUnavailableError')) throw error;
      }
      sources.push(cli);
      // As DefaultAzureCredential does: AZURE_CLIENT_ID picks a user-assigned identity (azure-sdk: identity defaultAzureCredentialFunctions.ts).
      const clientId = process.env.AZURE_CLIENT_ID;
      sources.push(new ManagedIdentityCredential(clientId ? { ...common, clientId } : common));
    } catch (error) {
      const reason = reasonOf(error instanceof Error ? error.message : String(error));
      throw new KeyError('KEY_ACCESS_DENIED', `${key.uri}: the Azure credential settings are invalid: ${reason}`, { cause: error });
    }
    return new KeyVaultCredential(new ChainedTokenCredential(...sources.map(untilAborted)), sources.indexOf(cli), limits);
  }

  async getToken(scopes: string | string[], options: GetTokenOptions = {}): Promise<AccessToken | null> {
    const cacheKey = JSON.stringify([scopes, options.tenantId ?? '']);
    const cached = options.claims ? undefined : this.tokens.get(cacheKey);
    if (cached && cached.expiresOnTimestamp - Date.now() > TOKEN_REFRESH_MARGIN_MS) return cached;
    try {
      const token = await withinDeadline(this.limits, options.abortSignal, (abortSignal) =>
        this.chain.getToken(scopes, { ...options, abortSignal }),
      );
      if (token && !options.claims) this.tokens.set(cacheKey, token);
      return token;
    } catch (error) {
      if (isNamed(error, 'AggregateAuthenticationError', 'CredentialUnavailableError'))
        throw new NoCredentialError(cliReason(error, this.cliIndex), { cause: error });
      throw error;
    }
  }
}

/**
 * `work`, given a signal that aborts at the request deadline, with the command or with the caller,
 * and rejected with TokenDeadlineError then, whether or not the work heeds the signal (the az CLI
 * credential does not).
 */
async function withinDeadline<T>(
  limits: NetworkKeyOptions,
  callerSignal: GetTokenOptions['abortSignal'],
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const timer = limits.requestTimeoutMs ? setTimeout(stop, limits.requestTimeoutMs) : undefined;
  const signals = [limits.signal, callerSignal].filter((s) => s !== undefined);
  for (const signal of signals) {
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop);
  }
  const ended = new Promise<never>((_resolve, reject) => {
    const fail = () => reject(new TokenDeadlineError('getting an Azure access token took too long'));
    if (controller.signal.aborted) fail();
    controller.signal.addEventListener('abort', fail);
  });
  try {
    return await Promise.race([work(controller.signal), ended]);
  } finally {
    clearTimeout(timer);
    for (const signal of signals) signal.removeEventListener('abort', stop);
  }
}

/**
 * A credential of the chain that is not asked once the wait has ended: ChainedTokenCredential goes
 * on to the next credential whatever the signal says, and managed identity would then send its IMDS
 * request after the deadline.
 */
function untilAborted(source: TokenCredential): TokenCredential {
  return {
    getToken: (scopes, options) =>
      options?.abortSignal?.aborted
        ? Promise.reject(new TokenDeadlineError('the wait for a token has ended'))
        : source.getToken(scopes, options),
  };
}

/**
 * What the az CLI said when it is installed and failed (no session, one that expired, another
 * tenant), for the no-credential message; nothing when it is not installed. The chain's errors are
 * in the order of its credentials (azure-sdk: identity chainedTokenCredential.ts).
 */
function cliReason(error: unknown, cliIndex: number): string {
  const cli = (error as { errors?: unknown[] }).errors?.[cliIndex];
  const message = cli instanceof Error ? cli.message : '';
  return message && !/Azure CLI could not be found/.test(message) ? ` (az CLI: ${reasonOf(message)})` : '';
}

/** Notary's keys are ECDSA P-256 over SHA-256 (notary: tuf/data/types.go ECDSASignature); Key Vault's name for it is ES256. */
const SIGNING_ALGORITHM = 'ES256';
const P256_COORDINATE_BYTES = 32;

/** A JWK coordinate as exactly 32 bytes (RFC 7518 §6.2.1.2 wants the full length; shorter ones are padded, not refused). */
function coordinate(value: unknown): Buffer | undefined {
  if (!(value instanceof Uint8Array)) return undefined;
  let bytes = Buffer.from(value);
  while (bytes.length > P256_COORDINATE_BYTES && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length > P256_COORDINATE_BYTES) return undefined;
  return Buffer.concat([Buffer.alloc(P256_COORDINATE_BYTES - bytes.length), bytes]);
}

/**
 * The key as Key Vault returned it, checked before use: EC (or EC-HSM) P-256 with the sign
 * operation, enabled and within its dates, and its ID in the vault and name the URI gives (the
 * CryptographyClient signs with the key ID it holds, so a foreign ID would send the token elsewhere).
 */
export function checkedPublicKey(key: KeyVaultKeyUri, vaultKey: KeyVaultKey, now = new Date()): PublicKey {
  const jwk = vaultKey.key ?? {};
  checkKeyType(key, jwk);
  checkUsable(key, vaultKey, now);
  checkKeyId(key, vaultKey.id);
  const x = coordinate(jwk.x);
  const y = coordinate(jwk.y);
  try {
    if (!x || !y) throw new Error('missing coordinates');
    const point = { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url') };
    return PublicKey.fromKeyObject(createPublicKey({ key: point, format: 'jwk' }));
  } catch (error) {
    throw new KeyError('KEY_STORE_ERROR', `${key.uri}: Key Vault returned a public key that is not a P-256 point`, { cause: error });
  }
}

type VaultJwk = NonNullable<KeyVaultKey['key']>;

function checkKeyType(key: KeyVaultKeyUri, jwk: VaultJwk): void {
  const kty = typeof jwk.kty === 'string' ? jwk.kty : 'unknown';
  const crv = typeof jwk.crv === 'string' ? jwk.crv : undefined;
  if ((kty !== 'EC' && kty !== 'EC-HSM') || crv !== 'P-256') {
    const curve = crv ? `, curve ${quoted(crv, 20)}` : '';
    throw new KeyError(
      'KEY_INVALID',
      `${key.uri}: the key is of type ${quoted(kty, 20)}${curve}; notary needs an EC P-256 key (kty EC or EC-HSM, crv P-256)`,
    );
  }
  const ops = Array.isArray(jwk.keyOps) ? jwk.keyOps : [];
  if (!ops.includes('sign'))
    throw new KeyError('KEY_INVALID', `${key.uri}: the key does not permit sign (key_ops ${JSON.stringify(ops).slice(0, 100)})`);
}

/** Key Vault refuses to sign with a disabled key, and the SDK with one out of its dates: both are refused at open, with the reason. */
function checkUsable(key: KeyVaultKeyUri, vaultKey: KeyVaultKey, now: Date): void {
  const { enabled, notBefore, expiresOn } = vaultKey.properties;
  if (enabled === false)
    throw new KeyError('KEY_NOT_FOUND', `${key.uri}: the key is disabled in Key Vault (enable it, or name an enabled version)`);
  if (notBefore instanceof Date && notBefore > now)
    throw new KeyError('KEY_INVALID', `${key.uri}: the key is not valid before ${notBefore.toISOString()}`);
  if (expiresOn instanceof Date && expiresOn <= now)
    throw new KeyError('KEY_INVALID', `${key.uri}: the key expired on ${expiresOn.toISOString()}`);
}

function checkKeyId(key: KeyVaultKeyUri, id: unknown): void {
  const m = /^https:\/\/([^/]+)\/keys\/([^/]+)\/([0-9A-Fa-f]{32})$/.exec(String(id));
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!m || !same(m[1]!, key.host) || !same(m[2]!, key.name) || (key.version && !same(m[3]!, key.version)))
    throw new KeyError('KEY_STORE_ERROR', `${key.uri}: Key Vault answered with another key's ID, ${quoted(String(id), 200)}`);
}

export class AzureKeyVaultSigner implements Signer {
  readonly description: string;

  private constructor(
    private readonly key: KeyVaultKeyUri,
    private readonly crypto: CryptographyClient,
    private readonly agent: ProxyRoutingAgent,
    private readonly limits: NetworkKeyOptions,
    readonly publicKey: PublicKey,
    /** The version that signs: the one given, or the current one when opened. */
    version: string,
  ) {
    this.description = `Azure Key Vault ${key.host}/keys/${key.name}/${version}`;
  }

  /**
   * Reads the key once (keys/get) and checks it can sign as notary needs. Every request, Key
   * Vault's and the credential's, goes through one agent that keeps to our proxy settings per host:
   * @azure/core-rest-pipeline would otherwise pick HTTPS_PROXY itself and match NO_PROXY by its own
   * rules (its proxy policy leaves a request that has an agent alone). The challenge's resource
   * check of @azure/keyvault-keys stays on.
   */
  static async open(uri: string, limits: NetworkKeyOptions): Promise<AzureKeyVaultSigner> {
    const key = parseKeyVaultUri(uri);
    const agent = new ProxyRoutingAgent(limits.proxy);
    try {
      const credential = KeyVaultCredential.create(key, agent, limits);
      // 408, 429 (with Retry-After) and 5xx are retried with backoff, a bounded number of times.
      const clientOptions = () => ({
        agent,
        retryOptions: { maxRetries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 8000 },
        userAgentOptions: { userAgentPrefix: 'dct-sign' },
      });
      const keys = new KeyClient(key.vaultUrl, credential, clientOptions());
      const vaultKey = await keys
        .getKey(key.name, { ...(key.version ? { version: key.version } : {}), ...callOptions(limits) })
        .catch((error: unknown) => {
          throw keyVaultError(key, 'get', error, limits);
        });
      const publicKey = checkedPublicKey(key, vaultKey);
      // Built from the key read (not its ID), the client signs with that version and reads nothing more.
      const crypto = new CryptographyClient(vaultKey, credential, clientOptions());
      return new AzureKeyVaultSigner(key, crypto, agent, limits, publicKey, vaultKey.properties.version ?? key.version ?? '');
    } catch (error) {
      agent.destroy();
      throw error;
    }
  }

  /** Key Vault signs a digest, so the digest is computed here; its ES256 signature is already raw r||s (RFC 7518 §3.4). */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    const result = await this.crypto.sign(SIGNING_ALGORITHM, sha256(data), callOptions(this.limits)).catch((error: unknown) => {
      throw keyVaultError(this.key, 'sign', error, this.limits);
    });
    const signature = result.result;
    // A signature by another key (or not a P-256 one) fails here, not at the Notary server.
    if (
      !(signature instanceof Uint8Array) ||
      signature.length !== 2 * P256_COORDINATE_BYTES ||
      !verifySignature(this.publicKey, 'ecdsa', signature, data)
    ) {
      throw new KeyError(
        'KEY_SIGN_FAILED',
        `${this.key.uri}: Key Vault returned a signature that does not verify with the key's public key`,
      );
    }
    return new Uint8Array(signature);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }
}

/**
 * Each call (its token, its attempts and their backoff) has the request deadline, and stops with the
 * command. A signal, not the SDK's `requestOptions.timeout`: @typespec/ts-http-runtime's node client
 * leaves that timer running when a request fails, which keeps the process alive for the whole
 * timeout after a connection error; AbortSignal.timeout's timer does not hold the process.
 */
function callOptions(limits: NetworkKeyOptions): { abortSignal?: AbortSignal } {
  const signals = [limits.signal, limits.requestTimeoutMs ? AbortSignal.timeout(limits.requestTimeoutMs) : undefined].filter(
    (s) => s !== undefined,
  );
  return signals.length ? { abortSignal: AbortSignal.any(signals) } : {};
}
