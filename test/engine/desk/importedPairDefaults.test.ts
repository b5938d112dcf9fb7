// Defaults of an imported pair, counted by hand from the spans: the largest timeframe with twice the
// preferred window of bars, else the finest with a window its span fills twice; refusals are typed.
import { strict as assert } from 'assert';
import { barsInSpan, checkImportedPair, commonSpan, importedPairDefaults, importedTimeframes, spanText, windowFitProblem, type SeriesSpan } from '../../../src/engine/desk/importedPairDefaults';
import { EngineError } from '../../../src/engine/errors';

const t = (iso: string) => Date.parse(iso);
// The first 30 s of btcusdt_20240718.gz / ethusdt_20240718.gz (test/fixtures/import/*-first30s.gz).
const BTC: SeriesSpan = { symbol: 'BTCUSDT', firstTime: t('2024-07-18T23:57:02.956Z'), lastTime: t('2024-07-18T23:57:32.748Z') };
const ETH: SeriesSpan = { symbol: 'ETHUSDT', firstTime: t('2024-07-18T23:57:02.707Z'), lastTime: t('2024-07-18T23:57:32.616Z') };

describe('importedPairDefaults', () => {
  it('counts the bars both legs cover: 23:57:02.956 – 23:57:32.616 is seconds 02 … 32, 31 bars of 1s, one of 1m', () => {
    assert.deepEqual(commonSpan(BTC, ETH), { from: BTC.firstTime, to: ETH.lastTime });
    assert.equal(barsInSpan(BTC.firstTime, ETH.lastTime, 1000), 31);
    assert.equal(barsInSpan(BTC.firstTime, ETH.lastTime, 60_000), 1);
    // Only 1s leaves room for a window of 10 rolling (31 ≥ 20); its largest window is floor(31 / 2) = 15.
    assert.deepEqual(importedTimeframes(BTC, ETH), [{ timeframe: '1s', bars: 31, maxWindow: 15 }]);
  });

  it('a span too short for the preferred window gives the finest timeframe and the window it fills twice', () => {
    assert.deepEqual(importedPairDefaults(BTC, ETH, 100), { timeframe: '1s', window: 15, bars: 31 });
    // The whole 18th recordings: 23:57:02 – 23:59:59 is 58 + 60 + 60 = 178 seconds; 178 / 2 = 89.
    const day = (symbol: string): SeriesSpan => ({ symbol, firstTime: t('2024-07-18T23:57:02.707Z'), lastTime: t('2024-07-18T23:59:59.900Z') });
    assert.deepEqual(importedPairDefaults(day('BTCUSDT'), day('ETHUSDT'), 100), { timeframe: '1s', window: 89, bars: 178 });
  });

  it('a long span takes the largest timeframe with at least twice the window of bars', () => {
    // Two days: 2880 bars of 1m, 576 of 5m, 192 of 15m, 48 of 1h. Twice 100 = 200: 5m is the largest with ≥ 200.
    const a: SeriesSpan = { symbol: 'BTCUSDT', firstTime: t('2024-07-17T00:00:00Z'), lastTime: t('2024-07-18T23:59:59Z') };
    const b: SeriesSpan = { symbol: 'ETHUSDT', firstTime: t('2024-07-16T12:00:00Z'), lastTime: t('2024-07-19T12:00:00Z') };
    assert.deepEqual(importedPairDefaults(a, b, 100), { timeframe: '5m', window: 100, bars: 576 });
    // A window of 50 needs 100 bars: 15m (192) is the largest.
    assert.deepEqual(importedPairDefaults(a, b, 50), { timeframe: '15m', window: 50, bars: 192 });
  });

  it('OHLC series offer only their own bar length, and both legs must have the same', () => {
    const a: SeriesSpan = { symbol: 'BTCUSDT', firstTime: t('2024-07-19T00:00:00Z'), lastTime: t('2024-07-19T09:59:00Z'), barMs: 60_000 };
    const b: SeriesSpan = { ...a, symbol: 'ETHUSDT' };
    // 10 hours of 1m: 600 bars; the preferred 100 fits.
    assert.deepEqual(importedPairDefaults(a, b, 100), { timeframe: '1m', window: 100, bars: 600 });
    assert.throws(() => importedTimeframes(a, { ...b, barMs: 3_600_000 }), (e: unknown) => e instanceof EngineError && /1m|60 s/.test(e.message) && /one length/.test(e.message));
  });

  it('refuses series that do not overlap, or overlap too briefly, with a typed error naming both', () => {
    const later: SeriesSpan = { symbol: 'ETHUSDT', firstTime: t('2024-07-19T00:00:02Z'), lastTime: t('2024-07-19T00:05:02Z') };
    assert.throws(() => importedPairDefaults(BTC, later, 100), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT' && /BTCUSDT and ETHUSDT do not overlap/.test(e.message));
    // 23:57:02 – 23:57:20: 19 seconds, one short of a window of 10 rolling.
    const brief: SeriesSpan = { ...ETH, lastTime: t('2024-07-18T23:57:20.100Z') };
    assert.throws(() => importedPairDefaults(BTC, brief, 100), (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS' && /19 bars of 1s/.test(e.message));
  });

  it('checks a chosen timeframe and window against the span, with typed errors', () => {
    assert.deepEqual(checkImportedPair(BTC, ETH, '1s', 31), { timeframe: '1s', bars: 31, maxWindow: 15 });
    assert.throws(() => checkImportedPair(BTC, ETH, '1m', 10), (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS' && /share 1 bar of 1m/.test(e.message) && /fit: 1s\)/.test(e.message));
    assert.throws(() => checkImportedPair(BTC, ETH, '1s', 32), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT' && /31 bars of 1s/.test(e.message));
    const a: SeriesSpan = { symbol: 'BTCUSDT', firstTime: t('2024-07-19T00:00:00Z'), lastTime: t('2024-07-19T09:59:00Z'), barMs: 60_000 };
    assert.throws(() => checkImportedPair(a, { ...a, symbol: 'ETHUSDT' }, '5m', 10), (e: unknown) => e instanceof EngineError && e.code === 'BAD_TIMEFRAME' && /OHLC bars of 1m/.test(e.message));
  });

  it('a window the span cannot fill is refused by name; spans read in UTC', () => {
    assert.equal(windowFitProblem(31, 31, '1s'), undefined);
    assert.match(windowFitProblem(32, 31, '1s')!, /31 bars of 1s.*32 would never fill/);
    assert.equal(spanText(BTC), '2024-07-18 23:57:02–23:57:32 UTC');
    assert.equal(spanText({ firstTime: t('2024-07-18T23:57:02Z'), lastTime: t('2024-07-19T00:05:02Z') }), '2024-07-18 23:57:02 – 2024-07-19 00:05:02 UTC');
  });
});
