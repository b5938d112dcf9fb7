// `scan` through the built bundles (dist-like temp dir: cli.js + scanWorker.js side by side, as esbuild.js
// makes them): files of a small synthetic universe, and --rest against the local universe exchange.
import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { build } from 'esbuild';
import { ROOT } from './statsCli';
import { syntheticUniverse } from '../../tools/local-exchange/syntheticUniverse';
import { startUniverseExchange } from '../../tools/local-exchange/universeServer';

const RESULT_KEYS = ['y', 'x', 'corr', 'beta', 'egP', 'egPReverse', 'p', 'q', 'qAll', 'johansenTrace', 'johansenCrit95', 'halfLife', 'hurst', 'crossingsPer100', 'oosP', 'oosHalfLife', 'passes'];

function runCli(cli: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CLI scan', function () {
  this.timeout(120_000);
  const universe = syntheticUniverse({ symbols: 30, bars: 801, plantedPairs: 4, seed: 5, halfLifeRange: [1.5, 4] });
  let dir: string;
  let cli: string;
  const files: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scan-cli-'));
    cli = join(dir, 'cli.js');
    const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'silent' as const };
    await build({ ...common, entryPoints: [join(ROOT, 'src/cli/cli.ts')], outfile: cli });
    await build({ ...common, entryPoints: [join(ROOT, 'src/engine/scan/scanWorker.ts')], outfile: join(dir, 'scanWorker.js') });
    for (const s of universe.symbols.slice(0, 30)) {
      const rows = ['open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore'];
      for (let t = 0; t < s.openTimes.length - 1; t++) rows.push(`${s.openTimes[t]},${s.open[t]},${s.high[t]},${s.low[t]},${s.close[t]},${s.volume[t]},,,,,,`);
      const file = join(dir, `${s.symbol}.csv`);
      writeFileSync(file, rows.join('\n') + '\n');
      files.push(file);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scans OHLC files: the documented JSON, planted pairs passing, the rule stated', async () => {
    const r = await runCli(cli, ['scan', ...files, '--timeframe', '1h', '--bars', '750', '--top', '100']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['symbols', 'excluded', 'pairsTotal', 'screened', 'parameters', 'results']);
    assert.equal(out.symbols.length, 30);
    assert.equal(out.pairsTotal, 435);
    assert.equal(out.screened, 100);
    assert.equal(out.results.length, 100);
    for (const row of out.results) assert.deepEqual(Object.keys(row), RESULT_KEYS);
    assert.match(out.parameters.passRule, /q ≤ 0.05 and oosP ≤ 0.05 and 1 ≤ halfLife ≤ 187.5 bars/);
    const key = (a: string, b: string) => [a, b].sort().join('/');
    const passing = new Set(out.results.filter((x: { passes: boolean }) => x.passes).map((x: { y: string; x: string }) => key(x.y, x.x)));
    for (const p of universe.planted) assert.ok(passing.has(key(p.y, p.x)), `planted ${p.y}/${p.x} (HL ${p.halfLife.toFixed(1)}) passes`);
    assert.match(r.stderr, /30 symbols \(0 excluded\), 435 pairs, 100 screened, \d+ pass/);
  });

  it('4h from 1h files, CSV with the parameters header; bad options refused by name', async () => {
    const r = await runCli(cli, ['scan', ...files.slice(0, 6), '--timeframe', '4h', '--bars', '150', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^# pair scan: 6 symbols, 15 pairs, 15 screened/);
    assert.match(lines[1], /passes when q ≤ 0.05/);
    assert.equal(lines[3], 'y,x,corr,beta,betaReverse,egP,egPReverse,p,q,qAll,johansenTrace,johansenCrit95,halfLife,hurst,crossingsPer100,sigmaBp,oosP,oosHalfLife,passes');
    assert.equal(lines.length, 4 + 15);
    const bad = await runCli(cli, ['scan', ...files.slice(0, 2), '--timeframe', '1m']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /1h candles cannot make 1m bars/);
    const unknown = await runCli(cli, ['scan', ...files.slice(0, 2), '--window', '3']);
    assert.match(unknown.stderr, /unknown option --window/);
  });

  it('--rest: the top N perpetuals by 24 h quote volume from the local exchange, the rest excluded and listed', async () => {
    const exchange = await startUniverseExchange(universe);
    try {
      const r = await runCli(cli, ['scan', '--rest', exchange.restBaseUrl, '--universe', 'top:20', '--timeframe', '1h', '--bars', '750']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      const byVolume = universe.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING').sort((a, b) => b.quoteVolume24h - a.quoteVolume24h);
      assert.deepEqual([...out.symbols].sort(), byVolume.slice(0, 20).map((s) => s.symbol).sort());
      assert.deepEqual(out.excluded.map((e: { symbol: string }) => e.symbol).sort(), ['SYNQTRUSDT_261225', 'SYNSETTLEUSDT']);
      assert.equal(out.pairsTotal, 190);
    } finally {
      await exchange.close();
    }
  });
});
