// A fetch-compatible GET over Node's http/https modules, so that REST requests can go through the proxy agent
// of `Network` (the global fetch takes no http.Agent). Only what BinanceRest uses: GET, a signal, the Response.
import * as http from 'http';
import * as https from 'https';
import type { Network } from './network';

/** Statuses whose Response must have no body. */
const NULL_BODY = new Set([204, 205, 304]);

export function networkFetch(network: Network): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => get(String(input instanceof Request ? input.url : input), init?.signal ?? undefined, network)) as typeof fetch;
}

function get(url: string, signal: AbortSignal | undefined, network: Network): Promise<Response> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const { agent, rejectUnauthorized } = network.routeFor(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, { method: 'GET', agent, rejectUnauthorized, signal, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
        }
        const status = res.statusCode ?? 0;
        try {
          resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers }));
        } catch (err) {
          reject(err); // a status outside 200…599
        }
      });
    });
    request.on('error', reject);
    request.end();
  });
}
