import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { execSync } from './exec.js';

/**
 * A Vault transit protocol server for tests (no Vault is packaged here): `GET /v1/<mount>/keys/<name>`
 * and `POST /v1/<mount>/sign/<name>/sha2-256`, with real keys in several versions, the token
 * checked on every call against a small ACL, the namespace header when one is configured, and
 * Vault's own status codes and error bodies (vault: builtin/logical/transit/path_keys.go,
 * path_sign_verify.go; sdk/helper/keysutil/policy.go; http/logical.go).
 */
export type TransitKeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-2048' | 'aes256-gcm96';

export interface TransitKey {
  name: string;
  type: TransitKeyType;
  /** Version N is `versions[N - 1]`. */
  versions: KeyObject[];
  minEncryptionVersion: number;
  /** Imported from a public key only: it reads as usual, and Vault refuses to sign with it. */
  publicOnly: boolean;
}

export interface VaultCall {
  method: string;
  path: string;
  status: number;
  /** Whether an X-Vault-Token header came (never its value). */
  tokenSent: boolean;
  namespace?: string;
  vaultRequestHeader: boolean;
  /** The sign request's fields, as sent. */
  sign?: { inputBytes: number; prehashed: unknown; keyVersion: unknown; marshaling: unknown };
}

/**
 * What a token may do, as a Vault ACL policy says it: request paths (without `/v1/`) to their
 * capabilities, each path exact or, ending in `*`, a prefix (vault: website/content/docs/concepts/policies.mdx).
 */
export type TokenPolicy = Record<string, ('read' | 'update')[]>;

export const VAULT_TOKEN = 'hvs.dct-sign-test-token-0123456789abcdef';
export const DENIED_TOKEN = 'hvs.dct-sign-denied-token-0000000000000';

export interface VaultServerOptions {
  mountPath?: string;
  /** When set, every call must carry `X-Vault-Namespace: <namespace>`. */
  namespace?: string;
  /** Serve HTTPS with this certificate (see vaultCertificate). */
  tls?: { keyFile: string; certFile: string };
}

export class VaultServer {
  readonly keys = new Map<string, TransitKey>();
  readonly calls: VaultCall[] = [];
  readonly tokens = new Map<string, TokenPolicy>([
    [VAULT_TOKEN, { '*': ['read', 'update'] }],
    [DENIED_TOKEN, {}],
  ]);
  /** A sealed Vault answers every call 503. */
  sealed = false;
  /** Misbehaviour, for the client's own checks: a signature labelled with another version, or made by another key. */
  tamper?: 'wrong-version' | 'other-key' | 'not-der';
  readonly mountPath: string;
  url = '';
  private server?: Server;

  constructor(private readonly options: VaultServerOptions = {}) {
    this.mountPath = options.mountPath ?? 'transit';
  }

  /** `vault write <mount>/keys/<name> type=<type>`, then `rotate` (versions - 1) times. */
  createKey(
    name: string,
    options: { type?: TransitKeyType; versions?: number; publicOnly?: boolean; minEncryptionVersion?: number } = {},
  ): TransitKey {
    const type = options.type ?? 'ecdsa-p256';
    const key: TransitKey = {
      name,
      type,
      versions: [],
      minEncryptionVersion: options.minEncryptionVersion ?? 0,
      publicOnly: options.publicOnly ?? false,
    };
    for (let i = 0; i < (options.versions ?? 1); i++) key.versions.push(newKey(type));
    this.keys.set(name, key);
    return key;
  }

  rotate(name: string): void {
    const key = this.keys.get(name)!;
    key.versions.push(newKey(key.type));
  }

  /** The latest version's public key, PEM (SPKI), as `vault read` shows it. */
  publicKeyPem(name: string, version?: number): string {
    const key = this.keys.get(name)!;
    return publicPem(key.versions[(version ?? key.versions.length) - 1]!);
  }

