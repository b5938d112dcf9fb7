// The two soak scenarios: a compressed day of the real recordings (looped) plus the synthetic pair, and
// 20 pairs over 12 symbols on one connection. Exchange-side intervals (ping, pong timeout, connection age)
// are compressed by the same speed as the data, so "24 hours" of connection age comes within the run.
import { existsSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { ExchangeLimits } from '../../tools/local-exchange';
import { faultPlan } from './faultSchedule';
import type { SoakScenario } from './runSoak';
import { writeSyntheticRecording } from './syntheticRecording';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DATA_DIR = process.env.QP_DATA_DIR ?? resolve(__dirname, '../../../shared/data');
const RECORDINGS = ['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz'].map((f) => resolve(DATA_DIR, f));

/**
 * Memory is compared from this point on: the tick store keeps one hour, so it fills during hour 1 and
 * recycles its first chunk during hour 2; after that it must not grow.
 */
const warmupMs = (size: ScenarioSize) => Math.min(2 * HOUR, size.durationMs / 3);

export interface ScenarioSize {
  /** Exchange ms per real ms. */
  speed: number;
  /** Exchange time the run covers. */
  durationMs: number;
  exchangeInChild: boolean;
  /** Exchange-side maximum connection age (Binance: 24 h); the feed rotates 10 exchange-minutes before. */
  maxConnectionAgeMs: number;
  unrepairableCount: number;
  gc?: () => void;
  log?: (line: string) => void;
}

function limits(size: ScenarioSize): Partial<ExchangeLimits> {
  return {
    pingIntervalMs: Math.max(20, (3 * MINUTE) / size.speed),
    pongTimeoutMs: Math.max(200, (10 * MINUTE) / size.speed),
    maxConnectionAgeMs: size.maxConnectionAgeMs / size.speed,
    restWeightPerMinute: 2400,
  };
}

function feedOptions(size: ScenarioSize) {
  return {
    silenceMs: 1000,
    reorderWindowMs: 40,
    backoff: { baseMs: 50, maxMs: 1000 },
    rotationAgeMs: (size.maxConnectionAgeMs - 10 * MINUTE) / size.speed,
  };
}

export function recordingsPresent(): boolean {
  return RECORDINGS.every((f) => existsSync(f));
}

/** The looped real recordings (when present) plus the exchange's synthetic cointegrated pair. */
export function dayScenario(size: ScenarioSize): SoakScenario {
  const synthetic: [string, string] = ['SYNAUSDT', 'SYNBUSDT'];
  const recorded = recordingsPresent() ? ['BTCUSDT', 'ETHUSDT'] : [];
  const symbols = [...recorded, ...synthetic];
  return {
    name: 'day',
    exchange: {
      dataFiles: recorded.length ? RECORDINGS : [],
      loop: true,
      speed: size.speed,
      synthetic: { symbols: synthetic, tradesPerSecond: 2, seed: 11 },
      limits: limits(size),
    },
    exchangeInChild: size.exchangeInChild,
    symbols,
    pairs: recorded.length ? [['BTCUSDT', 'ETHUSDT'], ['SYNBUSDT', 'SYNAUSDT']] : [['SYNBUSDT', 'SYNAUSDT']],
    durationMs: size.durationMs,
    plan: faultPlan({
      durationMs: size.durationMs,
      symbols: recorded.length ? recorded : synthetic,
      unrepairableSymbols: synthetic,
      dropEveryMs: 20 * MINUTE,
      silentRealMs: 2500,
      quietFromMs: size.durationMs * 0.65,
      quietToMs: size.durationMs * 0.65 + size.maxConnectionAgeMs * 1.5,
      unrepairableCount: size.unrepairableCount,
    }),
    historyMs: HOUR,
    feed: feedOptions(size),
    warmupMs: warmupMs(size),
    gc: size.gc,
    log: size.log,
  };
}

export const TWELVE_SYMBOLS = ['AAAUSDT', 'BBBUSDT', 'CCCUSDT', 'DDDUSDT', 'EEEUSDT', 'FFFUSDT', 'GGGUSDT', 'HHHUSDT', 'IIIUSDT', 'JJJUSDT', 'KKKUSDT', 'LLLUSDT'];

/** 20 distinct pairs over the 12 symbols: each symbol with its two next neighbours, less four. */
export function twentyPairs(symbols: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let step = 1; step <= 2; step++) {
    for (let i = 0; i < symbols.length && pairs.length < 20; i++) pairs.push([symbols[i], symbols[(i + step) % symbols.length]]);
  }
  return pairs;
}

/** 12 generated symbols (a recording file looped by the exchange), 20 pairs, one /market connection. */
export async function manyPairsScenario(size: ScenarioSize): Promise<SoakScenario> {
  const file = join(tmpdir(), `qp-soak-12-symbols-${process.pid}.rec`);
  await writeSyntheticRecording(file, { symbols: TWELVE_SYMBOLS, tradesPerSecond: 1, durationMs: 20 * MINUTE, startTime: 1_700_000_100_000 - (1_700_000_100_000 % 300_000), seed: 5 });
  return {
    name: 'manyPairs',
    exchange: { dataFiles: [file], loop: true, speed: size.speed, limits: limits(size) },
    exchangeInChild: size.exchangeInChild,
    symbols: TWELVE_SYMBOLS,
    pairs: twentyPairs(TWELVE_SYMBOLS),
    durationMs: size.durationMs,
    plan: faultPlan({
      durationMs: size.durationMs,
      symbols: TWELVE_SYMBOLS.slice(0, 8),
      unrepairableSymbols: TWELVE_SYMBOLS.slice(8),
      dropEveryMs: 30 * MINUTE,
      silentRealMs: 2500,
      quietFromMs: size.durationMs * 0.65,
      quietToMs: size.durationMs * 0.65 + size.maxConnectionAgeMs * 1.5,
      unrepairableCount: size.unrepairableCount,
    }),
    historyMs: HOUR,
    feed: feedOptions(size),
    warmupMs: warmupMs(size),
    gc: size.gc,
    log: size.log,
  };
}
