// A minimal Binance-like WebSocket + REST server on 127.0.0.1 for feed tests that must script every frame.
import { createServer, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TinyConnection {
  ws: WebSocket;
  url: string;
  received: unknown[];
  /** Arrival time (Date.now()) of each received message, index for index. */
  receivedAt: number[];
}

export interface TinyServer {
  wsBaseUrl: string;
  restBaseUrl: string;
  connections: TinyConnection[];
  restRequests: string[];
  /** Answers `/fapi/v1/aggTrades` (default: empty array). */
  aggTrades: (query: URLSearchParams) => unknown[];
  waitForConnection(count: number, timeoutMs?: number): Promise<TinyConnection>;
  close(): Promise<void>;
}

export function aggEvent(symbol: string, id: number): string {
  return JSON.stringify({
    stream: `${symbol.toLowerCase()}@aggTrade`,
    data: { e: 'aggTrade', E: 1_700_000_000_000 + id, a: id, s: symbol, p: `${100 + id}.5`, q: '0.010', nq: '0.010', f: id * 3, l: id * 3 + 2, T: 1_700_000_000_000 + id, m: id % 2 === 0 },
  });
}

export function aggRow(id: number): unknown {
  return { a: id, p: `${100 + id}.5`, q: '0.010', f: id * 3, l: id * 3 + 2, T: 1_700_000_000_000 + id, m: id % 2 === 0 };
}

export async function startTinyServer(): Promise<TinyServer> {
  const connections: TinyConnection[] = [];
  const restRequests: string[] = [];
  const http: Server = createServer((req, res: ServerResponse) => {
    restRequests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const body = url.pathname === '/fapi/v1/aggTrades' ? tiny.aggTrades(url.searchParams) : { code: -1, msg: 'not here' };
    res.writeHead(url.pathname === '/fapi/v1/aggTrades' ? 200 : 404, { 'content-type': 'application/json', 'X-MBX-USED-WEIGHT-1M': '20' });
    res.end(JSON.stringify(body));
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, req) => {
    const conn: TinyConnection = { ws, url: req.url ?? '', received: [], receivedAt: [] };
    ws.on('message', (data) => {
      conn.receivedAt.push(Date.now());
      conn.received.push(JSON.parse(data.toString()));
    });
    connections.push(conn);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const tiny: TinyServer = {
    wsBaseUrl: `ws://127.0.0.1:${port}`,
    restBaseUrl: `http://127.0.0.1:${port}`,
    connections,
    restRequests,
    aggTrades: () => [],
    waitForConnection: (count, timeoutMs = 3000) => waitFor(() => connections[count - 1], timeoutMs, `connection #${count}`),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return tiny;
}

/** Polls `probe` every 5 ms until it returns something truthy. */
export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
