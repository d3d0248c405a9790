/**
 * The token issuer process (see token-server.ts): `tsx token-server-main.ts DIR USER PASSWORD ISSUER`.
 * Serves HTTPS with DIR/server.key and DIR/server.crt (the stack's certificate: a realm of an HTTPS
 * service is HTTPS too, as clients require). Writes its port to DIR/token.port and one JSON line per
 * request to DIR/token-requests.log.
 */
import { X509Certificate, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';

const [dir, username, password, issuer] = process.argv.slice(2) as [string, string, string, string];
const key = createPrivateKey(readFileSync(join(dir, 'token.key')));
const certDer = new X509Certificate(readFileSync(join(dir, 'token.crt'))).raw.toString('base64');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const tls = { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) };
const server = createServer(tls, (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const header = req.headers.authorization ?? '';
  const [user, pass] = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString().split(':') : [];
  const authorized = user === username && pass === password;
  const scopes = url.searchParams.getAll('scope');
  appendFileSync(
    join(dir, 'token-requests.log'),
    `${JSON.stringify({ scope: scopes, account: url.searchParams.get('account'), authorized })}\n`,
  );
  if (!authorized) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
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
    aud: url.searchParams.get('service'),
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(8).toString('hex'),
    access,
  };
  const payload = `${b64({ typ: 'JWT', alg: 'ES256', x5c: [certDer] })}.${b64(claims)}`;
  const token = `${payload}.${sign('sha256', Buffer.from(payload), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  writeFileSync(join(dir, 'token.port'), String(typeof address === 'object' && address ? address.port : 0));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