  async start(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
    };
    const tls = this.options.tls;
    this.server = tls
      ? createHttpsServer({ key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) }, handler)
      : createHttpServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const token = header(req, 'x-vault-token');
    const namespace = header(req, 'x-vault-namespace');
    const call: VaultCall = {
      method: req.method ?? 'GET',
      path,
      status: 0,
      tokenSent: token !== undefined,
      vaultRequestHeader: header(req, 'x-vault-request') === 'true',
      ...(namespace !== undefined ? { namespace } : {}),
    };
    this.calls.push(call);
    const reply = (status: number, value: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));
    };
    // Vault's error body (vault: sdk/logical/response_util.go RespondError); ACL failures are go-multierror text.
    const fail = (status: number, ...errors: string[]) => reply(status, { errors });
    const denied = (why: string[] = ['permission denied']) =>
      fail(
        403,
        why.length === 1
          ? `1 error occurred:\n\t* ${why[0]}\n\n`
          : `${why.length} errors occurred:\n${why.map((w) => `\t* ${w}`).join('\n')}\n\n`,
      );

    if (this.sealed) return fail(503, 'Vault is sealed');
    const policy = token ? this.tokens.get(token) : undefined;
    if (!token) return denied();
    if (!policy) return denied(['permission denied', 'invalid token']);
    // A token of one namespace means nothing in another.
    if ((this.options.namespace ?? '') !== (namespace ?? '').replace(/\/+$/, '')) return denied(['permission denied', 'invalid token']);

    // GET is a read, POST an update (vault: sdk/logical/request.go); the ACL sees the path after /v1/.
    const aclPath = path.replace(/^\/v1\//, '');
    if (!permits(policy, aclPath, req.method === 'GET' ? 'read' : 'update')) return denied();
    const prefix = `/v1/${this.mountPath}/`;
    const route = path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
    const keyRead = route !== undefined && req.method === 'GET' ? /^keys\/([^/]+)$/.exec(route) : null;
    const signCall = route !== undefined && req.method === 'POST' ? /^sign\/([^/]+)(?:\/([a-z0-9-]+))?$/.exec(route) : null;
    if (keyRead) {
      const key = this.keys.get(decodeURIComponent(keyRead[1]!));
      // A read of no key answers 404 with an empty errors list (vault: http/logical.go respondLogical).
      if (!key) return fail(404);
      return reply(200, {
        request_id: 'test',
        lease_id: '',
        renewable: false,
        lease_duration: 0,
        data: keyData(key),
        wrap_info: null,
        warnings: null,
        auth: null,
      });
    }
    if (signCall) return this.sign(decodeURIComponent(signCall[1]!), signCall[2] ?? 'sha2-256', body, call, reply, fail);
    const routed = route ?? path.replace(/^\/v1\//, '');
    return fail(404, `no handler for route "${routed}". route entry not found.`);
  }

  /** vault: builtin/logical/transit/path_sign_verify.go pathSignWrite and keysutil Policy.Sign, for ECDSA with asn1 marshaling. */
  private sign(
    name: string,
    algorithm: string,
    body: Buffer,
    call: VaultCall,
    reply: (status: number, value: unknown) => void,
    fail: (status: number, ...errors: string[]) => void,
  ): void {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return fail(400, 'failed to parse JSON input');
    }
    const input = typeof request.input === 'string' ? Buffer.from(request.input, 'base64') : Buffer.alloc(0);
    call.sign = {
      inputBytes: input.length,
      prehashed: request.prehashed,
      keyVersion: request.key_version,
      marshaling: request.marshaling_algorithm,
    };
    if (algorithm !== 'sha2-256') return fail(400, `invalid hash algorithm "${algorithm}"`);
    const key = this.keys.get(name);
    if (!key) return fail(400, 'encryption key not found');
    if (key.type === 'aes256-gcm96') return fail(400, `key type ${key.type} does not support signing`);
    const latest = key.versions.length;
    const version = typeof request.key_version === 'number' && request.key_version > 0 ? request.key_version : latest;
    if (version > latest) return fail(400, 'invalid key version');
    if (key.minEncryptionVersion > 0 && version < key.minEncryptionVersion) {
      return fail(400, 'requested version for signing is less than the minimum encryption key version');
    }
    if (key.publicOnly) return fail(400, 'requested version for signing does not contain a private part');
    if (key.type !== 'ecdsa-p256') return fail(400, 'this test server signs only with ecdsa-p256 keys');
    if (request.prehashed !== true || input.length !== 32) return fail(400, 'expected a prehashed 32-byte SHA-256 digest');
    if ((request.marshaling_algorithm ?? 'asn1') !== 'asn1')
      return fail(400, `invalid marshaling type "${String(request.marshaling_algorithm)}"`);
    const signer = this.tamper === 'other-key' ? newKey('ecdsa-p256') : key.versions[version - 1]!;
    const d = Buffer.from(signer.export({ format: 'jwk' }).d!, 'base64url');
    const der = this.tamper === 'not-der' ? Buffer.from('not a DER signature') : p256.sign(input, d, { prehash: false, format: 'der' });
    const label = this.tamper === 'wrong-version' ? version + 1 : version;
    return reply(200, { data: { signature: `vault:v${label}:${Buffer.from(der).toString('base64')}`, key_version: version } });
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function permits(policy: TokenPolicy, path: string, capability: 'read' | 'update'): boolean {
  return Object.entries(policy).some(
    ([pattern, capabilities]) =>
      capabilities.includes(capability) && (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern),
  );
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function newKey(type: TransitKeyType): KeyObject {
  switch (type) {
    case 'ecdsa-p256':
    case 'aes256-gcm96': // never exported or used to sign: just something to hold
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    case 'ecdsa-p384':
      return generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
    case 'rsa-2048':
      return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}

function publicPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** The `data` of a key read, shaped as vault: builtin/logical/transit/path_keys.go formatKeyPolicy writes it. */
function keyData(key: TransitKey): Record<string, unknown> {
  const created = '2025-01-01T00:00:00.000000000Z';
  const symmetric = key.type === 'aes256-gcm96';
  const curveName: Partial<Record<TransitKeyType, string>> = { 'ecdsa-p256': 'P-256', 'ecdsa-p384': 'P-384', 'rsa-2048': 'rsa-2048' };
  const keys = Object.fromEntries(
    key.versions.map((version, i) => [
      String(i + 1),
      symmetric ? 1735689600 : { name: curveName[key.type], public_key: publicPem(version), certificate_chain: '', creation_time: created },
    ]),
  );
  return {
    name: key.name,
    type: key.type,
    derived: false,
    deletion_allowed: false,
    exportable: false,
    allow_plaintext_backup: false,
    keys,
    latest_version: key.versions.length,
    min_available_version: 0,
    min_decryption_version: 1,
    min_encryption_version: key.minEncryptionVersion,
    supports_encryption: symmetric || key.type === 'rsa-2048',
    supports_decryption: symmetric || key.type === 'rsa-2048',
    supports_derivation: symmetric,
    supports_signing: !symmetric,
    auto_rotate_period: 0,
    imported_key: key.publicOnly,
    ...(key.publicOnly ? { imported_key_allow_rotation: false } : {}),
  };
}

/**
 * A throwaway CA and a server certificate for 127.0.0.1 and `names` (a Vault on loopback over
 * HTTPS, and the public-looking names a routing proxy sends to it), as PEM files in `dir`.
 */
export function vaultCertificate(dir: string, names: string[] = []): { caFile: string; keyFile: string; certFile: string } {
  const run = (args: string[]) => execSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'vault-ca.key']);
  run(['req', '-x509', '-new', '-key', 'vault-ca.key', '-subj', '/CN=dct-sign test Vault CA', '-days', '2', '-out', 'vault-ca.crt']);
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'vault-server.key']);
  run(['req', '-new', '-key', 'vault-server.key', '-subj', '/CN=vault', '-out', 'vault-server.csr']);
  writeFileSync(join(dir, 'vault-server.ext'), `subjectAltName=${['IP:127.0.0.1', ...names.map((n) => `DNS:${n}`)].join(',')}\n`);
  run([
    'x509',
    '-req',
    '-in',
    'vault-server.csr',
    '-CA',
    'vault-ca.crt',
    '-CAkey',
    'vault-ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'vault-server.ext',
    '-out',
    'vault-server.crt',
  ]);
  return { caFile: join(dir, 'vault-ca.crt'), keyFile: join(dir, 'vault-server.key'), certFile: join(dir, 'vault-server.crt') };
}
