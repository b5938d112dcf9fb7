// `npm run soak`: a compressed day against the local exchange (in a child process) with faults on a
// schedule, then 20 pairs over 12 symbols on one connection. Prints each scenario's figures; the last line
// is one JSON object with all of them. Exits non-zero on a lost or duplicated id, an unrepaired gap that
// the exchange did not make unrepairable, a non-finite value, a late bar tick, a tick store holding more
// than its history or more chunks than that history needs, or heap growth after warm-up (> 8 MB after GC).
// SOAK_SPEED (default 360: a day in 4 minutes) and SOAK_HOURS (default 24) scale it.
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { dayScenario, manyPairsScenario, type ScenarioSize } from './soak/scenarios';
import { runSoak, type SoakReport } from './soak/runSoak';

const HOUR = 3_600_000;

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const speed = Number(process.env.SOAK_SPEED ?? 360);
  const hours = Number(process.env.SOAK_HOURS ?? 24);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const size: ScenarioSize = { speed, durationMs: hours * HOUR, exchangeInChild: true, maxConnectionAgeMs: 3 * HOUR, unrepairableCount: 3, gc, log };
  const reports: SoakReport[] = [];
  reports.push(await runSoak(dayScenario(size)));
  printReport(reports[0]);
  const manySize: ScenarioSize = { ...size, durationMs: Math.min(size.durationMs, 12 * HOUR) };
  reports.push(await runSoak(await manyPairsScenario(manySize)));
  printReport(reports[1]);
  const ok = reports.every((r) => r.ok);
  console.log(JSON.stringify({ ok, machine: 'shared 2-core machine, other jobs running', speed, day: reports[0], manyPairs: reports[1] }));
  process.exit(ok ? 0 : 1);
}

function printReport(r: SoakReport): void {
  console.log(`\n== ${r.scenario}: ${r.exchangeHours} exchange hours in ${r.realSeconds} s, ${r.symbols} symbols, ${r.pairs} pairs`);
  console.log(`trades sent ${r.tradesSent}, aggTrades in window ${r.aggTradesInWindow}, stored ${r.stored}, lost ${r.lost}, duplicated ${r.duplicated}`);
  console.log(`gaps repaired ${r.repairedGaps}, unrepaired reported ${r.unrepairedGapsReported} (injected ${r.unrepairedGapsInjected}, unexpected ${r.unexpectedUnrepaired}), reconnects ${r.reconnects}, server lifetime closes ${r.serverLifetimeCloses}`);
  console.log(`malformed ${r.malformedFrames}, duplicates dropped ${r.duplicatesDropped}, reordered ${r.outOfOrderFixed}, late bar ticks ${r.lateBarTicks}, non-finite ${r.nonFinite}`);
  console.log(`REST requests ${r.restRequests} ${JSON.stringify(r.restByStatus)}, peak weight ${r.restPeakWeight1m}/${r.restWeightLimit} per minute`);
  console.log(`bars 1s ${r.bars1s}, 1m ${r.bars1m}, aligned pair bars ${r.alignedPairBars}`);
  console.log(`memory MB ${JSON.stringify(r.memoryMB)}, heap growth after warm-up ${r.heapGrowthAfterWarmupMB} MB, store growth ${r.storeGrowthAfterWarmupMB} MB (bound ${r.storeBoundMB} MB, span ${r.storeSpanMinutes} min), longest stall ${r.maxStallMs} ms`);
  console.log(`worst stalls: ${r.worstStalls.map((w) => `${w.ms} ms at hour ${w.atHour} (after ${w.after})`).join('; ')}`);
  if (!r.ok) console.log(`FAILED: ${r.failures.join('; ')}`);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(2);
});
