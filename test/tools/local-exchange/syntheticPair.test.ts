// The synthetic pair: seeded and reproducible, strictly increasing times per symbol at about the asked rate,
// Y cointegrated with X by the configured intercept and slope; its symbols trade on the exchange.
import { strict as assert } from 'assert';
import { SyntheticPair } from '../../../tools/local-exchange/syntheticPair';
import { newTradeView } from '../../../tools/local-exchange/tape';
import { startExchange } from '../../../tools/local-exchange';
import { getJson, openWs, nextMessage } from './helpers';

const START = 1_800_000_000_000;

function prices(pair: SyntheticPair, k: number, n: number): { time: number[]; price: number[] } {
  const t = newTradeView();
  const time: number[] = [];
  const price: number[] = [];
  for (let i = 0; i < n; i++) {
    pair.tapes[k].readTrade(i, t);
    time.push(t.time);
    price.push(t.price);
  }
  return { time, price };
}

describe('synthetic cointegrated pair', () => {
  it('is reproducible from its seed and differs with another seed', () => {
    const make = (seed: number) => new SyntheticPair({ symbols: ['AAAUSDT', 'BBBUSDT'], tradesPerSecond: 5, seed, startTime: START });
    assert.deepEqual(prices(make(7), 1, 50), prices(make(7), 1, 50));
    assert.notDeepEqual(prices(make(7), 1, 50).price, prices(make(8), 1, 50).price);
  });

  it('trades at about the asked rate with strictly increasing times per symbol', () => {
    const pair = new SyntheticPair({ symbols: ['AAAUSDT', 'BBBUSDT'], tradesPerSecond: 20, seed: 3, startTime: START });
    const { time } = prices(pair, 0, 4000);
    for (let i = 1; i < time.length; i++) assert.ok(time[i] > time[i - 1]);
    const rate = (time.length - 1) / ((time[time.length - 1] - time[0]) / 1000);
    assert.ok(rate > 18 && rate < 22, `rate ${rate}`);
  });

  it('Y − (a + b·X) stays small while X wanders: slope of Y on X near b', () => {
    const pair = new SyntheticPair({ symbols: ['AAAUSDT', 'BBBUSDT'], tradesPerSecond: 50, seed: 11, startTime: START, intercept: 20, slope: 2 });
    const x = prices(pair, 0, 20000);
    const y = prices(pair, 1, 20000);
    // Pair each Y trade with the latest X trade before it.
    const xs: number[] = [];
    const ys: number[] = [];
    let j = 0;
    for (let i = 0; i < y.time.length; i++) {
      while (j + 1 < x.time.length && x.time[j + 1] <= y.time[i]) j++;
      if (x.time[j] <= y.time[i]) {
        xs.push(x.price[j]);
        ys.push(y.price[i]);
      }
    }
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) ** 2;
    }
    const slope = sxy / sxx;
    const residuals = ys.map((v, i) => v - 20 - 2 * xs[i]);
    const rms = Math.sqrt(mean(residuals.map((r) => r * r)));
    assert.ok(Math.abs(slope - 2) < 0.15, `slope ${slope}`);
    assert.ok(rms < 0.5, `residual rms ${rms}`);
    assert.ok(Math.max(...xs) - Math.min(...xs) > 1, 'X moves');
  });

  it('trades on the exchange and is listed in exchangeInfo', async () => {
    const exchange = await startExchange({ synthetic: { symbols: ['SYNAUSDT', 'SYNBUSDT'], tradesPerSecond: 50, seed: 1 }, speed: 1 });
    try {
      const info = (await getJson(`${exchange.restBaseUrl}/fapi/v1/exchangeInfo`)).body as { symbols: { symbol: string; contractType: string }[] };
      assert.deepEqual(info.symbols.filter((s) => s.symbol.startsWith('SYN')).map((s) => [s.symbol, s.contractType]), [
        ['SYNAUSDT', 'PERPETUAL'],
        ['SYNBUSDT', 'PERPETUAL'],
      ]);
      const ws = await openWs(`${exchange.wsBaseUrl}/market/ws/synbusdt@aggTrade`);
      const event = JSON.parse(await nextMessage(ws)) as { s: string; p: string; a: number; f: number; l: number };
      ws.terminate();
      assert.equal(event.s, 'SYNBUSDT');
      assert.match(event.p, /^\d+\.\d{2}$/);
      assert.equal(event.f, event.l);
    } finally {
      await exchange.close();
    }
  });
});
