import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fundingRatesFromJson, parseFundingRates, readFundingRates } from '../../../src/engine/import/fundingRates';
import { EngineError } from '../../../src/engine/errors';

const parseError = (re: RegExp) => (e: unknown): boolean => e instanceof EngineError && e.code === 'PARSE_ERROR' && re.test(e.message);

describe('funding rates file', () => {
  it('reads the CSV (any column order, extra columns ignored), grouped per symbol, sorted by time', () => {
    const csv = 'fundingRate,symbol,fundingTime,markPrice\n-0.00002500,ETHUSDT,1721347200000,3425.1\n0.0001,ETHUSDT,1721318400000,\n0.00010000,btcusdt,1721347200000,\n';
    const m = parseFundingRates(csv);
    assert.deepEqual([...m.keys()], ['ETHUSDT', 'BTCUSDT']);
    assert.deepEqual(m.get('ETHUSDT'), [{ time: 1721318400000, rate: 0.0001 }, { time: 1721347200000, rate: -0.000025 }]);
    assert.deepEqual(m.get('BTCUSDT'), [{ time: 1721347200000, rate: 0.0001 }]);
  });

  it('reads the JSON array GET /fapi/v1/fundingRate returns (rates as strings)', () => {
    const body = [{ symbol: 'BTCUSDT', fundingTime: 1721347200000, fundingRate: '0.00010000', markPrice: '64000.1' }, { symbol: 'BTCUSDT', fundingTime: 1721361600000, fundingRate: '-0.00030000', markPrice: '' }];
    assert.deepEqual(parseFundingRates(JSON.stringify(body)).get('BTCUSDT'), [{ time: 1721347200000, rate: 0.0001 }, { time: 1721361600000, rate: -0.0003 }]);
    assert.deepEqual(fundingRatesFromJson(body).get('BTCUSDT')?.length, 2);
  });

  it('refuses what is not a funding rate list, naming the line', () => {
    assert.throws(() => parseFundingRates('time,rate\n1,2\n'), parseError(/header symbol,fundingTime,fundingRate/));
    assert.throws(() => parseFundingRates('symbol,fundingTime,fundingRate\nBTCUSDT,yesterday,0.0001\n'), parseError(/line 2: fundingTime must be epoch ms/));
    assert.throws(() => parseFundingRates('symbol,fundingTime,fundingRate\nBTCUSDT,1,\n'), parseError(/line 2: fundingRate/));
    assert.throws(() => parseFundingRates('symbol,fundingTime,fundingRate\nBTCUSDT,1,1721347200000\n'), parseError(/between −1 and 1/));
    assert.throws(() => parseFundingRates('symbol,fundingTime,fundingRate\n=HYPERLINK(1),1,0.1\n'), parseError(/exchange symbol/));
    assert.throws(() => parseFundingRates('symbol,fundingTime,fundingRate\nBTCUSDT,1,0.1\nBTCUSDT,1,0.2\n'), parseError(/two rates at 1/));
    assert.throws(() => parseFundingRates('[{"symbol": "BTCUSDT"'), parseError(/bad JSON/));
    assert.throws(() => parseFundingRates('[1]'), parseError(/item 0: not an object/));
    assert.throws(() => fundingRatesFromJson({ code: -1121, msg: 'Invalid symbol.' }), parseError(/expected a JSON array/));
  });

  it('reads files, gzip too; a missing file is FILE_UNREADABLE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qp-funding-'));
    try {
      const text = 'symbol,fundingTime,fundingRate\nETHUSDT,1721347200000,0.0001\n';
      writeFileSync(join(dir, 'f.csv.gz'), gzipSync(text));
      assert.deepEqual((await readFundingRates(join(dir, 'f.csv.gz'))).get('ETHUSDT'), [{ time: 1721347200000, rate: 0.0001 }]);
      await assert.rejects(readFundingRates(join(dir, 'none.csv')), (e: unknown) => e instanceof EngineError && e.code === 'FILE_UNREADABLE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
