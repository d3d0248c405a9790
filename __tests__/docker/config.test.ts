import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerConfig } from '../../src/docker/config.js';
import { oauthTokenForm, withIdentityToken } from '../../src/http/auth.js';

const ZERO = '00000000-0000-0000-0000-000000000000';

function configWith(content: unknown): DockerConfig {
  const dir = mkdtempSync(join(tmpdir(), 'dct-config-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(content));
  return new DockerConfig(dir, { PATH: `${dir}:${process.env.PATH ?? ''}` });
}

describe('docker config: identity tokens, as az acr login and docker login write them', () => {
  it('an entry with the zero user, no password and an identitytoken gives that identity token', async () => {
    const config = configWith({
      auths: { 'contoso.azurecr.io': { auth: Buffer.from(`${ZERO}:`).toString('base64'), identitytoken: 'refresh-abc' } },
    });
    expect(await config.credentials('contoso.azurecr.io')).toEqual({ username: ZERO, password: '', identityToken: 'refresh-abc' });
  });

  it('an identitytoken wins over a password, as docker’s trust client uses it', async () => {
    const config = configWith({
      auths: { 'https://registry.example.com': { username: 'bot', password: 'pw', identitytoken: 'refresh-xyz' } },
    });
    expect(await config.credentials('registry.example.com')).toEqual({ username: 'bot', password: '', identityToken: 'refresh-xyz' });
  });

  it('a credential helper answering the <token> user name hands over an identity token', async () => {
    const config = configWith({ credsStore: 'dcttoken' });
    const dir = config.dir;
    const helper = join(dir, 'docker-credential-dcttoken');
    writeFileSync(
      helper,
      '#!/bin/sh\nread server\nprintf \'{"ServerURL":"%s","Username":"<token>","Secret":"refresh-helper"}\' "$server"\n',
    );
    chmodSync(helper, 0o755);
    expect(await config.credentials('contoso.azurecr.io')).toEqual({ username: '', password: '', identityToken: 'refresh-helper' });
  });
});

describe('the token exchange forms', () => {
  it('the zero user’s password is a refresh token; any other user keeps its password', () => {
    expect(withIdentityToken({ username: ZERO, password: 'tok' })).toEqual({ username: ZERO, password: '', identityToken: 'tok' });
    expect(withIdentityToken({ username: 'bot', password: 'pw' })).toEqual({ username: 'bot', password: 'pw' });
  });

  it('the refresh-token grant and the password grant, scopes space-separated (distribution docs/spec/auth/oauth.md)', () => {
    const params = { realm: 'https://r/oauth2/token', service: 'contoso.azurecr.io', scope: 'repository:a:pull' };
    const refresh = new URLSearchParams(
      oauthTokenForm(params, 'repository:a:push,pull', { username: '', password: '', identityToken: 'tok' }),
    );
    expect(Object.fromEntries(refresh)).toEqual({
      scope: 'repository:a:pull repository:a:push,pull',
      service: 'contoso.azurecr.io',
      client_id: 'dct-sign',
      grant_type: 'refresh_token',
      refresh_token: 'tok',
    });
    const password = new URLSearchParams(oauthTokenForm(params, undefined, { username: 'bot', password: 'p&w=1' }));
    expect(password.get('grant_type')).toBe('password');
    expect(password.get('username')).toBe('bot');
    expect(password.get('password')).toBe('p&w=1');
    expect(password.get('scope')).toBe('repository:a:pull');
  });
});
