import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';

/**
 * A Key Vault REST-protocol server for tests (Azure has no local emulator here), reached under the
 * real public names through RoutingProxy, over TLS with a certificate for those names: the SDK's
 * challenge check (the vault host ends with the challenge resource's domain) stays on. It speaks
 * the data plane as the service does:
 * - an unauthenticated request gets 401 with `WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/<tenant>", resource="https://vault.azure.net"`
 *   (`https://managedhsm.azure.net` for a Managed HSM host);
 * - `GET /keys/{name}[/{version}]` and `POST /keys/{name}/{version}/sign` with `?api-version=`,
 *   real P-256 keys (and RSA and P-384 ones for the wrong-type cases) signing as ES256 does, raw r||s;
 * - a disabled key can be read but not used: sign answers 403 Forbidden/KeyDisabled
 *   ("Operation sign is not allowed on a disabled key.", azure-sdk-for-python#45342);
 * - a bearer token other than VAULT_TOKEN is refused: DENIED_TOKEN (an identity without a role)
 *   with 403 ForbiddenByRbac, anything else with 401.
 * It also answers for login.microsoftonline.com (Entra ID's OpenID configuration and token
 * endpoint), enough for workload identity federation's client-assertion exchange.
 */
export const TENANT_ID = '5f0c7a52-3b1e-4c2d-9a7e-dc75160000a1';
export const ENTRA_HOST = 'login.microsoftonline.com';
/** The identity with "Key Vault Crypto User" on the vault: its token is the only one that may read and sign. */
export const VAULT_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCIsIm9pZCI6ImNyeXB0by11c2VyIn0.ZGN0LXNpZ24tdGVzdC1jcnlwdG8tdXNlcg';
/** An identity that Entra ID knows but that has no role on the vault. */
export const DENIED_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCIsIm9pZCI6Im5vLXJvbGUifQ.ZGN0LXNpZ24tdGVzdC1uby1yb2xl';
/** Workload identity federation: the app registration and the federated token (a GitHub OIDC token stands there) it trusts. */
export const WORKLOAD_CLIENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const FEDERATED_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIn0.ZGN0LXNpZ24tdGVzdC1vaWRj';

export type KeyType = 'P-256' | 'P-384' | 'RSA';

interface KeyVersion {
  version: string;
  type: KeyType;
  hsm: boolean;
  privateKey: KeyObject;
  keyOps: string[];
  enabled: boolean;
  created: number;
}

export interface KeyVaultCall {
  host: string;
  method: string;
  /** The path without its query. */
  path: string;
  apiVersion?: string;
  /** Which bearer token came: none, the vault's, the denied identity's, or another. */
  auth: 'none' | 'valid' | 'denied' | 'unknown';
  status: number;
}

export interface EntraCall {
  method: string;
  path: string;
  status: number;
  grantType?: string;
  clientId?: string;
  scope?: string;
}

const CHALLENGE_RESOURCES: [suffix: string, resource: string][] = [
  ['.managedhsm.azure.net', 'https://managedhsm.azure.net'],
  ['.vault.azure.net', 'https://vault.azure.net'],
];

export class KeyVaultServer {
  readonly calls: KeyVaultCall[] = [];
  readonly entraCalls: EntraCall[] = [];
  private readonly keys = new Map<string, { name: string; versions: KeyVersion[] }>();
  private server?: Server;
  port = 0;

  /** @param vaultHosts the vault hosts served (all with the same keys), e.g. `dctsign.vault.azure.net`. */
  constructor(
    private readonly vaultHosts: string[],
    private readonly tls: { keyFile: string; certFile: string },
  ) {}

  /** A new key, or a new version of a key: returns the version, which becomes the current one. */
  createKey(name: string, options: { type?: KeyType; hsm?: boolean; keyOps?: string[]; enabled?: boolean } = {}): string {
    const type = options.type ?? 'P-256';
    const privateKey =
      type === 'RSA'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : generateKeyPairSync('ec', { namedCurve: type === 'P-384' ? 'secp384r1' : 'prime256v1' }).privateKey;
    const version = randomBytes(16).toString('hex');
    const entry = this.keys.get(name.toLowerCase()) ?? { name, versions: [] };
    entry.versions.push({
      version,
      type,
      hsm: options.hsm ?? false,
      privateKey,
      keyOps: options.keyOps ?? (type === 'RSA' ? ['sign', 'verify', 'wrapKey', 'unwrapKey', 'encrypt', 'decrypt'] : ['sign', 'verify']),
      enabled: options.enabled ?? true,
      created: Math.floor(Date.now() / 1000),
    });
    this.keys.set(name.toLowerCase(), entry);
    return version;
  }

  setEnabled(name: string, enabled: boolean): void {
    for (const version of this.keys.get(name.toLowerCase())?.versions ?? []) version.enabled = enabled;
  }

