import http, { type Agent, type ClientRequest } from 'node:http';
import https from 'node:https';
import { Agent as DelegatingAgent, type AgentConnectOpts } from 'agent-base';
import { BlockList, isIP } from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

/**
 * The proxy settings of a run, as the action layer reads them from `HTTPS_PROXY`, `HTTP_PROXY` and
 * `NO_PROXY` (either case). Every request dct-sign or a key store's SDK makes goes by them.
 */
export interface ProxySettings {
  /** For https:// requests (tunnelled with CONNECT). */
  httpsProxy?: URL;
  /** For http:// requests. */
  httpProxy?: URL;
  /** Hosts reached directly: `NO_PROXY`'s entries. */
  noProxy: string[];
}

export const NO_PROXY_SETTINGS: ProxySettings = { noProxy: [] };

/**
 * Whether `url` is exempt from the proxy, with the rules curl and Go's httpproxy share: `*` is
 * every host; `example.com` and `.example.com` match the host and its subdomains; an IP address or
 * CIDR block matches addresses; `host:port` needs the port too. Written here because
 * proxy-from-env, the usual library, reads process.env itself, which only the action layer does.
 */
export function bypassesProxy(noProxy: readonly string[], url: URL): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [entryHost, entryPort] = splitHostPort(entry);
    if (entryPort && entryPort !== port) continue;
    if (entryHost.includes('/')) {
      if (isIP(host) && inCidr(host, entryHost)) return true;
      continue;
    }
    const name = entryHost.replace(/^\*?\./, '');
    // An address matches only itself: 10.0.0.1 is no "subdomain" of 0.0.1.
    if (host === name || (!isIP(host) && !isIP(name) && host.endsWith(`.${name}`))) return true;
  }
  return false;
}

function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const m = /^([^:]+):(\d+)$/.exec(entry);
  return m ? [m[1]!, m[2]] : [entry, undefined];
}

function inCidr(address: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network ?? '');
  const prefix = Number(bits);
  if (!family || !Number.isInteger(prefix) || isIP(address) !== family) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network!, prefix, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The proxy a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(settings: ProxySettings, url: URL): URL | undefined {
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!proxy || bypassesProxy(settings.noProxy, url)) return undefined;
  return proxy;
}

/** A proxy URL for messages: scheme, host and port, never the user and password it may carry. */
export function shownProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/**
 * A CA for the target servers does not go here: the tunnel's TLS is made from each request's
 * options (https-proxy-agent: connect), so a client that needs one passes it on each request
 * (HttpClient's secureContext).
 */
export interface ProxyAgentOptions {
  keepAlive?: boolean;
  maxSockets?: number;
}

/**
 * The node:http(s) agent that sends requests for `target` through `proxy`: CONNECT for https (TLS
 * to the target inside the tunnel, so the target's certificate and our CAs apply as without a
 * proxy), the absolute-URI form for http. One library for our client and the AWS SDK's handler,
 * which both take node agents; it is the one Azure's and Google's SDKs use too.
 */
export function proxyAgent(proxy: URL, target: 'https:' | 'http:', options: ProxyAgentOptions = {}): Agent {
  const common = { keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 16 };
  return target === 'https:' ? new HttpsProxyAgent(proxy, common) : new HttpProxyAgent(proxy, common);
}

/**
 * One agent for a client whose hosts are not known in advance (an SDK's endpoint resolves inside
 * it): each connection goes through the proxy the settings pick for its host, or directly.
 */
export class ProxyRoutingAgent extends DelegatingAgent {
  private readonly agents = new Map<string, Agent>();

  constructor(
    private readonly settings: ProxySettings,
    private readonly agentOptions: ProxyAgentOptions = {},
  ) {
    super({ keepAlive: agentOptions.keepAlive ?? true });
  }

  connect(_request: ClientRequest, target: AgentConnectOpts): Agent {
    const protocol = target.secureEndpoint ? 'https:' : 'http:';
    const host = target.host ?? 'localhost';
    const url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}:${target.port}`);
    const proxy = proxyFor(this.settings, url);
    const key = `${protocol}|${proxy?.href ?? 'direct'}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const common = { keepAlive: this.agentOptions.keepAlive ?? true, maxSockets: this.agentOptions.maxSockets ?? 16 };
      agent = proxy
        ? proxyAgent(proxy, protocol, this.agentOptions)
        : protocol === 'https:'
          ? new https.Agent(common)
          : new http.Agent(common);
      this.agents.set(key, agent);
    }
    return agent;
  }

  override destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
    super.destroy();
  }
}
