// `adf` through the built CLI bundle on statsmodels' macrodata.csv, against statsmodels' published figures.
import { strict as assert } from 'assert';
import { buildStatsCli, MACRODATA, type StatsCli } from './statsCli';
import { assertClose } from '../engine/analytics/assertClose';
import { macroColumn } from '../engine/analytics/statsmodelsFixtures';

describe('CLI adf', () => {
  let cli: StatsCli;
  before(async () => {
    cli = await buildStatsCli('adf-cli-');
  });
  after(() => cli.dispose());

  it('realgdp, maxlag 4, no autolag: statsmodels’ figures and the documented JSON keys', () => {
    const r = cli.run('adf', MACRODATA, '--column', 'realgdp', '--maxlag', '4', '--autolag', 'none');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['stat', 'pvalue', 'usedLag', 'nobs', 'critical', 'icBest']);
    assertClose(out.stat, 0.9750516118294814, 1e-6);
    assertClose(out.pvalue, 0.993995613328423, 1e-6);
    assert.equal(out.usedLag, 4);
    assert.equal(out.nobs, 198);
    assertClose(out.critical['1%'], -3.463815171, 0, 1e-9);
    assertClose(out.critical['5%'], -2.876250632, 0, 1e-9);
    assertClose(out.critical['10%'], -2.574611348, 0, 1e-9);
    assert.equal(out.icBest, null);
  });

  it('infl by column index (12, 0-based), regression ct, maxlag 1', () => {
    const r = cli.run('adf', MACRODATA, '--column', '12', '--regression', 'ct', '--maxlag', '1', '--autolag', 'none');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assertClose(out.stat, -4.425093105186976, 1e-6);
    assertClose(out.pvalue, 0.0019963240195169513, 1e-6);
    assert.equal(out.nobs, 201);
  });

  it('a file of one number per line: log(realgdp) with AIC picks lag 2', () => {
    const path = cli.file('loggdp.txt', macroColumn('realgdp').map((v) => String(Math.log(v))).join('\n') + '\n');
    const r = cli.run('adf', path);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assertClose(out.stat, -1.7953507663202362, 1e-6);
    assertClose(out.pvalue, 0.38277233991493737, 1e-6);
    assert.equal(out.usedLag, 2);
    assert.equal(out.nobs, 200);
    assert.equal(typeof out.icBest, 'number');
  });

  it('bad input exits non-zero with a one-line reason', () => {
    const cases: Array<[string[], RegExp]> = [
      [['adf', cli.dir + '/missing.txt'], /Cannot read/],
      [['adf', cli.file('text.txt', '1\n2\nabc\n4\n'), '--maxlag', '0'], /line 3.*"abc" is not a number/],
      [['adf', cli.file('short.txt', '1\n2\n3\n')], /too few/],
      [['adf', cli.file('flat.txt', '5\n'.repeat(40))], /constant/],
      [['adf', MACRODATA], /choose --column/],
      [['adf', MACRODATA, '--column', 'nope'], /no column "nope"/],
      [['adf', MACRODATA, '--column', 'infl', '--regression', 'x'], /--regression must be one of/],
      [['adf', MACRODATA, '--column', 'infl', '--maxlag', '-1'], /maxlag/],
      [['adf', MACRODATA, '--column', 'infl', '--bogus', '1'], /unknown option --bogus/],
    ];
    for (const [args, reason] of cases) {
      const r = cli.run(...args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], reason);
    }
  });
});
