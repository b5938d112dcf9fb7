// The soak's plan itself: 20 distinct pairs over 12 symbols, and a fault schedule that really contains what
// the report claims (drops, a silent socket, 429 before 418, REST outage, unrepairable gaps of distinct
// sizes, and a drop-free window longer than the connection age so the rotation happens).
import { strict as assert } from 'assert';
import { faultPlan, injectedUnrepairable } from '../../bench/soak/faultSchedule';
import { TWELVE_SYMBOLS, twentyPairs } from '../../bench/soak/scenarios';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('reliability/soak plan', () => {
  it('20 distinct unordered pairs over exactly the 12 symbols, no symbol paired with itself', () => {
    const pairs = twentyPairs(TWELVE_SYMBOLS);
    assert.equal(pairs.length, 20);
    assert.equal(new Set(pairs.map(([y, x]) => [y, x].sort().join('/'))).size, 20);
    assert.ok(pairs.every(([y, x]) => y !== x));
    assert.deepEqual(new Set(pairs.flat()), new Set(TWELVE_SYMBOLS));
    assert.equal(new Set(TWELVE_SYMBOLS).size, 12);
  });

  it('a day plan holds every fault kind, in order, inside the run, with a drop-free window for the rotation', () => {
    const maxAge = 3 * HOUR;
    const quietFrom = 15 * HOUR;
    const plan = faultPlan({
      durationMs: 24 * HOUR,
      symbols: ['BTCUSDT', 'ETHUSDT'],
      unrepairableSymbols: ['SYNAUSDT', 'SYNBUSDT'],
      dropEveryMs: 20 * MINUTE,
      silentRealMs: 2500,
      quietFromMs: quietFrom,
      quietToMs: quietFrom + 1.5 * maxAge,
      unrepairableCount: 3,
    });
    const kinds = new Set(plan.map((f) => f.action.kind));
    for (const k of ['drop', 'silent', 'skip', 'duplicate', 'reorder', 'malformed', 'rest', 'restDelay']) assert.ok(kinds.has(k as never), k);
    assert.ok(plan.every((f, i) => f.atMs >= 0 && f.atMs < 24 * HOUR && (i === 0 || plan[i - 1].atMs <= f.atMs)));
    const drops = plan.filter((f) => f.action.kind === 'drop').map((f) => f.atMs);
    assert.ok(drops.length >= 40, `${drops.length} drops`);
    assert.ok(!drops.some((t) => t >= quietFrom && t < quietFrom + 1.5 * maxAge), 'no drop in the quiet window');
    const rest = plan.filter((f) => f.action.kind === 'rest').map((f) => (f.action as { status: number }).status);
    assert.ok(rest.indexOf(429) >= 0 && rest.indexOf(429) < rest.indexOf(418), '429 is queued before 418');
    const injected = injectedUnrepairable(plan);
    assert.equal(injected.length, 3);
    assert.equal(new Set(injected.map((u) => u.count)).size, 3, 'sizes differ, so each report matches one injection');
    assert.ok(injected.every((u) => u.symbol.startsWith('SYN')));
    const repairable = plan.filter((f) => f.action.kind === 'skip' && !f.action.unrepairable);
    assert.ok(repairable.every((f) => f.action.kind === 'skip' && ['BTCUSDT', 'ETHUSDT'].includes(f.action.symbol)));
  });
});
