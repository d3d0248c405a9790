import { createPublicKey, generateKeyPairSync, randomBytes, verify as verifySignature, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { crc32c } from '../../src/util/crc32c.js';
import { testCertificate, type RoutingProxy } from './routing-proxy.js';

/**
 * Google's endpoints for tests (Cloud KMS has no emulator): one HTTPS server, reached through
 * RoutingProxy under the public names, that speaks
 * - Cloud KMS REST v1: `GET <version>/publicKey`, `POST <version>:asymmetricSign` with real keys,
 *   CRC32C fields, and the API's error shapes (AIP-193);
 * - STS `POST /v1/token` (RFC 8693 token exchange), checking the audience and the subject token;
 * - IAM Credentials `generateAccessToken` (service-account impersonation);
 * - OAuth `POST /token`: the JWT-bearer grant of a service-account key (signature checked with the
 *   account's public key) and the refresh-token grant of gcloud's user ADC;
 * - the GitHub Actions OIDC token endpoint that google-github-actions/auth's file names.
 * Every KMS call needs `Authorization: Bearer` with a token issued here.
 */
export const GOOGLE_HOSTS = {
  kms: 'cloudkms.googleapis.com',
  sts: 'sts.googleapis.com',
  iam: 'iamcredentials.googleapis.com',
  oauth: 'oauth2.googleapis.com',
  oidc: 'pipelines.actions.githubusercontent.com',
} as const;

export type KmsAlgorithm = 'EC_SIGN_P256_SHA256' | 'EC_SIGN_P384_SHA384' | 'RSA_SIGN_PKCS1_2048_SHA256';

interface KmsKeyVersion {
  name: string;
  algorithm: KmsAlgorithm;
  privateKey: KeyObject;
  state: 'ENABLED' | 'DISABLED';
  denied: boolean;
}

export interface GoogleCall {
  host: string;
  method: string;
  path: string;
  status: number;
  /** The identity the bearer token belonged to (KMS calls). */
  identity?: string;
}

export class GcpKmsServer {
  readonly project = 'dct-test-project';
  readonly location = 'global';
  readonly keyRing = 'dct';
  readonly keys = new Map<string, KmsKeyVersion>();
  readonly calls: GoogleCall[] = [];
  /** The workload identity pool provider, as google-github-actions/auth writes it. */
  readonly audience = '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/dct-sign';
  readonly principal =
    'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/subject/repo:acme/app:ref:refs/heads/main';
  /** The GitHub OIDC token STS accepts (JWT-shaped; STS here compares it, it does not parse it). */
  subjectToken = jwtShaped({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:acme/app:ref:refs/heads/main' });
  /** ACTIONS_ID_TOKEN_REQUEST_TOKEN, which the OIDC endpoint wants as its bearer. */
  readonly oidcRequestToken = `oidc-request-${randomBytes(12).toString('hex')}`;
  readonly serviceAccount = {
    email: `dct-signer@dct-test-project.iam.gserviceaccount.com`,
    keyId: randomBytes(20).toString('hex'),
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }),
  };
  /** Service accounts the federated principal (and the gcloud user) may impersonate. */
  readonly impersonable = new Set([this.serviceAccount.email]);
  readonly user = {
    clientId: '764086051850-dcttest.apps.googleusercontent.com',
    clientSecret: `d-${randomBytes(12).toString('hex')}`,
    refreshToken: `1//${randomBytes(24).toString('hex')}`,
  };
  /** Every access token issued, by the identity it stands for; the tests check that none is printed. */
  readonly accessTokens = new Map<string, string>();
  /** Answers to spoil, each counted down per answer: checksums, the name, the signing key. */
  readonly faults = { pemCrc32c: 0, signatureCrc32c: 0, unverifiedDigest: 0, otherName: 0, otherKey: 0 };
  /** Hosts whose requests are accepted and never answered (deadline tests). */
  readonly silentHosts = new Set<string>();
  caFile = '';
  port = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  /** Starts on 127.0.0.1 with a test CA (in `dir`) and a certificate for every Google host. */
  async start(dir: string): Promise<void> {
    const cert = testCertificate(dir, Object.values(GOOGLE_HOSTS));
    this.caFile = cert.caFile;
    this.server = createServer({ key: readFileSync(cert.keyFile), cert: readFileSync(cert.certFile) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /** Sends every Google host through `proxy` to this server. */
  routeThrough(proxy: RoutingProxy): void {
    for (const host of Object.values(GOOGLE_HOSTS)) proxy.route(host, this.port);
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A key version; its `gcpkms://` URI is returned. */
  createKey(
    options: { key?: string; version?: number; algorithm?: KmsAlgorithm; state?: 'ENABLED' | 'DISABLED'; denied?: boolean } = {},
  ): string {
    const key = options.key ?? `k-${randomBytes(4).toString('hex')}`;
    const name = `projects/${this.project}/locations/${this.location}/keyRings/${this.keyRing}/cryptoKeys/${key}/cryptoKeyVersions/${options.version ?? 1}`;
    const algorithm = options.algorithm ?? 'EC_SIGN_P256_SHA256';
    const privateKey =
      algorithm === 'RSA_SIGN_PKCS1_2048_SHA256'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : generateKeyPairSync('ec', { namedCurve: algorithm === 'EC_SIGN_P384_SHA384' ? 'secp384r1' : 'prime256v1' }).privateKey;
    this.keys.set(name, { name, algorithm, privateKey, state: options.state ?? 'ENABLED', denied: options.denied ?? false });
    return `gcpkms://${name}`;
  }

  /** The key version's public key as PEM (what `gcloud kms keys versions get-public-key` writes). */
  publicKeyPem(uri: string): string {
    const key = this.keys.get(uri.replace('gcpkms://', ''));
    if (!key) throw new Error(`no key ${uri}`);
    return createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  /**
   * The workload identity federation file google-github-actions/auth writes: the subject token
   * from the OIDC endpoint (`url`, the action's form) or from a file (`file`), optionally
   * impersonating the service account. Written into `dir`; returns its path.
   */
  externalAccountFile(dir: string, options: { source: 'url' | 'file'; impersonate?: string; subjectToken?: string }): string {
    const tokenFile = join(dir, 'oidc-token');
    writeFileSync(tokenFile, options.subjectToken ?? this.subjectToken, { mode: 0o600 });
    const credentialSource =
      options.source === 'url'
        ? {
            url: `https://${GOOGLE_HOSTS.oidc}/abc123/_apis/distributedtask/hubs/Actions/plans/p/jobs/j/idtoken?api-version=2.0&audience=${encodeURIComponent(`https:${this.audience}`)}`,
            headers: { Authorization: `Bearer ${this.oidcRequestToken}` },
            format: { type: 'json', subject_token_field_name: 'value' },
          }
        : { file: tokenFile };
    const file = join(dir, `gha-creds-${randomBytes(6).toString('hex')}.json`);
    const config = {
      type: 'external_account',
      audience: this.audience,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `https://${GOOGLE_HOSTS.sts}/v1/token`,
      credential_source: credentialSource,
      ...(options.impersonate
        ? {
            service_account_impersonation_url: `https://${GOOGLE_HOSTS.iam}/v1/projects/-/serviceAccounts/${options.impersonate}:generateAccessToken`,
          }
        : {}),
    };
    writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
    return file;
  }

  /** A service-account key file, as `gcloud iam service-accounts keys create` writes it. */
  serviceAccountKeyFile(dir: string): string {
    const file = join(dir, 'sa-key.json');
    const config = {
      type: 'service_account',
      project_id: this.project,
      private_key_id: this.serviceAccount.keyId,
      private_key: this.serviceAccount.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: this.serviceAccount.email,
      client_id: '111111111111111111111',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: `https://${GOOGLE_HOSTS.oauth}/token`,
    };
    writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
    return file;
  }

  /** gcloud's user ADC, `~/.config/gcloud/application_default_credentials.json` (`gcloud auth application-default login`). */
  authorizedUserJson(): string {
    return JSON.stringify({
      type: 'authorized_user',
      client_id: this.user.clientId,
      client_secret: this.user.clientSecret,
      refresh_token: this.user.refreshToken,
      quota_project_id: this.project,
    });
  }

  /** gcloud's ADC after `gcloud auth application-default login --impersonate-service-account=<email>`. */
  impersonatedUserJson(email: string): string {
    return JSON.stringify({
      type: 'impersonated_service_account',
      service_account_impersonation_url: `https://${GOOGLE_HOSTS.iam}/v1/projects/-/serviceAccounts/${email}:generateAccessToken`,
      source_credentials: JSON.parse(this.authorizedUserJson()) as unknown,
      delegates: [],
    });
  }

  /** Every secret this server knows or issued: none may appear in any output. */
  secrets(): string[] {
    return [this.subjectToken, this.oidcRequestToken, this.user.clientSecret, this.user.refreshToken, ...this.accessTokens.keys()];
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host}`);
    const call: GoogleCall = { host, method: req.method ?? 'GET', path: url.pathname, status: 0 };
    this.calls.push(call);
    if (this.silentHosts.has(host)) return;
    const reply = (status: number, value: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(value));
    };
    switch (host) {
      case GOOGLE_HOSTS.kms:
        return this.kms(req, url, body, reply, call);
      case GOOGLE_HOSTS.sts:
        return this.sts(req, url, body, reply);
      case GOOGLE_HOSTS.iam:
        return this.impersonate(req, url, body, reply);
      case GOOGLE_HOSTS.oauth:
        return this.oauth(req, url, body, reply);
      case GOOGLE_HOSTS.oidc:
        return this.oidc(req, url, reply);
      default:
        return reply(404, { error: { code: 404, message: `no such host ${host}`, status: 'NOT_FOUND' } });
    }
  }

  private issue(identity: string): string {
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(token, identity);
    return token;
  }

  private identityOf(req: IncomingMessage): string | undefined {
    const m = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''));
    return m ? this.accessTokens.get(m[1]!) : undefined;
  }

  /** STS token exchange (sts.googleapis.com/v1/token; RFC 8693). */
  private sts(req: IncomingMessage, url: URL, body: Buffer, reply: Reply): void {
    if (req.method !== 'POST' || url.pathname !== '/v1/token') return reply(404, { error: 'not_found' });
    const form = new URLSearchParams(body.toString('utf8'));
    const invalid = (description: string) => reply(400, { error: 'invalid_grant', error_description: description });
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange')
      return reply(400, { error: 'unsupported_grant_type', error_description: 'expected token exchange' });
    if (form.get('requested_token_type') !== 'urn:ietf:params:oauth:token-type:access_token')
      return reply(400, { error: 'invalid_request', error_description: 'requested_token_type must be access_token' });
    if (form.get('subject_token_type') !== 'urn:ietf:params:oauth:token-type:jwt')
      return invalid('subject_token_type must be urn:ietf:params:oauth:token-type:jwt');
    if (form.get('audience') !== this.audience) return invalid('The audience does not match a workload identity pool provider.');
    if (form.get('subject_token') !== this.subjectToken) return invalid('The given credential is rejected by the attribute condition.');
    if (!(form.get('scope') ?? '').split(' ').some((s) => s.endsWith('/auth/cloudkms') || s.endsWith('/auth/cloud-platform')))
      return reply(400, { error: 'invalid_scope', error_description: 'no usable scope' });
    reply(200, {
      access_token: this.issue(this.principal),
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: 3599,
    });
  }

  /** IAM Credentials generateAccessToken: the federated principal impersonates a service account. */
  private impersonate(req: IncomingMessage, url: URL, body: Buffer, reply: Reply): void {
    const m = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(url.pathname);
    if (req.method !== 'POST' || !m) return reply(404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    const identity = this.identityOf(req);
    if (identity !== this.principal && identity !== USER_IDENTITY)
      return reply(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    const email = decodeURIComponent(m[1]!);
    if (!this.impersonable.has(email)) {
      return reply(403, {
        error: {
          code: 403,
          message: `Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).`,
          status: 'PERMISSION_DENIED',
        },
      });
    }
    const request = parseJson(body);
    if (!isRecord(request) || !Array.isArray(request.scope) || request.scope.length === 0)
      return reply(400, { error: { code: 400, message: 'scope is required', status: 'INVALID_ARGUMENT' } });
    reply(200, { accessToken: this.issue(email), expireTime: new Date(Date.now() + 3600_000).toISOString() });
  }

  /** The OAuth token endpoint: a service account's signed JWT, or a user's refresh token. */
  private oauth(req: IncomingMessage, url: URL, body: Buffer, reply: Reply): void {
    if (req.method !== 'POST' || url.pathname !== '/token') return reply(404, { error: 'not_found' });
    const form = new URLSearchParams(body.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const problem = this.checkAssertion(form.get('assertion') ?? '');
      if (problem) return reply(400, { error: 'invalid_grant', error_description: problem });
      return reply(200, { access_token: this.issue(this.serviceAccount.email), expires_in: 3599, token_type: 'Bearer' });
    }
    if (grant === 'refresh_token') {
      if (form.get('client_id') !== this.user.clientId || form.get('client_secret') !== this.user.clientSecret)
        return reply(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      if (form.get('refresh_token') !== this.user.refreshToken)
        return reply(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      return reply(200, { access_token: this.issue(USER_IDENTITY), expires_in: 3599, token_type: 'Bearer' });
    }
    reply(400, { error: 'unsupported_grant_type', error_description: `grant_type ${grant ?? ''}` });
  }

  /** RS256 JWT of the service account (RFC 7523): signature, issuer, audience, expiry and scope. */
  private checkAssertion(assertion: string): string | undefined {
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature) return 'the assertion is not a JWT';
    const decoded = parseJson(Buffer.from(header, 'base64url'));
    if (!isRecord(decoded) || decoded.alg !== 'RS256') return 'the assertion is not RS256';
    const signed = verifySignature(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      this.serviceAccount.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!signed) return 'Invalid JWT Signature.';
    const claims = parseJson(Buffer.from(payload, 'base64url'));
    if (!isRecord(claims)) return 'the claims are not JSON';
    if (claims.iss !== this.serviceAccount.email) return 'Invalid issuer';
    if (claims.aud !== `https://${GOOGLE_HOSTS.oauth}/token`) return 'Invalid audience';
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return 'Invalid JWT: Token must be a short-lived token';
    const scope = typeof claims.scope === 'string' ? claims.scope : Array.isArray(claims.scope) ? claims.scope.join(' ') : '';
    if (!/\/auth\/(cloudkms|cloud-platform)\b/.test(scope)) return 'no usable scope';
    return undefined;
  }

  /** The GitHub Actions OIDC endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): `{"value": <JWT>}`. */
  private oidc(req: IncomingMessage, url: URL, reply: Reply): void {
    if (req.headers.authorization !== `Bearer ${this.oidcRequestToken}`) return reply(401, { message: 'Bad credentials' });
    if (!url.pathname.endsWith('/idtoken')) return reply(404, { message: 'not found' });
    reply(200, { count: this.subjectToken.length, value: this.subjectToken });
  }

  private kms(req: IncomingMessage, url: URL, body: Buffer, reply: Reply, call: GoogleCall): void {
    const fail = (code: number, status: string, message: string) => reply(code, { error: { code, message, status } });
    const m =
      /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+\/cryptoKeyVersions\/[^/:]+)(\/publicKey|:asymmetricSign)$/.exec(
        url.pathname,
      );
    if (!m) return fail(404, 'NOT_FOUND', `no method at ${url.pathname}`);
    const [, name, method] = m;
    const identity = this.identityOf(req);
    if (!identity) {
      return fail(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    call.identity = identity;
    const key = this.keys.get(name!);
    const permission = method === '/publicKey' ? 'viewPublicKey' : 'useToSign';
    if (key?.denied)
      return fail(
        403,
        'PERMISSION_DENIED',
        `Permission 'cloudkms.cryptoKeyVersions.${permission}' denied on resource '${name}' (or it may not exist).`,
      );
    if (!key) return fail(404, 'NOT_FOUND', `${name} not found.`);
    if (key.state !== 'ENABLED') return fail(400, 'FAILED_PRECONDITION', `${name} is not enabled, current state is: ${key.state}.`);
    const answerName = this.spoil('otherName') ? `${name!.replace(/\/\d+$/, '')}/99` : name!;
    if (method === '/publicKey' && req.method === 'GET') {
      const pem = createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString();
      const pemCrc32c = crc32c(Buffer.from(pem)) ^ (this.spoil('pemCrc32c') ? 1 : 0);
      return reply(200, { pem, algorithm: key.algorithm, pemCrc32c: String(pemCrc32c >>> 0), name: answerName, protectionLevel: 'HSM' });
    }
    if (method === ':asymmetricSign' && req.method === 'POST') {
      const request = parseJson(body);
      const digest =
        isRecord(request) && isRecord(request.digest) && typeof request.digest.sha256 === 'string' ? request.digest.sha256 : '';
      const bytes = Buffer.from(digest, 'base64');
      if (bytes.length !== 32 || key.algorithm !== 'EC_SIGN_P256_SHA256')
        return fail(400, 'INVALID_ARGUMENT', 'Digest type does not match the algorithm of the key version.');
      const checksum = isRecord(request) ? request.digestCrc32c : undefined;
      if (checksum !== undefined && checksum !== String(crc32c(bytes)))
        return fail(400, 'INVALID_ARGUMENT', 'The checksum in field digest_crc32c did not match the data in field digest.');
      const signingKey = this.spoil('otherKey') ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey : key.privateKey;
      const d = Buffer.from(signingKey.export({ format: 'jwk' }).d!, 'base64url');
      const signature = p256.sign(bytes, d, { prehash: false, format: 'der' });
      const signatureCrc32c = crc32c(signature) ^ (this.spoil('signatureCrc32c') ? 1 : 0);
      return reply(200, {
        signature: Buffer.from(signature).toString('base64'),
        signatureCrc32c: String(signatureCrc32c >>> 0),
        // proto3 JSON leaves out a false bool, as Google's front end does.
        ...(checksum !== undefined && !this.spoil('unverifiedDigest') ? { verifiedDigestCrc32c: true } : {}),
        name: answerName,
        protectionLevel: 'HSM',
      });
    }
    fail(405, 'INVALID_ARGUMENT', `${req.method ?? ''} not allowed`);
  }

  /** Whether the next answer spoils this field (counted down). */
  private spoil(fault: keyof GcpKmsServer['faults']): boolean {
    if (this.faults[fault] <= 0) return false;
    this.faults[fault]--;
    return true;
  }
}

type Reply = (status: number, value: unknown) => void;

/** Who gcloud's user credential stands for. */
export const USER_IDENTITY = 'user:dev@example.com';

function jwtShaped(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ ...claims, jti: randomBytes(8).toString('hex') })}.${randomBytes(64).toString('base64url')}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
