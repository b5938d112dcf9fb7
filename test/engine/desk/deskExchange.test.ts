// The desk against the local Binance-compatible exchange replaying the recorded BTCUSDT/ETHUSDT data:
// warm start over REST plus the live stream must give the same bars as the exchange's own trade list.
import { strict as assert } from 'assert';
import { Desk } from '../../../src/engine/desk/desk';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import { BinanceRest } from '../../../src/engine/feed';
import { startExchange } from '../../../tools/local-exchange';
import type { LocalExchange } from '../../../tools/local-exchange';

const DATA = '../shared/data/';
const FILES = ['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz'].map((f) => DATA + f);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Desk against the local exchange', function () {
  this.timeout(30_000);
  let exchange: LocalExchange;
  let desk: Desk;

  before(async () => {
    exchange = await startExchange({ port: 0, dataFiles: FILES, speed: 10 });
  });
  after(async () => {
    await desk?.dispose();
    await exchange?.close();
  });

  it('warm start + live 1s bars match the exchange trades bar for bar, with no gap and no double count', async () => {
    await sleep(2000); // ~20 s of replayed history for the REST warm start
    desk = new Desk(createDeskEngine({ historyBars: 5000 }), {
      wsBaseUrl: exchange.wsBaseUrl,
      restBaseUrl: exchange.restBaseUrl,
      stream: 'aggTrade',
      historyBars: 5000,
      updateMs: 100,
    });
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 20, hedge: 'ols' });
    assert.equal(view.error, undefined);
    await sleep(2500);
    const rows = desk.rows(view.id);
    assert.ok(rows.some((r) => r.history) && rows.some((r) => !r.history), 'both history and live bars');
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i].time - rows[i - 1].time, 1000, 'consecutive 1 s bars');

    // Independent reference: the exchange's aggTrades over the same span, bucketed by second.
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
    const first = rows[0].time;
    const end = rows[rows.length - 1].time + 999;
    for (const [symbol, vol] of [
      ['BTCUSDT', (r: (typeof rows)[number]) => r.yVolume],
      ['ETHUSDT', (r: (typeof rows)[number]) => r.xVolume],
    ] as const) {
      const buckets = new Map<number, number>();
      let page = await rest.aggTrades({ symbol, startTime: first, endTime: end, limit: 1000 });
      for (;;) {
        for (const t of page) if (t.time <= end) buckets.set(Math.floor(t.time / 1000) * 1000, (buckets.get(Math.floor(t.time / 1000) * 1000) ?? 0) + t.qty);
        const last = page[page.length - 1];
        if (page.length < 1000 || !last || last.time > end) break;
        page = await rest.aggTrades({ symbol, fromId: last.id + 1, limit: 1000 });
      }
      for (const r of rows) assert.ok(Math.abs(vol(r) - (buckets.get(r.time) ?? 0)) < 1e-9, `${symbol} volume at ${new Date(r.time).toISOString()}: ${vol(r)} vs ${buckets.get(r.time)}`);
    }
    // The tick store holds the live ticks up to the newest one the pair saw.
    assert.ok(desk.tickStore.count('BTCUSDT') > 0 && desk.tickStore.count('ETHUSDT') > 0);
    assert.ok(Math.max(desk.tickStore.lastTime('BTCUSDT')!, desk.tickStore.lastTime('ETHUSDT')!) >= desk.get(view.id)!.lastTradeTime!);
    const live = desk.get(view.id)!;
    assert.equal(live.barsNeeded, 0);
    assert.ok(live.last?.z !== null && Number.isFinite(live.last?.z));
  });
});
