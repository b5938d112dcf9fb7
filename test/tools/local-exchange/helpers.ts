// Shared helpers of the exchange tests: a hand-made recording fixture, WebSocket and HTTP helpers.
import { mkdtempSync, writeFileSync, rmSync, readdirSync, existsSync } from 'fs';
import os from 'os';
import path from 'path';
import WebSocket from 'ws';

/** 2024-07-19T00:00:00Z, a multiple of 300000 ms. */
export const T0 = 1721347200000;

export interface FixtureTrade {
  symbol: string;
  id: number;
  time: number;
  price: string;
  qty: string;
  buyerIsMaker: boolean;
}

/** Writes trades as recording lines ("<ns> <combined frame>") plus one non-trade line readers skip. */
export function writeRecording(trades: readonly FixtureTrade[]): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qp-exchange-'));
  const lines = [`1721347199000000000 {"lastUpdateId":1,"bids":[],"asks":[]}`];
  for (const t of trades) {
    const data = `{"e":"trade","E":${t.time + 1},"T":${t.time},"s":"${t.symbol}","t":${t.id},"p":"${t.price}","q":"${t.qty}","X":"MARKET","m":${t.buyerIsMaker}}`;
    lines.push(`${t.time}000000 {"stream":"${t.symbol.toLowerCase()}@trade","data":${data}}`);
  }
  const file = path.join(dir, 'fixture.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The hand-made case: BTCUSDT ids 1001–1006 and ETHUSDT ids 501–503 within two seconds after T0. */
export const FIXTURE: FixtureTrade[] = [
  { symbol: 'BTCUSDT', id: 1001, time: T0 + 100, price: '60000.10', qty: '0.100', buyerIsMaker: false },
  { symbol: 'BTCUSDT', id: 1002, time: T0 + 100, price: '60000.10', qty: '0.200', buyerIsMaker: false },
  { symbol: 'BTCUSDT', id: 1003, time: T0 + 100, price: '60000.10', qty: '0.050', buyerIsMaker: true },
  { symbol: 'BTCUSDT', id: 1004, time: T0 + 100, price: '60000.20', qty: '1.000', buyerIsMaker: true },
  { symbol: 'BTCUSDT', id: 1005, time: T0 + 900, price: '60000.20', qty: '0.004', buyerIsMaker: true },
  { symbol: 'BTCUSDT', id: 1006, time: T0 + 61_000, price: '59990.00', qty: '0.010', buyerIsMaker: false },
  { symbol: 'ETHUSDT', id: 501, time: T0 + 200, price: '3400.01', qty: '1.000', buyerIsMaker: true },
  { symbol: 'ETHUSDT', id: 502, time: T0 + 200, price: '3400.01', qty: '2.500', buyerIsMaker: true },
  { symbol: 'ETHUSDT', id: 503, time: T0 + 1500, price: '3399.99', qty: '0.001', buyerIsMaker: false },
];

/** The real recordings in ../shared/data (skips the caller's suite when absent). */
export function sharedRecordings(): string[] {
  const dir = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /usdt_\d{8}\.gz$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export function openWs(url: string, options?: WebSocket.ClientOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Collects text messages for `ms`. */
export function collectFor(ws: WebSocket, ms: number): Promise<string[]> {
  const out: string[] = [];
  const onMessage = (data: WebSocket.RawData) => out.push(data.toString());
  ws.on('message', onMessage);
  return new Promise((resolve) =>
    setTimeout(() => {
      ws.off('message', onMessage);
      resolve(out);
    }, ms),
  );
}

/** The next message satisfying `accept`, or a rejection after `ms`. */
export function nextMessage(ws: WebSocket, accept: (text: string) => boolean = () => true, ms = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.off('message', onMessage);
      reject(new Error(`no matching message within ${ms} ms`));
    }, ms);
    const onMessage = (data: WebSocket.RawData) => {
      const text = data.toString();
      if (!accept(text)) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(text);
    };
    ws.on('message', onMessage);
  });
}

/** Sends a control message and waits for the reply carrying its id (or any reply without `result`). */
export function request(ws: WebSocket, body: string, id?: number): Promise<string> {
  const reply = nextMessage(ws, (t) => (id === undefined ? !t.includes('"stream"') && !t.includes('"e":') : t.includes(`"id":${id}`)));
  ws.send(body);
  return reply;
}

export function waitClose(ws: WebSocket, ms = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve({ code: 1006, reason: '' });
    const timer = setTimeout(() => reject(new Error('socket not closed in time')), ms);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

export async function getJson(url: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}
