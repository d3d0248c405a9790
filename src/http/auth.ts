import { HttpError } from '../errors.js';
import { shown } from './failures.js';

/** Registry/Notary auth challenges (docker/distribution registry/client/auth/challenge). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="https://auth",service="registry",scope="repository:a:pull"` (and Basic). */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  const out: Challenge[] = [];
  for (const value of values) {
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(value);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const p of m[2]!.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
      params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
    }
    out.push({ scheme: m[1]!.toLowerCase(), params });
  }
  return out;
}

export interface Credentials {
  username: string;
  password: string;
}

export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/**
 * The realm of a Bearer challenge to `request`, checked before anything is sent to it. The realm
 * may be another host, as docker allows (auth.docker.io issues tokens for registry-1.docker.io),
 * but an https request is never answered through a plain-http realm: that downgrade would put the
 * credentials on the network in the clear. An http realm for an http request (a loopback registry)
 * stays allowed. The realm's own text is not echoed: it is the server's, and may carry anything.
 */
export function tokenRealm(realm: string, request: URL): URL {
  const refuse = (realmName: string, why: string) =>
    new HttpError('HTTP_AUTH', `the token realm ${realmName}that ${request.origin} names ${why}`, shown(request));
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw refuse('', 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('', `is not an http(s) URL (${url.protocol})`);
  if (url.protocol === 'http:' && request.protocol === 'https:')
    throw refuse(`${url.origin} `, 'is not HTTPS: credentials for an HTTPS server are never sent over plain HTTP');
  return url;
}

/** docker/distribution token flow (docs/spec/auth/token.md): GET realm?service=&scope=&account=. */
export function tokenRequestUrl(
  realm: URL,
  params: Record<string, string>,
  scope: string | undefined,
  credentials: Credentials | undefined,
): URL {
  const url = new URL(realm);
  if (params.service) url.searchParams.set('service', params.service);
  for (const s of new Set([params.scope, scope].filter((x): x is string => !!x))) url.searchParams.append('scope', s);
  if (credentials) url.searchParams.set('account', credentials.username);
  return url;
}

/** The token of a token server's JSON answer (`token`, or OAuth2's `access_token`). */
export function tokenOf(body: Uint8Array, from: URL): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const token = fields.token ?? fields.access_token;
  if (typeof token !== 'string' || !token) throw new HttpError('HTTP_AUTH', `token response from ${from.origin} has no token`, shown(from));
  return token;
}
