// How REST and the WebSocket reach Binance: directly or through an HTTP(S) proxy (CONNECT tunnel by
// https-proxy-agent). The extension passes VS Code's http.proxy / http.noProxy / http.proxyStrictSSL; when no
// proxy is set, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply (as VS Code itself does).
import type { Agent } from 'http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { EngineError } from '../errors';

export interface NetworkOptions {
  /** Proxy URL, http:// or https:// (a bare host:port means http://). Empty or absent: the environment's. */
  proxyUrl?: string;
  /**
   * Verify TLS certificates on proxied connections: the proxy's (https://) and Binance's seen through the
   * tunnel (false for TLS-inspecting corporate proxies). Direct connections are always verified. Default true.
   */
  strictSSL?: boolean;
  /** Hosts reached directly (NO_PROXY syntax: `host`, `host:port`, `.suffix`, `*.suffix`, `*`), added to NO_PROXY. */
  noProxy?: readonly string[];
}

/** What a request to one URL uses: the proxy agent (undefined: direct) and the TLS verification. */
export interface Route {
  proxyUrl: string | undefined;
  agent: Agent | undefined;
  rejectUnauthorized: boolean;
}

type Env = Record<string, string | undefined>;

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** True when `url`'s host is listed in `entries` (curl's NO_PROXY rules: exact, suffix with . or *., optional port, * for all). */
export function bypassesProxy(url: URL, entries: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  return entries
    .flatMap((e) => e.split(/[\s,]+/))
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry); // an IPv6 address takes a port only in brackets
      if (withPort && Number(withPort[2]) !== port) return false;
      const name = (withPort ? withPort[1] : entry).replace(/^\[|\]$/g, '');
      if (name.startsWith('*.') || name.startsWith('.')) {
        const suffix = name.replace(/^\*/, '');
        return host.endsWith(suffix) || host === suffix.slice(1);
      }
      return host === name;
    });
}

function normaliseProxyUrl(raw: string, origin: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  // Messages never show the proxy's credentials (user:password@).
  const shown = JSON.stringify(raw.replace(/\/\/[^/@]*@/, '//…@'));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EngineError('BAD_ARGUMENT', `Proxy ${shown} (${origin}) is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EngineError('BAD_ARGUMENT', `Proxy ${shown} (${origin}): only http:// and https:// proxies are supported`);
  }
  return url.href;
}

/** The proxy for `target` (undefined: connect directly), from the options, else the environment. */
export function proxyFor(target: URL, options: NetworkOptions = {}, env: Env = process.env): string | undefined {
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const configured = options.proxyUrl?.trim();
  const fromEnv = secure
    ? env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY
    : env.http_proxy || env.HTTP_PROXY;
  const raw = configured || fromEnv?.trim();
  if (!raw) return undefined;
  if (bypassesProxy(target, [...(options.noProxy ?? []), env.no_proxy || env.NO_PROXY || ''])) return undefined;
  return normaliseProxyUrl(raw, configured ? 'http.proxy' : 'environment');
}

/** Routes of one network configuration; one agent per proxy, reused by every request through it. */
export class Network {
  private readonly agents = new Map<string, Agent>();

  constructor(
    readonly options: NetworkOptions = {},
    private readonly env: Env = process.env,
  ) {
    // A malformed proxy is reported when the configuration is made, not on the first request.
    if (options.proxyUrl?.trim()) normaliseProxyUrl(options.proxyUrl.trim(), 'http.proxy');
  }

  routeFor(url: string): Route {
    const proxyUrl = proxyFor(new URL(url), this.options, this.env);
    if (proxyUrl === undefined) return { proxyUrl, agent: undefined, rejectUnauthorized: true };
    const rejectUnauthorized = this.options.strictSSL ?? true;
    let agent = this.agents.get(proxyUrl);
    if (!agent) this.agents.set(proxyUrl, (agent = new HttpsProxyAgent(proxyUrl, { rejectUnauthorized })));
    return { proxyUrl, agent, rejectUnauthorized };
  }
}

/** Same configuration (the desk rebuilds its clients only when it changes). */
export function sameNetwork(a: NetworkOptions | undefined, b: NetworkOptions | undefined): boolean {
  return (
    (a?.proxyUrl?.trim() ?? '') === (b?.proxyUrl?.trim() ?? '') &&
    (a?.strictSSL ?? true) === (b?.strictSSL ?? true) &&
    (a?.noProxy ?? []).join(',') === (b?.noProxy ?? []).join(',')
  );
}
