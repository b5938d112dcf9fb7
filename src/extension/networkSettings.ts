// VS Code's own network settings (http.proxy, http.proxyStrictSSL, http.noProxy) as the engine's NetworkOptions.
// Pure (no `vscode` import) so the parsing is unit-tested; a bad value is reported once and ignored.
import { isEngineError } from '../engine/errors';
import { Network, type NetworkOptions } from '../engine/feed/network';

export interface ParsedNetworkSettings {
  network: NetworkOptions;
  problems: string[];
}

/** `get` reads one key of the `http` section (undefined when unset). */
export function parseNetworkSettings(get: (key: string) => unknown): ParsedNetworkSettings {
  const problems: string[] = [];
  const network: NetworkOptions = { strictSSL: true };
  const proxy = get('proxy');
  if (typeof proxy === 'string' && proxy.trim() !== '') {
    try {
      new Network({ proxyUrl: proxy }); // the engine's own check of the URL
      network.proxyUrl = proxy.trim();
    } catch (err) {
      problems.push(`http.proxy: ${isEngineError(err) ? err.message : String(err)}; using the environment's proxy (HTTPS_PROXY / HTTP_PROXY), if any.`);
    }
  } else if (proxy !== undefined && typeof proxy !== 'string') {
    problems.push(`http.proxy: ${JSON.stringify(proxy)} is not a string; using the environment's proxy, if any.`);
  }
  const strict = get('proxyStrictSSL');
  if (typeof strict === 'boolean') network.strictSSL = strict;
  else if (strict !== undefined) problems.push(`http.proxyStrictSSL: ${JSON.stringify(strict)} is not true or false; using true.`);
  const noProxy = get('noProxy');
  if (Array.isArray(noProxy)) {
    const hosts = noProxy.filter((h): h is string => typeof h === 'string' && h.trim() !== '');
    if (hosts.length !== noProxy.length) problems.push('http.noProxy: entries that are not host names were ignored.');
    if (hosts.length > 0) network.noProxy = hosts;
  } else if (noProxy !== undefined) {
    problems.push(`http.noProxy: ${JSON.stringify(noProxy)} is not a list of hosts; ignored.`);
  }
  return { network, problems };
}
