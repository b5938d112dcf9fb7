// The kline universe mounted in the main local exchange (beside its trade tapes): exchangeInfo lists both,
// klines and ticker/24hr answer for the universe's symbols, the tapes' endpoints are untouched, and a scan
// over REST finds the planted pairs. Also: the real universe-1h files served the same way, when present.
import { strict as assert } from 'assert';
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { startExchange } from '../../../tools/local-exchange';
import { syntheticUniverse } from '../../../tools/local-exchange/syntheticUniverse';
import { universeFromFiles } from '../../../tools/local-exchange/fileUniverse';
import { BinanceRest } from '../../../src/engine/feed/rest';
import { scanExchange } from '../../../src/engine/scan/restScan';

const REAL = join(__dirname, '../../../../shared/data/klines/universe-1h');

describe('exchange: kline universe for the pair scanner', function () {
  this.timeout(60_000);

  it('serves a synthetic universe beside a synthetic trade pair; a scan finds its planted pairs', async () => {
    const universe = syntheticUniverse({ symbols: 24, bars: 700, plantedPairs: 3, seed: 11, halfLifeRange: [1.5, 4] });
    const exchange = await startExchange({ synthetic: { symbols: ['SYNAUSDT', 'SYNBUSDT'], tradesPerSecond: 5 }, klineMounts: [universe], speed: 1 });
    try {
      const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
      const listed = (await rest.exchangeInfo()).map((s) => s.symbol);
      assert.ok(listed.includes('SYNAUSDT') && listed.includes('BTCUSDT') && listed.includes('SYN000USDT') && listed.includes('SYNQTRUSDT_261225'));
      // The all-symbol ticker lists the mount's symbols and the tape's that have traded, each once.
      const tickers = (await rest.ticker24hr()).map((t) => t.symbol);
      assert.deepEqual(tickers.filter((t) => !/^SYN[AB]USDT$/.test(t)).sort(), universe.symbols.map((u) => u.symbol).sort());
      assert.equal(new Set(tickers).size, tickers.length);
      // The tape's aggTrades still come from the main exchange.
      const trades = await rest.aggTrades({ symbol: 'SYNAUSDT', limit: 5 });
      assert.ok(trades.length >= 0);
      // A universe symbol has candles and no tape: aggTrades answer an empty page (a desk pair on it warms from klines), not "Invalid symbol".
      assert.deepEqual(await rest.aggTrades({ symbol: universe.symbols[0].symbol, limit: 5 }), []);
      await assert.rejects(rest.aggTrades({ symbol: 'NOSUCHUSDT', limit: 5 }), /Invalid symbol/);
      const report = await scanExchange(rest, { kind: 'top', count: 30 }, universe.intervalMs, { bars: 600 });
      assert.equal(report.symbols.length, 24);
      const excluded = new Map(report.excluded.map((e) => [e.symbol, e.reason]));
      assert.equal(excluded.get('SYNQTRUSDT_261225'), 'not a perpetual (CURRENT_QUARTER)');
      assert.equal(excluded.get('MATICUSDT'), 'not trading (SETTLING)');
      assert.equal(excluded.get('BTCUSDT'), 'no 24 h ticker');
      const key = (a: string, b: string) => [a, b].sort().join('/');
      const passing = new Set(report.results.filter((r) => r.passes).map((r) => key(r.y, r.x)));
      for (const p of universe.planted) assert.ok(passing.has(key(p.y, p.x)), `${p.y}/${p.x} passes`);
    } finally {
      await exchange.close();
    }
  });

  (existsSync(REAL) ? it : it.skip)('serves the real universe-1h candles as klines, unchanged; rebased to now, a REST scan reads them all', async () => {
    const files = readdirSync(REAL).filter((f) => /^(BTC|ETH|SOL)USDT\.csv\.gz$/.test(f)).map((f) => join(REAL, f));
    const universe = await universeFromFiles(files, { rebaseTo: false });
    const exchange = await startExchange({ synthetic: { symbols: ['SYNAUSDT', 'SYNBUSDT'], tradesPerSecond: 5 }, klineMounts: [universe], speed: 1 });
    try {
      const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
      // The exchange shifts the candles by whole hours to its clock: values unchanged, the newest one closed.
      const rows = await rest.klines({ symbol: 'ETHUSDT', interval: '1h', limit: 1000 });
      assert.equal(rows.length, 1000);
      // The first three rows of universe-1h/ETHUSDT.csv.gz.
      assert.deepEqual(rows.slice(0, 3).map((k) => [k.openTime - rows[0].openTime, k.open, k.high, k.low, k.close, k.volume]), [
        [0, 4426.38, 4437.69, 4421.24, 4428.06, 108154.927],
        [3_600_000, 4428.06, 4483.44, 4328.88, 4424.45, 969558.067],
        [7_200_000, 4424.44, 4441.35, 4381.11, 4435.77, 464508.475],
      ]);
      assert.equal(rows[999].openTime, Math.floor(exchange.clockNow() / 3_600_000) * 3_600_000 - 3_600_000);
      const fourHour = await rest.klines({ symbol: 'ETHUSDT', interval: '4h', startTime: rows[0].openTime, limit: 1 });
      assert.equal(fourHour[0].openTime % 14_400_000, 0);
    } finally {
      await exchange.close();
    }
    const rebased = await startExchange({ synthetic: { symbols: ['SYNAUSDT', 'SYNBUSDT'], tradesPerSecond: 5 }, klineMounts: [await universeFromFiles(files)], speed: 1 });
    try {
      const report = await scanExchange(new BinanceRest({ baseUrl: rebased.restBaseUrl }), { kind: 'symbols', symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] }, 3_600_000, { bars: 1000 });
      assert.deepEqual(report.symbols, ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
      assert.equal(report.results.length, 3);
    } finally {
      await rebased.close();
    }
  });
});
