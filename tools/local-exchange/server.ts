// Composition of the local exchange: tapes → replay → stream hub → client connections, and the REST API,
// on one HTTP server (REST and WebSocket upgrade on the same port) bound to 127.0.0.1.
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { WebSocketServer } from 'ws';
import { EngineError } from '../../src/engine/errors';
import { readRecordedTrades } from '../../src/engine/import/recording';
import type { ExchangeLimits, ExchangeOptions, FaultSwitches, LocalExchange } from './types';
import { RecordingTape, tradesBySymbol } from './recordingTape';
import { SyntheticPair } from './syntheticPair';
import { UniverseRest } from './universeServer';
import type { SyntheticUniverse } from './syntheticUniverse';
import type { SymbolTape } from './tape';
import { StreamHub } from './hub';
import { DeliveryFaults } from './deliveryFaults';
import { MarketFeed } from './marketFeed';
import { Replay } from './replay';
import { ClientConnection } from './connection';
import { parseWsPath } from './streams';
import { LISTED_SYMBOLS, specForUnlisted, wireDecimals, type SymbolSpec } from './exchangeInfo';
import { RestWeightLimiter } from './restLimiter';
import { RestFaults } from './restFaults';
import { Refusal } from './refusal';
import { countTraffic } from './traffic';
import { RestApi } from './rest';
import { newTradeView } from './tape';
import { BookTape, readBookEvents } from './bookTape';

export const BINANCE_LIMITS: Readonly<ExchangeLimits> = {
  maxIncomingPerSecond: 10,
  maxStreamsPerConnection: 200,
  pingIntervalMs: 3 * 60_000,
  pongTimeoutMs: 10 * 60_000,
  maxConnectionAgeMs: 24 * 3_600_000,
  restWeightPerMinute: 2400,
  restWindowMs: 60_000,
  restBanMs: 120_000,
};

/** Bars keep their boundaries when times move by whole multiples of this (the longest bar we build). */
export const SHIFT_UNIT_MS = 300_000;

interface RecordingData {
  tapes: RecordingTape[];
  /** Loads the recorded order-book streams (a second pass over the files, done only when first wanted). */
  loadBooks: () => Promise<BookTape[]>;
}

async function recordingTapes(files: readonly string[], loop: boolean, rebaseToNow: boolean): Promise<RecordingData> {
  if (files.length === 0) return { tapes: [], loadBooks: async () => [] };
  const trades = await readRecordedTrades(files);
  if (trades.length === 0) throw new EngineError('BAD_ARGUMENT', `No trade frames in ${files.join(', ')}`);
  const bySymbol = tradesBySymbol(trades);
  let first = Infinity;
  let last = -Infinity;
  for (const list of bySymbol.values()) {
    first = Math.min(first, list[0].time);
    last = Math.max(last, list[list.length - 1].time);
  }
  const loopShiftMs = loop ? Math.ceil((last - first + 1) / SHIFT_UNIT_MS) * SHIFT_UNIT_MS : 0;
  const timeShiftMs = rebaseToNow ? Math.floor((Date.now() - first) / SHIFT_UNIT_MS) * SHIFT_UNIT_MS : 0;
  const tapes = [...bySymbol.values()].map((list) => new RecordingTape(list, { timeShiftMs, loopShiftMs }));
  const loadBooks = async () =>
    [...(await readBookEvents(files))].map(([symbol, events]) => new BookTape(symbol, events, timeShiftMs, loopShiftMs));
  return { tapes, loadBooks };
}

function specsFor(tapes: readonly SymbolTape[]): SymbolSpec[] {
  const specs = [...LISTED_SYMBOLS];
  const sample = newTradeView();
  for (const tape of tapes) {
    if (specs.some((s) => s.symbol === tape.symbol)) continue;
    tape.readTrade(0, sample);
    specs.push(specForUnlisted(tape.symbol, sample.priceText, sample.qtyText));
  }
  return specs;
}

/**
 * The kline mounts (candle folders, a scan universe) as one more source of symbols beside the tapes: each symbol
 * has exactly one source, so a mount naming a traded symbol, or two mounts naming the same one, is refused.
 * The exchange's symbol table is the tapes' and the mounts' together; requests naming a mounted symbol go to
 * its mount, symbol-less ones (exchangeInfo, the all-symbol ticker) list every source.
 */
function mountKlines(
  klineMounts: readonly SyntheticUniverse[],
  tapes: readonly SymbolTape[],
  rebaseToNow: boolean,
  clockNow: () => number,
  limiter: RestWeightLimiter,
  weightPerMinute: number,
): UniverseRest | undefined {
  if (klineMounts.length === 0) return undefined;
  const traded = new Set(tapes.map((t) => t.symbol));
  for (const mount of klineMounts) {
    const both = mount.symbols.find((u) => traded.has(u.symbol));
    if (both) throw new EngineError('BAD_ARGUMENT', `${both.symbol} has trades on a tape and candles in a kline mount: one symbol has one source`);
  }
  return new UniverseRest(klineMounts, limiter, clockNow, weightPerMinute, rebaseToNow);
}

