// The data-source labels every view shows: per-symbol labels over the feed's one, a pair mixing sources naming
// both, replay detected in either leg, the candle set's label naming its own interval and span.
import { strict as assert } from 'assert';
import { candleSetLabel, historyText, isReplayLabel, pairSourceLabel, sourceName, symbolSourceLabel } from '../../src/shared/dataSource';

const RECORDING = 'REPLAY 2024-07-18 recording';
const CANDLES = 'REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades';
const labels = { feed: RECORDING, bySymbol: { LINKUSDT: CANDLES, NEARUSDT: CANDLES } };

describe('data-source labels', () => {
  it('a symbol takes its own label, else the feed label, else none (plain live)', () => {
    assert.equal(symbolSourceLabel(labels, 'LINKUSDT'), CANDLES);
    assert.equal(symbolSourceLabel(labels, 'BTCUSDT'), RECORDING);
    assert.equal(symbolSourceLabel({}, 'BTCUSDT'), undefined);
    assert.equal(symbolSourceLabel({ feed: '', bySymbol: { LINKUSDT: '' } }, 'LINKUSDT'), undefined);
    assert.equal(symbolSourceLabel({ bySymbol: { LINKUSDT: CANDLES } }, 'BTCUSDT'), undefined);
  });

  it('a candle pair says candles, the recording pair says the recording, a mixed pair says both', () => {
    assert.equal(pairSourceLabel(labels, ['LINKUSDT', 'NEARUSDT']), CANDLES);
    assert.equal(pairSourceLabel(labels, ['BTCUSDT', 'ETHUSDT']), RECORDING);
    assert.equal(pairSourceLabel(labels, ['LINKUSDT', 'BTCUSDT']), `LINKUSDT: ${CANDLES}; BTCUSDT: ${RECORDING}`);
    assert.equal(pairSourceLabel({ bySymbol: { LINKUSDT: CANDLES } }, ['BTCUSDT', 'LINKUSDT']), `BTCUSDT: live; LINKUSDT: ${CANDLES}`);
    assert.equal(pairSourceLabel({}, ['BTCUSDT', 'ETHUSDT']), undefined);
    assert.equal(sourceName({ source: 'live', sourceLabel: pairSourceLabel({}, ['BTCUSDT', 'ETHUSDT']) }), 'live');
    assert.equal(sourceName({ source: 'live', sourceLabel: pairSourceLabel(labels, ['LINKUSDT', 'NEARUSDT']) }), CANDLES);
  });

  it('a replay is recognised in a plain label and in either leg of a mixed one, never in a live one', () => {
    assert.equal(isReplayLabel(RECORDING), true);
    assert.equal(isReplayLabel(CANDLES), true);
    assert.equal(isReplayLabel(`LINKUSDT: ${CANDLES}; BTCUSDT: ${RECORDING}`), true);
    assert.equal(isReplayLabel(`BTCUSDT: live; LINKUSDT: ${CANDLES}`), true);
    assert.equal(isReplayLabel('BTCUSDT: live; ETHUSDT: live'), false);
    assert.equal(isReplayLabel('Binance testnet (no replay)'), false);
    assert.equal(isReplayLabel(undefined), false);
    assert.equal(isReplayLabel(''), false);
  });

  it('a candle set is labelled with its interval and its own span (UTC days of the open times)', () => {
    assert.equal(candleSetLabel('1m', Date.UTC(2026, 1, 1, 0, 0), Date.UTC(2026, 1, 28, 23, 59)), CANDLES);
    assert.equal(
      candleSetLabel('1h', Date.UTC(2024, 9, 23, 8), Date.UTC(2025, 9, 23, 2)),
      'REPLAY candles 1h 2024-10-23…2025-10-23 (rebased), history only — no live trades',
    );
  });

  it('says where history ends, and that nothing followed it when no trade came (candles are history only)', () => {
    const at = Date.UTC(2026, 11, 1, 10, 5);
    const hhmm = (t: number) => `${new Date(t).toISOString().slice(11, 16)} UTC`;
    assert.equal(historyText({ source: 'live', sourceLabel: RECORDING, liveFrom: at, lastTradeTime: at + 1500 }, hhmm), `history before 10:05 UTC, ${RECORDING} after`);
    assert.equal(historyText({ source: 'live', sourceLabel: CANDLES, liveFrom: at }, hhmm), `history up to 10:05 UTC (${CANDLES}), no trades since`);
    assert.equal(historyText({ source: 'live', lastTradeTime: at }, hhmm), 'live', 'still warming: no history boundary yet');
    assert.equal(historyText({ source: 'imported', sourceLabel: 'a.csv', liveFrom: at }, hhmm), 'imported: a.csv');
  });
});
