import { strict as assert } from 'assert';
import type { ScannerRow } from '../../../src/shared/scannerProtocol';
import { COLUMNS, DEFAULT_TABLE_STATE, rowAtCell, toggleSort, visibleRows } from '../../../webview/scanner/scannerTable';

const row = (y: string, x: string, q: number, halfLife: number | null, passes: boolean): ScannerRow => ({
  y, x, corr: 0.7, beta: 1, p: q, q, qAll: q, johansenTrace: null, johansenCrit95: null, halfLife, hurst: 0.4, crossingsPer100: 5, oosP: 0.02, passes,
});
const rows = [row('BTCUSDT', 'ETHUSDT', 0.01, 20, true), row('SOLUSDT', 'AVAXUSDT', 0.2, null, false), row('ETHUSDT', 'LINKUSDT', 0.001, 5, true)];
const ids = (rs: ScannerRow[]) => rs.map((r) => `${r.y}/${r.x}`);

describe('webview/scanner/scannerTable', () => {
  it('sorts by q ascending by default, flips on a second click, and puts a missing half-life last either way', () => {
    assert.deepEqual(ids(visibleRows(rows, DEFAULT_TABLE_STATE)), ['ETHUSDT/LINKUSDT', 'BTCUSDT/ETHUSDT', 'SOLUSDT/AVAXUSDT']);
    const byHl = toggleSort(DEFAULT_TABLE_STATE, 'halfLife');
    assert.deepEqual(ids(visibleRows(rows, byHl)), ['ETHUSDT/LINKUSDT', 'BTCUSDT/ETHUSDT', 'SOLUSDT/AVAXUSDT']);
    assert.deepEqual(ids(visibleRows(rows, toggleSort(byHl, 'halfLife'))), ['BTCUSDT/ETHUSDT', 'ETHUSDT/LINKUSDT', 'SOLUSDT/AVAXUSDT']);
    assert.deepEqual(ids(visibleRows(rows, toggleSort(DEFAULT_TABLE_STATE, 'y'))), ['BTCUSDT/ETHUSDT', 'ETHUSDT/LINKUSDT', 'SOLUSDT/AVAXUSDT']);
  });

  it('filters by every word on either leg, case-insensitive, and by passing', () => {
    assert.deepEqual(ids(visibleRows(rows, { ...DEFAULT_TABLE_STATE, filter: 'eth' })), ['ETHUSDT/LINKUSDT', 'BTCUSDT/ETHUSDT']);
    assert.deepEqual(ids(visibleRows(rows, { ...DEFAULT_TABLE_STATE, filter: 'eth btc' })), ['BTCUSDT/ETHUSDT']);
    assert.deepEqual(ids(visibleRows(rows, { ...DEFAULT_TABLE_STATE, filter: 'BTC/ETH' })), ['BTCUSDT/ETHUSDT']);
    assert.deepEqual(ids(visibleRows(rows, { ...DEFAULT_TABLE_STATE, passingOnly: true, filter: 'sol' })), []);
  });

  it('has the columns of the issue, formatted (missing as –, small p in exponent form)', () => {
    assert.deepEqual(COLUMNS.map((c) => c.key), ['y', 'x', 'corr', 'beta', 'p', 'q', 'qAll', 'johansenTrace', 'halfLife', 'hurst', 'crossingsPer100', 'oosP', 'passes']);
    const fmt = (key: string, r: ScannerRow) => COLUMNS.find((c) => c.key === key)!.format(r);
    assert.equal(fmt('halfLife', rows[1]), '–');
    assert.equal(fmt('q', row('A', 'B', 3.2e-7, 1, true)), '3.2e-7');
    assert.equal(fmt('q', rows[0]), '0.0100');
    assert.equal(fmt('johansenTrace', { ...rows[0], johansenTrace: 21.34, johansenCrit95: 15.4943 }), '21.3 > 15.5');
  });

  it('a heatmap cell maps to its tested pair in either ordering (series drawn in reverse), none on the diagonal', () => {
    const symbols = ['ETHUSDT', 'LINKUSDT', 'BTCUSDT'];
    // Series 0 is the last symbol (BTCUSDT, drawn at the bottom); data point 0 is ETHUSDT.
    assert.equal(ids([rowAtCell(symbols, rows, 0, 0)!])[0], 'BTCUSDT/ETHUSDT');
    assert.equal(ids([rowAtCell(symbols, rows, 2, 2)!])[0], 'BTCUSDT/ETHUSDT');
    assert.equal(ids([rowAtCell(symbols, rows, 1, 0)!])[0], 'ETHUSDT/LINKUSDT');
    assert.equal(rowAtCell(symbols, rows, 1, 1), undefined, 'diagonal');
    assert.equal(rowAtCell(symbols, rows, 0, 1), undefined, 'BTC–LINK was not tested');
  });
});