  /** The key's public key as `docker trust key generate` would write it beside the private key (SPKI PEM). */
  publicKeyPem(name: string, version?: string): string {
    const key = this.find(name, version);
    if (!key) throw new Error(`no key ${name}`);
    return createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  private find(name: string, version?: string): KeyVersion | undefined {
    const versions = this.keys.get(name.toLowerCase())?.versions ?? [];
    return version ? versions.find((v) => v.version === version.toLowerCase()) : versions[versions.length - 1];
  }

  async start(): Promise<void> {
    const server = createServer({ key: readFileSync(this.tls.keyFile), cert: readFileSync(this.tls.certFile) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const host = String(req.headers.host ?? '')
          .replace(/:443$/, '')
          .toLowerCase();
        const body = Buffer.concat(chunks).toString('utf8');
        if (host === ENTRA_HOST) this.entra(req, res, body);
        else if (this.vaultHosts.includes(host)) this.vault(host, req, res, body);
        else res.writeHead(421).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  private vault(host: string, req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', `https://${host}`);
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const auth: KeyVaultCall['auth'] = !bearer ? 'none' : bearer === VAULT_TOKEN ? 'valid' : bearer === DENIED_TOKEN ? 'denied' : 'unknown';
    const call: KeyVaultCall = {
      host,
      method: req.method ?? 'GET',
      path: url.pathname,
      auth,
      status: 0,
      ...(apiVersion ? { apiVersion } : {}),
    };
    this.calls.push(call);
    const reply = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res
        .writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-ms-request-id': randomUUID(),
          'x-ms-keyvault-service-version': '1.9.0.0',
          ...headers,
        })
        .end(JSON.stringify(value));
    };
    const fail = (status: number, code: string, message: string, inner?: string, headers?: Record<string, string>) =>
      reply(status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } }, headers);
    const resource = CHALLENGE_RESOURCES.find(([suffix]) => host.endsWith(suffix))?.[1] ?? 'https://vault.azure.net';
    const challenge = { 'www-authenticate': `Bearer authorization="https://${ENTRA_HOST}/${TENANT_ID}", resource="${resource}"` };
    if (auth === 'none') return fail(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', undefined, challenge);
    if (auth === 'unknown') return fail(401, 'Unauthorized', 'AKV10022: Invalid audience.', undefined, challenge);
    if (!apiVersion) return fail(400, 'BadParameter', 'The api-version query parameter is required.');

    const get = /^\/keys\/([^/]+)(?:\/([^/]*))?$/.exec(url.pathname);
    const sign = /^\/keys\/([^/]+)\/([^/]+)\/sign$/.exec(url.pathname);
    const m = req.method === 'GET' ? get : req.method === 'POST' ? sign : null;
    if (!m) return fail(405, 'BadParameter', `${req.method} ${url.pathname} is not supported here`);
    const [name, version] = [decodeURIComponent(m[1]!), m[2] ? decodeURIComponent(m[2]) : undefined];
    const operation = req.method === 'GET' ? 'read' : 'sign/action';
    if (auth === 'denied') {
      return fail(
        403,
        'Forbidden',
        'Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n' +
          `Caller: appid=${WORKLOAD_CLIENT_ID};oid=00000000-0000-0000-0000-00000000dead;iss=https://sts.windows.net/${TENANT_ID}/\r\n` +
          `Action: 'Microsoft.KeyVault/vaults/keys/${operation}'\r\nResource: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/ci/providers/microsoft.keyvault/vaults/${host.split('.')[0]}/keys/${name.toLowerCase()}'\r\n` +
          `Assignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${host.split('.')[0]};location=westeurope\r\n`,
        'ForbiddenByRbac',
      );
    }
    const key = this.find(name, version);
    if (!key) {
      return fail(
        404,
        'KeyNotFound',
        `A key with (name/id) ${version ? `${name}/${version}` : name} was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
      );
    }
    const kid = `https://${host}/keys/${this.keys.get(name.toLowerCase())!.name}/${key.version}`;
    if (req.method === 'GET') return reply(200, { key: { kid, ...jwkOf(key) }, attributes: attributesOf(key), tags: {} });

    if (!key.enabled) return fail(403, 'Forbidden', 'Operation sign is not allowed on a disabled key.', 'KeyDisabled');
    let request: { alg?: unknown; value?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return fail(400, 'BadParameter', 'The request body is not JSON.');
    }
    const digest = typeof request.value === 'string' ? Buffer.from(request.value, 'base64url') : Buffer.alloc(0);
    if (request.alg !== 'ES256' || key.type !== 'P-256') return fail(400, 'BadParameter', 'Key and signing algorithm are incompatible.');
    if (digest.length !== 32) return fail(400, 'BadParameter', 'Invalid length of the digest for ES256.');
    const d = Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url');
    const signature = p256.sign(digest, d, { prehash: false, format: 'compact' });
    return reply(200, { kid, value: Buffer.from(signature).toString('base64url') });
  }

  /** Entra ID for one tenant: discovery documents and the client-credentials grant with a federated client assertion. */
  private entra(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', `https://${ENTRA_HOST}`);
    const call: EntraCall = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    this.entraCalls.push(call);
    const reply = (status: number, value: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
    };
    const base = `https://${ENTRA_HOST}/${TENANT_ID}`;
    if (url.pathname === '/common/discovery/instance') {
      return reply(200, {
        tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          {
            preferred_network: ENTRA_HOST,
            preferred_cache: 'login.windows.net',
            aliases: [ENTRA_HOST, 'login.windows.net', 'sts.windows.net'],
          },
        ],
      });
    }
    if (url.pathname === `/${TENANT_ID}/v2.0/.well-known/openid-configuration`) {
      return reply(200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        jwks_uri: `https://${ENTRA_HOST}/${TENANT_ID}/discovery/v2.0/keys`,
        issuer: `${base}/v2.0`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      });
    }
    if (url.pathname === `/${TENANT_ID}/oauth2/v2.0/token` && req.method === 'POST') {
      const form = new URLSearchParams(body);
      Object.assign(call, {
        grantType: form.get('grant_type') ?? undefined,
        clientId: form.get('client_id') ?? undefined,
        scope: form.get('scope') ?? undefined,
      });
      const refuse = (code: number, text: string) =>
        reply(400, {
          error: 'invalid_client',
          error_description: `AADSTS${code}: ${text} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
          error_codes: [code],
        });
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== WORKLOAD_CLIENT_ID)
        return refuse(700016, `Application with identifier '${form.get('client_id')}' was not found in the directory.`);
      if (
        form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
        form.get('client_assertion') !== FEDERATED_TOKEN
      )
        return refuse(700213, 'No matching federated identity record found for presented assertion.');
      const scope = form.get('scope') ?? '';
      if (!/(^| )https:\/\/(vault|managedhsm)\.azure\.net\/\.default( |$)/.test(scope))
        return refuse(70011, `The provided value for scope ${scope} is not valid.`);
      return reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: VAULT_TOKEN });
    }
    return reply(404, { error: 'not_found', error_description: `${url.pathname} is not served here` });
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function jwkOf(key: KeyVersion): Record<string, unknown> {
  const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
  const kty = `${key.type === 'RSA' ? 'RSA' : 'EC'}${key.hsm ? '-HSM' : ''}`;
  return key.type === 'RSA'
    ? { kty, key_ops: key.keyOps, n: jwk.n, e: jwk.e }
    : { kty, key_ops: key.keyOps, crv: key.type, x: jwk.x, y: jwk.y };
}

function attributesOf(key: KeyVersion): Record<string, unknown> {
  return {
    enabled: key.enabled,
    created: key.created,
    updated: key.created,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: 90,
    exportable: false,
  };
}

/**
 * An `az` first on PATH, standing for the session azure/login leaves: it answers what
 * @azure/identity's AzureCliCredential runs (azure-sdk: identity azureCliCredential.ts),
 * `az account get-access-token --output json --resource <resource> [--tenant <tenant>]`, with the
 * fields the real CLI prints (`accessToken`, `expiresOn`, `expires_on`, `tokenType`, ...). Each
 * call's arguments are appended to `log`. `loggedOut`: the CLI is installed but has no session.
 */
export function fakeAzCli(dir: string, options: { token?: string; loggedOut?: boolean } = {}): { binDir: string; log: string } {
  const binDir = join(dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const log = join(dir, 'az-calls.log');
  writeFileSync(log, '');
  const answer = options.loggedOut
    ? `echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`
    : `expires=$(( $(date +%s) + 3600 ))
printf '{"accessToken": "%s", "expiresOn": "%s", "expires_on": %s, "subscription": "00000000-0000-0000-0000-000000000000", "tenant": "%s", "tokenType": "Bearer"}\\n' \\
  '${options.token ?? VAULT_TOKEN}' "$(date -d "@$expires" '+%Y-%m-%d %H:%M:%S.000000')" "$expires" '${TENANT_ID}'`;
  writeFileSync(
    join(binDir, 'az'),
    `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
[ "$1 $2" = "account get-access-token" ] || { echo "ERROR: '$1' is misspelled or not recognized by the system." >&2; exit 2; }
resource=''; tenant=''; output=''
while [ $# -gt 0 ]; do
  case "$1" in
    --resource) resource="$2"; shift ;;
    --tenant) tenant="$2"; shift ;;
    --output) output="$2"; shift ;;
  esac
  shift
done
[ "$output" = json ] || { echo "ERROR: expected --output json" >&2; exit 2; }
case "$resource" in https://vault.azure.net|https://managedhsm.azure.net) ;; *) echo "ERROR: AADSTS500011: The resource principal named $resource was not found in the tenant." >&2; exit 1 ;; esac
[ -z "$tenant" ] || [ "$tenant" = '${TENANT_ID}' ] || { echo "ERROR: AADSTS90002: Tenant '$tenant' not found." >&2; exit 1; }
${answer}
`,
  );
  chmodSync(join(binDir, 'az'), 0o755);
  return { binDir, log };
}
