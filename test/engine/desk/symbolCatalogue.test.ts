// The symbol list's cache: fetched once per max age, a hung fetch is a NETWORK error within the bound, an
// expired list is used with a warning when the refresh fails, a 451 keeps its code.
import { strict as assert } from 'assert';
import { EngineError } from '../../../src/engine/errors';
import { SymbolCatalogue, withTimeout } from '../../../src/engine/desk/symbolCatalogue';
import type { SymbolInfo } from '../../../src/engine/desk/ports';

const BTC: SymbolInfo = { symbol: 'BTCUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' };

describe('SymbolCatalogue', () => {
  it('fetches once within the max age, again after it; an expired list is kept with a warning when the refresh fails', async () => {
    let now = 0;
    let fetches = 0;
    let fail = false;
    const warnings: string[] = [];
    const rest = { symbols: async () => { fetches++; if (fail) throw new Error('down'); return [BTC]; } };
    const catalogue = new SymbolCatalogue(rest, { source: 'exchangeInfo from X', now: () => now, timeoutMs: 1000, maxAgeMs: 100, warn: (m) => warnings.push(m) });
    assert.deepEqual(await catalogue.symbols(), [BTC]);
    now = 99;
    await catalogue.symbols();
    assert.equal(fetches, 1);
    now = 100;
    fail = true;
    assert.deepEqual(await catalogue.symbols(), [BTC]);
    assert.equal(fetches, 2);
    assert.match(warnings[0], /Symbol list not refreshed \(down\); using the one from 1970-01-01T00:00:00.000Z/);
  });

  it('no list yet: a hung fetch is NETWORK within the bound, naming the source; a 451 keeps RESTRICTED_LOCATION', async () => {
    const hung = new SymbolCatalogue({ symbols: () => new Promise<SymbolInfo[]>(() => {}) }, { source: 'exchangeInfo from X', now: () => 0, timeoutMs: 50, warn: () => {} });
    const started = Date.now();
    await assert.rejects(hung.symbols(), (e: unknown) => e instanceof EngineError && e.code === 'NETWORK' && /^Could not load the symbol list: exchangeInfo from X did not answer within 0\.1 s$/.test(e.message));
    assert.ok(Date.now() - started < 1000);
    const refused = new SymbolCatalogue({ symbols: async () => { throw new EngineError('RESTRICTED_LOCATION', 'HTTP 451'); } }, { source: 's', now: () => 0, timeoutMs: 50, warn: () => {} });
    await assert.rejects(refused.symbols(), (e: unknown) => e instanceof EngineError && e.code === 'RESTRICTED_LOCATION' && /HTTP 451/.test(e.message));
  });

  it('withTimeout: the value when in time, the bound in seconds in the message otherwise', async () => {
    assert.equal(await withTimeout(Promise.resolve(7), 50, 'x'), 7);
    await assert.rejects(withTimeout(new Promise(() => {}), 1500, 'klines'), /klines did not answer within 1\.5 s/);
  });
});
