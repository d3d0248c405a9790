import { describe, expect, it } from '@jest/globals';
import { bypassesProxy, proxyFor, shownProxy, type ProxySettings } from '../../src/http/proxy.js';

const url = (text: string) => new URL(text);

describe('NO_PROXY, with the rules curl and Go share', () => {
  it('matches a host and its subdomains, with or without a leading dot or *.', () => {
    expect(bypassesProxy(['example.com'], url('https://example.com/v2/'))).toBe(true);
    expect(bypassesProxy(['example.com'], url('https://registry.example.com/v2/'))).toBe(true);
    expect(bypassesProxy(['.example.com'], url('https://registry.example.com/'))).toBe(true);
    expect(bypassesProxy(['*.example.com'], url('https://a.b.example.com/'))).toBe(true);
    expect(bypassesProxy(['example.com'], url('https://notexample.com/'))).toBe(false);
    expect(bypassesProxy(['Example.COM'], url('https://REGISTRY.example.com/'))).toBe(true);
  });

  it('`*` exempts every host; empty entries and spaces are ignored', () => {
    expect(bypassesProxy(['*'], url('https://anything.test/'))).toBe(true);
    expect(bypassesProxy(['', ' '], url('https://anything.test/'))).toBe(false);
  });

  it('a port in the entry must match, the scheme’s default port counting', () => {
    expect(bypassesProxy(['notary.test:4443'], url('https://notary.test:4443/'))).toBe(true);
    expect(bypassesProxy(['notary.test:4443'], url('https://notary.test/'))).toBe(false);
    expect(bypassesProxy(['notary.test:443'], url('https://notary.test/'))).toBe(true);
    expect(bypassesProxy(['[::1]:5000'], url('http://[::1]:5000/'))).toBe(true);
  });

  it('IP addresses match exactly or by CIDR block; an address is never matched as a domain suffix', () => {
    expect(bypassesProxy(['127.0.0.1'], url('http://127.0.0.1:5000/'))).toBe(true);
    expect(bypassesProxy(['10.0.0.0/8'], url('https://10.20.30.40/'))).toBe(true);
    expect(bypassesProxy(['10.0.0.0/8'], url('https://11.0.0.1/'))).toBe(false);
    expect(bypassesProxy(['::1'], url('http://[::1]:5000/'))).toBe(true);
    expect(bypassesProxy(['fd00::/8'], url('https://[fd12::1]/'))).toBe(true);
    expect(bypassesProxy(['0.0.1'], url('https://10.0.0.1/'))).toBe(false);
    expect(bypassesProxy(['10.0.0.0/99'], url('https://10.0.0.1/'))).toBe(false);
  });
});

describe('the proxy a request goes through', () => {
  const settings: ProxySettings = {
    httpsProxy: url('http://user:pw@proxy.corp:3128'),
    httpProxy: url('http://proxy.corp:3129'),
    noProxy: ['.internal'],
  };

  it('by scheme, unless NO_PROXY exempts the host', () => {
    expect(proxyFor(settings, url('https://registry.example.com/v2/'))?.port).toBe('3128');
    expect(proxyFor(settings, url('http://registry.example.com/v2/'))?.port).toBe('3129');
    expect(proxyFor(settings, url('https://notary.internal/'))).toBeUndefined();
    expect(proxyFor({ noProxy: [] }, url('https://registry.example.com/'))).toBeUndefined();
  });

  it('is shown without the user and password it carries', () => {
    expect(shownProxy(settings.httpsProxy!)).toBe('http://proxy.corp:3128');
  });
});