function checkOptions(options: ExchangeOptions): void {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new EngineError('BAD_ARGUMENT', `speed must be a positive number or Infinity, got ${speed}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EngineError('BAD_ARGUMENT', `port must be 0…65535, got ${port}`);
  for (const [name, value] of Object.entries(options.limits ?? {})) {
    if (!(typeof value === 'number' && value > 0)) throw new EngineError('BAD_ARGUMENT', `limit ${name} must be a positive number`);
  }
}

export async function startExchange(options: ExchangeOptions): Promise<LocalExchange> {
  checkOptions(options);
  const limits: ExchangeLimits = { ...BINANCE_LIMITS, ...options.limits };
  const speed = options.speed ?? 1;
  const rebaseToNow = options.rebaseToNow ?? true;
  const recording = await recordingTapes(options.dataFiles ?? [], options.loop ?? false, rebaseToNow);
  const tapes: SymbolTape[] = recording.tapes;
  const restLimiter = new RestWeightLimiter(limits.restWeightPerMinute, limits.restWindowMs, limits.restBanMs);
  if (options.synthetic) {
    const startTime = tapes.length > 0 ? Math.min(...tapes.map((t) => t.tradeTime(0))) : Date.now();
    tapes.push(...new SyntheticPair({ ...options.synthetic, startTime }).tapes);
  }
  if (tapes.length === 0) throw new EngineError('BAD_ARGUMENT', 'The exchange needs data files or a synthetic pair');
  const mounts = mountKlines(options.klineMounts ?? [], tapes, rebaseToNow, () => replay.clockNow(), restLimiter, limits.restWeightPerMinute);
  const specs = [...specsFor(tapes).filter((s) => !mounts?.specs.some((m) => m.symbol === s.symbol)), ...(mounts?.specs ?? [])];

  const deliveryFaults = new DeliveryFaults();
  const hub = new StreamHub(deliveryFaults);
  const feed = new MarketFeed(tapes, hub, (symbol) => wireDecimals(specs.find((s) => s.symbol === symbol)));
  const replay = new Replay(tapes, speed, hub, feed, rebaseToNow);
  let booksLoading: Promise<void> | undefined;
  feed.onBooksNeeded = () => {
    booksLoading ??= recording.loadBooks().then(
      (books) => {
        feed.attachBooks(books);
        replay.attachBooks(books);
      },
      (err: Error) => {
        process.stderr.write(`exchange: cannot load order-book streams: ${err.message}\n`);
      },
    );
  };
  feed.progress = { emittedTrades: (i) => replay.emitted[i], clockNow: () => replay.clockNow() };
  const indexOf = new Map(tapes.map((t, i) => [t.symbol, i]));

  const restFaults = new RestFaults();
  const rest = new RestApi(
    {
      specs,
      tapeOf: (symbol) => {
        const index = indexOf.get(symbol);
        return index === undefined ? undefined : { tape: tapes[index], index };
      },
      emittedTrades: (i) => replay.emitted[i],
      emittedAggs: (i) => replay.emittedAggs[i],
      hidden: (i) => replay.hidden[i],
      clockNow: () => replay.clockNow(),
      weightPerMinute: limits.restWeightPerMinute,
      mountedTickers: () => mounts?.tickerRows() ?? [],
    },
    restLimiter,
    restFaults,
  );

  const connections = new Set<ClientConnection>();
  const refusal = new Refusal();
  const server: Server = createServer((req, res) => {
    if (!refusal.answerRest(res) && !mounts?.handle(req, res, false)) rest.handle(req, res);
  });
  const traffic = countTraffic(server);
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    if (refusal.answerUpgrade(socket)) return;
    const parsed = parseWsPath(req.url ?? '/');
    if (!parsed || parsed.streams.length > limits.maxStreamsPerConnection) {
      const status = parsed ? '400 Bad Request' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      (socket as import('net').Socket).setNoDelay?.(true);
      const conn = new ClientConnection(ws, socket, parsed.route, parsed.combined, parsed.streams, feed, limits, (c) => connections.delete(c));
      connections.add(conn);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new EngineError('NETWORK', `Cannot listen on 127.0.0.1:${options.port ?? 0}: ${err.code ?? err.message}`)),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  replay.start();

  const faults: FaultSwitches = {
    dropConnections(route) {
      for (const c of [...connections]) if (!route || c.route === route) c.terminate();
    },
    goSilent: (ms) => deliveryFaults.goSilent(ms),
    resume: () => deliveryFaults.resume(),
    skipIds(symbol, count, opts) {
      const i = indexOf.get(symbol);
      if (i === undefined) throw new EngineError('BAD_SYMBOL', `skipIds: ${symbol} does not trade on this exchange`);
      replay.skip(i, count, opts?.alsoFromRest ?? false);
    },
    duplicateNext: (count) => deliveryFaults.duplicateNext(count),
    reorderNext: (count) => deliveryFaults.reorderNext(count),
    malformedNext: (count) => deliveryFaults.malformedNext(count),
    restFault: (fault) => restFaults.add(fault),
    refuse: (status, scope) => refusal.set(status, scope),
    clearAll() {
      deliveryFaults.clear(hub);
      restFaults.clear();
      refusal.set(null);
      replay.clearSkips();
    },
  };

  let closed = false;
  return {
    port,
    restBaseUrl: `http://127.0.0.1:${port}`,
    wsBaseUrl: `ws://127.0.0.1:${port}`,
    faults,
    traffic,
    tradedSymbols: tapes.map((t) => t.symbol),
    sentTradeCount: (symbol) => {
      const i = indexOf.get(symbol);
      return i === undefined ? 0 : replay.emitted[i] - replay.joinedAt[i];
    },
    clockNow: () => replay.clockNow(),
    aggSentAt: (pushTime) => replay.aggSentAt(pushTime),
    async close() {
      if (closed) return;
      closed = true;
      replay.stop();
      rest.cancelPending();
      for (const c of [...connections]) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
