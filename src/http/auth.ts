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
  /**
   * An OAuth2 refresh token to trade for access tokens (the docker config's `identitytoken`, which
   * `az acr login` and `docker login` with an Entra token write). When present it is what the token
   * exchange sends, as docker does; `password` is then unused.
   */
  identityToken?: string;
}

/**
 * The user name that stands for "the password is a refresh token": Azure Container Registry's
 * (`az acr login --expose-token`), and what `az acr login` writes beside an `identitytoken`.
 */
export const TOKEN_USER_ACR = '00000000-0000-0000-0000-000000000000';
/** A credential helper's user name meaning "the secret is an identity token" (docker/cli: cli/config/credentials/native_store.go tokenUsername). */
export const TOKEN_USER_HELPER = '<token>';

/** Credentials whose password is a refresh token (the ACR zero user) become an identity token, as docker login turns them into one. */
export function withIdentityToken(credentials: Credentials): Credentials {
  if (credentials.identityToken || credentials.username !== TOKEN_USER_ACR || !credentials.password) return credentials;
  return { username: credentials.username, password: '', identityToken: credentials.password };
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

/** The scopes to ask for: the challenge's, and ours when it names another. */
export function tokenScopes(params: Record<string, string>, scope: string | undefined): string[] {
  return [...new Set([params.scope, scope].filter((x): x is string => !!x))];
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
  for (const s of tokenScopes(params, scope)) url.searchParams.append('scope', s);
  if (credentials && !credentials.identityToken) url.searchParams.set('account', credentials.username);
  return url;
}

/** The OAuth2 client ID the token exchange names (a required field: distribution docs/spec/auth/oauth.md). */
export const OAUTH_CLIENT_ID = 'dct-sign';

/**
 * The form of an OAuth2 token request (distribution docs/spec/auth/oauth.md, as docker sends it:
 * distribution registry/client/auth/session.go fetchTokenWithOAuth): the refresh-token grant for an
 * identity token, else the password grant; scopes space-separated.
 */
export function oauthTokenForm(params: Record<string, string>, scope: string | undefined, credentials: Credentials): string {
  const form = new URLSearchParams();
  form.set('scope', tokenScopes(params, scope).join(' '));
  if (params.service) form.set('service', params.service);
  form.set('client_id', OAUTH_CLIENT_ID);
  if (credentials.identityToken) {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', credentials.identityToken);
  } else {
    form.set('grant_type', 'password');
    form.set('username', credentials.username);
    form.set('password', credentials.password);
  }
  return form.toString();
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
