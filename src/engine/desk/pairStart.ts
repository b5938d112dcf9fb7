// How a live pair starts, end to end: its history fetched (warmStart.ts), put into its PairRuntime, and told in
// one log line. A new pair warms from REST, the trade tail merged with the live ticks this thread saw (inline
// ingestion) or put into the ingest worker's store and its bars taken back (worker ingestion); a timeframe change
// starts from stored ticks, the desk's or the worker's, with no REST.
import { errorMessage } from '../../shared/errorMessage';
import type { PairRuntime } from './pairRuntime';
import type { StoredBars, WorkerStore } from './ports';
import { fetchWarmStart, fetchWorkerStart, storedTicksStart, type WarmStartInputs } from './warmStart';

/** What a start needs from the desk (read when it runs: the feed may stop meanwhile). */
export type StartInputs = Pick<WarmStartInputs, 'rest' | 'exchangeNow' | 'firstTickWaitMs' | 'keepWaiting'> & {
  log: (level: 'info' | 'warn', message: string) => void;
};

/** The ingest worker as a warm start uses it: its store, and the newest live trade it has reported per symbol. */
export interface WorkerStart extends WorkerStore {
  newestTradeTime(symbol: string): number | undefined;
}

/** History from REST, then the live ticks this thread saw meanwhile (inline ingestion, or no feed). */
export async function warmFromRest(runtime: PairRuntime, serverTime: number, inputs: StartInputs): Promise<void> {
  const data = await fetchWarmStart({ ...inputs, symbols: runtime.symbols, config: runtime.config, serverTime, firstLiveTime: (leg) => runtime.firstBufferedTime(leg) });
  runtime.finishWarmup(data);
  const trades = data.tail[0].length + data.tail[1].length;
  inputs.log('info', `Warm start of ${runtime.id}: ${runtime.rows.length} history bars, ${trades} trades since ${new Date(data.tailStart).toISOString()}`);
}

/** Klines from REST, the trade tail into the worker's store and the bars since from it (worker ingestion). */
export async function warmIntoWorker(runtime: PairRuntime, worker: WorkerStart, serverTime: number, inputs: StartInputs): Promise<void> {
  // Subscribed before the fetch, so no bar of the shared series falls between the store's answer and the subscription.
  runtime.subscribeShared();
  const firstLiveTime = (leg: 0 | 1) => worker.newestTradeTime(runtime.symbols[leg]);
  const start = await fetchWorkerStart({ ...inputs, store: worker, symbols: runtime.symbols, config: runtime.config, serverTime, firstLiveTime });
  runtime.startFromBars(start);
  inputs.log('info', `Warm start of ${runtime.id}: ${runtime.rows.length} bars (${start.trades} trades since ${new Date(start.tailStart).toISOString()} into the ingest worker)`);
}

/**
 * A fresh runtime (a timeframe change) started from stored ticks (`storeName` says whose, for the log); false when
 * they do not cover its window or the store cannot answer, and the caller rebuilds the pair from REST.
 */
export async function startFromStoredTicks(runtime: PairRuntime, store: StoredBars, storeName: string, inputs: Pick<StartInputs, 'exchangeNow' | 'log'>): Promise<boolean> {
  runtime.subscribeShared();
  const start = await storedTicksStart(store, runtime.symbols, runtime.config, inputs.exchangeNow).catch((err) => {
    inputs.log('warn', `${runtime.id}: ${errorMessage(err)}; rebuilding from REST`);
    return undefined;
  });
  if (!start) return false;
  runtime.startFromBars(start);
  inputs.log('info', `${runtime.id}: ${runtime.config.timeframe} bars resampled from ${storeName}, ${runtime.rows.length} bars`);
  return true;
}
