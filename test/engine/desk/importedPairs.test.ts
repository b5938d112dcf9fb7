// The desk's imported pairs on their own (no desk): ids that never take a live pair's or another imported
// pair's, the library pairs as the extension saves them, which pairs a file's removal takes, and a rebuild at
// another timeframe or window (the trades resampled again, an OHLC pair kept, a live pair left to the desk).
import { strict as assert } from 'assert';
import { resolve } from 'path';
import { ImportedPairs } from '../../../src/engine/desk/importedPairs';
import { ImportLibrary } from '../../../src/engine/desk/importLibrary';
import { PairRuntime, type ImportedSeconds } from '../../../src/engine/desk/pairRuntime';
import { PairSet } from '../../../src/engine/desk/pairSet';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import { EngineError } from '../../../src/engine/errors';
import { TickStore } from '../../../src/engine/store/tickStore';
import type { Bar } from '../../../src/engine/types';
import type { PairConfig } from '../../../src/shared/model';

const BTC_FILE = resolve('test/fixtures/import/btcusdt_20240718-first30s.gz');
const ETH_FILE = resolve('test/fixtures/import/ethusdt_20240718-first30s.gz');
const BTC_KEY = 'BTCUSDT · imported btcusdt_20240718-first30s.gz';
const ETH_KEY = 'ETHUSDT · imported ethusdt_20240718-first30s.gz';
const S = 1000;
const T0 = Date.parse('2024-07-19T00:00:00Z');

const second = (symbol: string, i: number, close: number): Bar => ({ symbol, openTime: T0 + i * S, intervalMs: S, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false });
const config = (timeframe: PairConfig['timeframe'], window = 10): PairConfig => ({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe, window, hedge: 'ols' });

async function setup() {
  const store = new TickStore({ maxAgeMs: Infinity });
  const engine = createDeskEngine({ historyBars: 1000 });
  const pairs = new PairSet((c, id) => new PairRuntime(c, engine, 1000, 'aggTrade', () => {}, undefined, id), store);
  const library = new ImportLibrary(store);
  await library.importFiles([BTC_FILE]);
  await library.importFiles([ETH_FILE]);
  const logs: string[] = [];
  return { pairs, library, logs, imported: new ImportedPairs(pairs, library, (m) => logs.push(m)) };
}

describe('ImportedPairs', () => {
  it('a library pair: id beside the live pair, each two series once, saved as made, logged', async () => {
    const { pairs, imported, logs } = await setup();
    pairs.replace(config('1s'));
    const runtime = imported.add({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' });
    assert.equal(runtime.id, 'BTCUSDT/ETHUSDT (imported)');
    assert.equal(pairs.get('BTCUSDT/ETHUSDT')!.source, 'live');
    // Common span 23:57:02.956 – 23:57:32.616 UTC: seconds 02 … 32.
    assert.equal(runtime.rows.length, 31);
    assert.deepEqual(logs, [`BTCUSDT/ETHUSDT (imported): ${BTC_KEY} on ${ETH_KEY}, 1s bars, window 15, 31 bars`]);
    assert.throws(() => imported.add({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 10, hedge: 'ols' }), /already on the desk as BTCUSDT\/ETHUSDT \(imported\)/);
    assert.throws(() => imported.add({ y: BTC_KEY, x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' }), (e: unknown) => e instanceof EngineError && /ETHUSDT is not an imported series/.test(e.message));
    assert.equal(imported.add({ y: ETH_KEY, x: BTC_KEY, timeframe: '1s', window: 10, hedge: 'ols' }).id, 'ETHUSDT/BTCUSDT (imported)');
    assert.deepEqual(imported.specs(), [
      { id: 'BTCUSDT/ETHUSDT (imported)', y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' },
      { id: 'ETHUSDT/BTCUSDT (imported)', y: ETH_KEY, x: BTC_KEY, timeframe: '1s', window: 10, hedge: 'ols' },
    ]);
  });

  it('an id taken by another imported pair of the same symbols gets the next number', async () => {
    const { imported } = await setup();
    const ohlc = imported.importBars(config('1s'), [second('BTCUSDT', 0, 1)], [second('ETHUSDT', 0, 2)], 'file.csv');
    assert.equal(ohlc.id, 'BTCUSDT/ETHUSDT (imported)');
    assert.equal(imported.add({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }).id, 'BTCUSDT/ETHUSDT (imported 2)');
  });

  it("a file's removal takes the library pairs made of its series; a forgotten pair is no longer saved", async () => {
    const { pairs, imported } = await setup();
    const id = imported.add({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }).id;
    assert.deepEqual(imported.madeOfFile(BTC_FILE), [id]);
    assert.deepEqual(imported.madeOfFile(ETH_FILE), [id]);
    assert.deepEqual(imported.madeOfFile(resolve('test/fixtures/import/other.gz')), []);
    pairs.remove(id);
    imported.forget(id);
    assert.deepEqual(imported.specs(), []);
    assert.deepEqual(imported.madeOfFile(BTC_FILE), []);
  });

  it('rebuild: a library pair at a new window, a refused timeframe keeping the pair, an OHLC pair as it is, a live pair not its business', async () => {
    const { pairs, imported } = await setup();
    const id = imported.add({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }).id;
    const before = pairs.get(id);
    // 31 one-second bars hold no 1-minute pair.
    assert.throws(() => imported.rebuild(id, { ...config('1m'), window: 15 }), (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS');
    assert.equal(pairs.get(id), before);
    const refit = imported.rebuild(id, { ...config('1s'), window: 10 })!;
    assert.notEqual(refit, before);
    assert.equal(pairs.get(id), refit);
    assert.deepEqual([refit.config.window, refit.rows.length], [10, 31]);
    assert.equal(imported.specs()[0].window, 10);
    const ohlc = imported.importBars(config('1s'), [second('BTCUSDT', 0, 1)], [second('ETHUSDT', 0, 2)], 'file.csv');
    assert.equal(imported.rebuild(ohlc.id, config('1m')), ohlc);
    pairs.replace(config('1s'));
    assert.equal(imported.rebuild('BTCUSDT/ETHUSDT', config('1m')), undefined);
  });

  it("a trade file's pair is resampled again from its seconds at another timeframe", async () => {
    const { pairs, imported } = await setup();
    // Two minutes of seconds, closes 100 + i and 50 + i: the minutes close at seconds 59 and 119.
    const seconds: ImportedSeconds = {
      y: Array.from({ length: 120 }, (_, i) => second('BTCUSDT', i, 100 + i)),
      x: Array.from({ length: 120 }, (_, i) => second('ETHUSDT', i, 50 + i)),
      lastTradeTime: T0 + 119 * S + 500,
      label: 'day.gz',
    };
    const runtime = imported.importTicks(config('1s'), seconds);
    assert.equal(runtime.rows.length, 120);
    const minutes = imported.rebuild(runtime.id, config('1m'))!;
    assert.equal(pairs.get(runtime.id), minutes);
    assert.deepEqual(minutes.rows.map((r) => [r.time - T0, r.yClose, r.xClose, r.yVolume]), [
      [0, 159, 109, 60],
      [60_000, 219, 169, 60],
    ]);
    assert.equal(minutes.sourceLabel, 'day.gz');
  });
});
