// Imported recordings are analysed like live data: the desk's bars of an imported pair must match
// per-minute sums computed here straight from the gzip text, and the pair is labelled imported.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { gunzipSync } from 'zlib';
import { Desk } from '../../../src/engine/desk/desk';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import { loadPairFiles, loadedSymbols } from '../../../src/engine/desk/loadFiles';

const FILES = ['../shared/data/btcusdt_20240719.gz', '../shared/data/ethusdt_20240719.gz'];

/** Independent reference: sum of trade quantities per minute (trade time T) for one symbol. */
function minuteVolumes(file: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    const json = line.slice(line.indexOf(' ') + 1);
    if (!json.includes('@trade"')) continue;
    const d = JSON.parse(json).data;
    const minute = Math.floor(d.T / 60_000) * 60_000;
    out.set(minute, (out.get(minute) ?? 0) + Number(d.q));
  }
  return out;
}

describe('Desk import of recorded trades', function () {
  this.timeout(20_000);

  it('builds the same 1m bars as a direct per-minute sum, labelled imported', async () => {
    const loaded = await loadPairFiles(FILES);
    assert.deepEqual(loadedSymbols(loaded), ['BTCUSDT', 'ETHUSDT']);
    const desk = new Desk(createDeskEngine({ historyBars: 1000 }), { wsBaseUrl: 'ws://127.0.0.1:1', restBaseUrl: 'http://127.0.0.1:1', stream: 'aggTrade', historyBars: 1000, updateMs: 10_000 });
    try {
      const view = desk.importTicks(
        { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 10, hedge: 'ols' },
        { y: loaded.bars.get('BTCUSDT')!, x: loaded.bars.get('ETHUSDT')!, lastTradeTime: loaded.lastTradeTime, label: 'btcusdt_20240719.gz + ethusdt_20240719.gz' },
      );
      assert.equal(view.source, 'imported');
      assert.equal(view.sourceLabel, 'btcusdt_20240719.gz + ethusdt_20240719.gz');
      const rows = desk.rows(view.id);
      const btc = minuteVolumes(FILES[0]);
      const eth = minuteVolumes(FILES[1]);
      // 00:00:02 – 00:05:02 UTC on 2024-07-19: minutes 00:00 … 00:05.
      assert.deepEqual(
        rows.map((r) => new Date(r.time).toISOString().slice(11, 16)),
        ['00:00', '00:01', '00:02', '00:03', '00:04', '00:05'],
      );
      for (const r of rows) {
        assert.ok(Math.abs(r.yVolume - btc.get(r.time)!) < 1e-6, `BTC ${r.time}`);
        assert.ok(Math.abs(r.xVolume - eth.get(r.time)!) < 1e-6, `ETH ${r.time}`);
        assert.equal(r.history, true);
      }
      // Six bars cannot fill a 10-bar window: the pair says how many more it needs.
      assert.equal(desk.get(view.id)!.status, 'warming');
      assert.ok(desk.get(view.id)!.barsNeeded > 0);
      // A timeframe change rebuilds from the imported seconds: 5m bars 00:00 and 00:05, volumes the sums of their minutes.
      const five = await desk.setTimeframe(view.id, '5m');
      assert.equal(five.source, 'imported');
      const fiveRows = desk.rows(view.id);
      assert.deepEqual(fiveRows.map((r) => new Date(r.time).toISOString().slice(11, 16)), ['00:00', '00:05']);
      const sum = (m: Map<number, number>, from: number) => [...m].filter(([t]) => t >= from && t < from + 300_000).reduce((a, [, v]) => a + v, 0);
      for (const r of fiveRows) assert.ok(Math.abs(r.yVolume - sum(btc, r.time)) < 1e-6, `BTC 5m ${r.time}`);
    } finally {
      await desk.dispose();
    }
  });

  it('moves the imported trades into the desk\'s tick store, apart from live ticks; bars of any timeframe come from them', async () => {
    const loaded = await loadPairFiles(FILES);
    const desk = new Desk(createDeskEngine({ historyBars: 1000 }), { wsBaseUrl: 'ws://127.0.0.1:1', restBaseUrl: 'http://127.0.0.1:1', stream: 'aggTrade', historyBars: 1000, updateMs: 10_000 });
    try {
      const view = desk.importTicks(
        { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' },
        // No 1-second bars given: the rows can only come from the stored trades.
        { y: [], x: [], lastTradeTime: loaded.lastTradeTime, label: 'recordings', trades: loaded.trades },
      );
      // The data README's trade counts, now in the desk's store under names no live symbol can have.
      const series = desk.tickStore.symbols().filter((k) => k.startsWith('imported '));
      assert.deepEqual(series.map((k) => desk.tickStore.count(k)).sort((a, b) => a - b), [9727, 12_015]);
      assert.equal(desk.tickStore.count('BTCUSDT'), 0, 'no live series was touched');
      assert.equal(loaded.trades!.symbols().length, 0, 'moved, not copied');
      // 1 s bars from the store: every second's volume is the direct per-second sum of the file.
      const perSecond = (file: string) => {
        const out = new Map<number, number>();
        for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
          if (!line.includes('@trade"')) continue;
          const d = JSON.parse(line.slice(line.indexOf(' ') + 1)).data;
          const second = Math.floor(d.T / 1000) * 1000;
          out.set(second, (out.get(second) ?? 0) + Number(d.q));
        }
        return out;
      };
      const btc = perSecond(FILES[0]);
      const rows = desk.rows(view.id);
      assert.ok(rows.length > 290, `${rows.length} rows`);
      for (const r of rows) assert.ok(Math.abs(r.yVolume - (btc.get(r.time) ?? 0)) < 1e-9, `BTC ${new Date(r.time).toISOString()}`);
      // A timeframe change resamples the same stored trades: 1m volumes are the minute sums.
      await desk.setTimeframe(view.id, '1m');
      const minutes = minuteVolumes(FILES[0]);
      const minuteRows = desk.rows(view.id);
      assert.equal(minuteRows.length, 6);
      for (const r of minuteRows) assert.ok(Math.abs(r.yVolume - minutes.get(r.time)!) < 1e-6, `BTC 1m ${r.time}`);
      desk.removePair(view.id);
      assert.deepEqual(desk.tickStore.symbols().filter((k) => k.startsWith('imported ')), [], 'removed with its pair');
    } finally {
      await desk.dispose();
    }
  });

  it('lists the symbols a single-leg file holds (the library adds each as a series of its own)', async () => {
    const loaded = await loadPairFiles([FILES[0]]);
    assert.deepEqual(loadedSymbols(loaded), ['BTCUSDT']);
  });
});
