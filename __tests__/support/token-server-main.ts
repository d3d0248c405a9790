/**
 * The token issuer process (see token-server.ts): `tsx token-server-main.ts DIR USER PASSWORD ISSUER REFRESH_TOKEN`.
 * GET with Basic auth (docs/spec/auth/token.md) and POST with the refresh-token and password grants
 * (docs/spec/auth/oauth.md); while DIR/oauth-only exists, GET answers 405, as an OAuth2-only server.
 * Serves HTTPS with DIR/server.key and DIR/server.crt (the stack's certificate: a realm of an HTTPS
 * service is HTTPS too, as clients require). Writes its port to DIR/token.port and one JSON line per
 * request to DIR/token-requests.log.
 */
import { X509Certificate, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { join } from 'node:path';

const [dir, username, password, issuer, refreshToken] = process.argv.slice(2) as [string, string, string, string, string];
const key = createPrivateKey(readFileSync(join(dir, 'token.key')));
const certDer = new X509Certificate(readFileSync(join(dir, 'token.crt'))).raw.toString('base64');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const tls = { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) };
interface Grant {
  method: string;
  grant: string;
  scopes: string[];
  service: string | null;
  account: string | null;
  authorized: boolean;
  clientId: string | null;
}

/** GET: Basic auth, scopes in the query. */
function getGrant(req: IncomingMessage, url: URL): Grant {
  const header = req.headers.authorization ?? '';
  const [user, pass] = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString().split(':') : [];
  return {
    method: 'GET',
    grant: 'basic',
    scopes: url.searchParams.getAll('scope'),
    service: url.searchParams.get('service'),
    account: url.searchParams.get('account'),
    authorized: user === username && pass === password,
    clientId: url.searchParams.get('client_id'),
  };
}

/** POST: a form with grant_type refresh_token or password; scopes space-separated. */
function postGrant(form: URLSearchParams): Grant {
  const grant = form.get('grant_type') ?? '';
  const authorized =
    grant === 'refresh_token'
      ? form.get('refresh_token') === refreshToken
      : grant === 'password' && form.get('username') === username && form.get('password') === password;
  return {
    method: 'POST',
    grant,
    scopes: (form.get('scope') ?? '').split(' ').filter(Boolean),
    service: form.get('service'),
    account: form.get('username'),
    authorized,
    clientId: form.get('client_id'),
  };
}

const server = createServer(tls, (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST') {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => answer(res, postGrant(new URLSearchParams(body))));
    return;
  }
  if (existsSync(join(dir, 'oauth-only'))) {
    appendFileSync(join(dir, 'token-requests.log'), `${JSON.stringify({ ...getGrant(req, url), authorized: false, refused: 405 })}\n`);
    res.writeHead(405).end();
    return;
  }
  answer(res, getGrant(req, url));
});

function answer(res: ServerResponse, request: Grant): void {
  const { scopes, authorized } = request;
  appendFileSync(
    join(dir, 'token-requests.log'),
    `${JSON.stringify({ scope: scopes, account: request.account, authorized, method: request.method, grant: request.grant, clientId: request.clientId })}\n`,
  );
  if (!authorized) {
    const status = request.method === 'POST' ? 400 : 401;
    res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"invalid_grant","errors":[{"code":"UNAUTHORIZED"}]}');
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  // `repository:<name>:<actions>`; the name may itself hold colons (127.0.0.1:5000/app).
  const access = scopes.flatMap((scope) => {
    const first = scope.indexOf(':');
    const last = scope.lastIndexOf(':');
    if (first < 0 || last <= first) return [];
    return [{ type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') }];
  });
  const claims = {
    iss: issuer,
    sub: username,
    aud: request.service,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(8).toString('hex'),
    access,
  };
  const payload = `${b64({ typ: 'JWT', alg: 'ES256', x5c: [certDer] })}.${b64(claims)}`;
  const token = `${payload}.${sign('sha256', Buffer.from(payload), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  const body =
    request.method === 'POST'
      ? { access_token: token, expires_in: 300, refresh_token: refreshToken }
      : { token, access_token: token, expires_in: 300 };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  writeFileSync(join(dir, 'token.port'), String(typeof address === 'object' && address ? address.port : 0));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
