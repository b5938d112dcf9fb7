// The short soak in `npm test`: two compressed hours of the real recordings (looped, when present) and the
// synthetic pair against the in-process local exchange, with the same fault schedule as `npm run soak`.
// Every delivered id is checked against the exchange's REST history by an independent ledger.
import { strict as assert } from 'assert';
import { dayScenario } from '../../bench/soak/scenarios';
import { runSoak, type SoakReport } from '../../bench/soak/runSoak';

const HOUR = 3_600_000;

describe('reliability/short soak (2 exchange hours at 360×, faults on a schedule)', function () {
  this.timeout(90_000);
  let report: SoakReport;

  before(async () => {
    report = await runSoak(dayScenario({ speed: 360, durationMs: 2 * HOUR, exchangeInChild: false, maxConnectionAgeMs: 3 * HOUR, unrepairableCount: 3 }));
  });

  it('loses no trade and doubles none', () => {
    assert.ok(report.aggTradesInWindow > 10_000, `only ${report.aggTradesInWindow} aggTrades in the window`);
    assert.equal(report.lost, 0, report.failures.join('; '));
    assert.equal(report.duplicated, 0);
    assert.ok(report.stored >= report.aggTradesInWindow, `stored ${report.stored} < ${report.aggTradesInWindow}`);
  });

  it('reports exactly the gaps the exchange made unrepairable, and repairs the others', () => {
    assert.equal(report.unrepairedGapsInjected, 3);
    assert.equal(report.unrepairedGapsReported, 3);
    assert.equal(report.unexpectedUnrepaired, 0);
    assert.equal(report.missingReports, 0);
    assert.ok(report.repairedGaps >= 5, `repaired ${report.repairedGaps}`);
  });

  it('went through the faults it claims: reconnects, malformed frames, duplicates, 429 and 418, REST 500s', () => {
    assert.ok(report.reconnects >= 4, `reconnects ${report.reconnects}`);
    assert.ok(report.malformedFrames >= 8, `malformed ${report.malformedFrames}`);
    assert.ok(report.duplicatesDropped >= 40, `duplicates dropped ${report.duplicatesDropped}`);
    assert.ok((report.restByStatus['429'] ?? 0) >= 1 && (report.restByStatus['418'] ?? 0) >= 1, JSON.stringify(report.restByStatus));
    assert.ok((report.restByStatus['500'] ?? 0) >= 1, JSON.stringify(report.restByStatus));
    assert.ok(report.restPeakWeight1m <= report.restWeightLimit, `weight ${report.restPeakWeight1m}`);
  });

  it('keeps every tick and bar finite and passes the whole verdict', () => {
    assert.equal(report.nonFinite, 0);
    assert.ok(report.bars1s > 0 && report.alignedPairBars > 0);
    assert.deepEqual(report.failures, []);
    assert.ok(report.ok);
  });
});
