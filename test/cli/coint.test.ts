// `coint` through the built CLI bundle on statsmodels' macrodata.csv, against statsmodels' figures.
import { strict as assert } from 'assert';
import { buildStatsCli, MACRODATA, type StatsCli } from './statsCli';
import { assertClose } from '../engine/analytics/assertClose';
import { loadCases } from '../engine/analytics/statsmodelsFixtures';

describe('CLI coint', () => {
  let cli: StatsCli;
  before(async () => {
    cli = await buildStatsCli('coint-cli-');
  });
  after(() => cli.dispose());

  it('coint(realcons, realgdp), trend c, maxlag 0: statsmodels’ published figures', () => {
    const r = cli.run('coint', MACRODATA, '--y', 'realcons', '--x', 'realgdp', '--maxlag', '0');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['beta', 'alpha', 'stat', 'pvalue', 'critical', 'halfLife']);
    assertClose(out.stat, -1.830170986148, 1e-6);
    assertClose(out.pvalue, 0.6149545601930599, 1e-6);
    assertClose(out.critical['1%'], -3.951478986373885, 0, 1e-9);
    assertClose(out.critical['5%'], -3.3665452338006077, 0, 1e-9);
    assertClose(out.critical['10%'], -3.06551269973532, 0, 1e-9);
    // β, α: statsmodels OLS(realcons, [realgdp, 1]) (coint_vectors.json).
    const [expected] = loadCases<{ expected: { beta: number; alpha: number } }>('coint_vectors.json');
    assertClose(out.beta, expected.expected.beta, 1e-9);
    assertClose(out.alpha, expected.expected.alpha, 1e-9);
    assert.ok(out.halfLife === null || out.halfLife > 0);
  });

  it('trend n by column index: no 2010 critical values, so critical is null', () => {
    const r = cli.run('coint', MACRODATA, '--y', '3', '--x', '2', '--trend', 'n');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assertClose(out.stat, 0.04815204568364718, 1e-6);
    assertClose(out.pvalue, 0.9450365518706334, 1e-6);
    assert.equal(out.critical, null);
    assert.equal(out.alpha, 0);
  });

  it('trend ctt (t and t² in the regression): statsmodels coint figures', () => {
    const expected = loadCases<{ name: string; expected: { beta: number; stat: number; pvalue: number; critical: Record<string, number> } }>('coint_vectors.json').find(
      (c) => c.name === 'realcons~realgdp ctt AIC',
    )!.expected;
    const r = cli.run('coint', MACRODATA, '--y', 'realcons', '--x', 'realgdp', '--trend', 'ctt');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assertClose(out.beta, expected.beta, 1e-9);
    assertClose(out.stat, expected.stat, 1e-6);
    assertClose(out.pvalue, expected.pvalue, 1e-6);
    assertClose(out.critical['5%'], expected.critical['5%'], 0, 1e-9);
  });

  it('bad input exits non-zero with a one-line reason', () => {
    const cases: Array<[string[], RegExp]> = [
      [['coint', MACRODATA, '--y', 'realcons'], /needs --y and --x/],
      [['coint', MACRODATA + '.nope', '--y', 'a', '--x', 'b'], /Cannot read/],
      [['coint', cli.file('text.csv', 'a,b\n1,2\n2,x\n3,5\n'), '--y', 'a', '--x', 'b'], /line 3, column b: "x" is not a number/],
      [['coint', cli.file('short.csv', 'a,b\n1,2\n2,1\n3,5\n'), '--y', 'a', '--x', 'b'], /too few/],
      [['coint', cli.file('flat.csv', 'a,b\n' + Array.from({ length: 30 }, (_, i) => `${i % 7},4`).join('\n')), '--y', 'a', '--x', 'b'], /constant/],
      [['coint', MACRODATA, '--y', 'realcons', '--x', 'realgdp', '--trend', 'cttt'], /--trend must be one of c, ct, ctt, n/],
    ];
    for (const [args, reason] of cases) {
      const r = cli.run(...args);
      assert.notEqual(r.code, 0, args.join(' '));
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], reason);
    }
  });
});
