import { strict as assert } from 'assert';
import { mkdtempSync, writeFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { importBars, importTicks } from '../../../src/engine/import/importFile';
import { wellFormedSymbol } from '../../../src/engine/symbols';

describe('symbols entering through imported files', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'qp-symbols-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts exchange symbols, upper-cased, and nothing else', () => {
    assert.equal(wellFormedSymbol('btcusdt'), 'BTCUSDT');
    assert.equal(wellFormedSymbol(' 1000SHIBUSDT '), '1000SHIBUSDT');
    assert.equal(wellFormedSymbol('BTCUSDT_260925'), 'BTCUSDT_260925');
    for (const bad of ['<img src=x onerror=alert(1)>', '=HYPERLINK("x")', '../etc', 'B', '_BTC', 'BTC USDT', '', 42, null]) {
      assert.equal(wellFormedSymbol(bad), undefined, String(bad));
    }
  });

  it('a collector NDJSON line whose symbol is markup is a bad line, not a tick', async () => {
    const file = join(dir, 'ticks.ndjson');
    writeFileSync(
      file,
      [
        '{"symbol":"BTCUSDT","ts":"2025-11-01T09:50:49.841Z","price":109983.4,"size":0.04}',
        '{"symbol":"<img src=x onerror=alert(1)>","ts":"2025-11-01T09:50:50.000Z","price":1,"size":1}',
      ].join('\n'),
    );
    const imp = importTicks(file);
    const symbols: string[] = [];
    for await (const t of imp) symbols.push(t.symbol);
    assert.deepEqual(symbols, ['BTCUSDT']);
    assert.equal(imp.report.bad, 1);
    assert.match(imp.report.firstErrors[0].message, /not an exchange symbol/);
  });

  it('an OHLC row whose symbol column holds a formula is a bad line', async () => {
    const file = join(dir, 'bars.csv');
    writeFileSync(file, ['symbol,time,open,high,low,close,volume', 'ETHUSDT,1721347020000,1,2,1,2,3', 'ETHUSDT,1721347080000,2,3,1,2,3', '=cmd|x,1721347080000,1,2,1,2,3'].join('\n'));
    const imp = importBars(file);
    const symbols: string[] = [];
    for await (const b of imp) symbols.push(b.symbol);
    assert.deepEqual(symbols, ['ETHUSDT', 'ETHUSDT']);
    assert.equal(imp.report.bad, 1);
  });
});
