// `johansen` through the built CLI bundle on statsmodels' own Johansen test data, against its figures.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildStatsCli, ROOT, type StatsCli } from './statsCli';
import { assertClose } from '../engine/analytics/assertClose';

const FIXTURES = join(ROOT, 'test/fixtures/statsmodels');

describe('CLI johansen', () => {
  let cli: StatsCli;
  let csv: string;
  before(async () => {
    cli = await buildStatsCli('johansen-cli-');
    // statsmodels' test_coint data (whitespace-separated) as a CSV with a header s0…s7.
    const rows = readFileSync(join(FIXTURES, 'johansen_test_coint.txt'), 'utf8').trim().split(/\r?\n/).map((l) => l.trim().split(/\s+/).map(Number));
    csv = cli.file('test_coint.csv', ['s0,s1,s2,s3,s4,s5,s6,s7', ...rows.map((r) => r.join(','))].join('\n') + '\n');
  });
  after(() => cli.dispose());

  it('8 columns, det_order 1, k_ar_diff 2: statsmodels’ published trace and max-eigenvalue figures', () => {
    const r = cli.run('johansen', csv, '--columns', 's0,s1,s2,s3,s4,s5,s6,s7', '--det-order', '1', '--k-ar-diff', '2');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['nobs', 'eig', 'trace', 'traceCrit', 'maxEig', 'maxEigCrit', 'evec']);
    assert.equal(out.nobs, 173 - 2 - 1);
    // statsmodels/tsa/vector_ar/tests/test_coint.py, TestCointJoh12.
    assertClose(out.trace[0], 241.985452556075, 1e-10);
    assertClose(out.trace[7], 3.295435325623445, 1e-10);
    assertClose(out.maxEig[0], 75.50730638981975, 1e-10);
    assertClose(out.eig[0], 0.3586376068088151, 1e-10);
    assert.deepEqual(out.traceCrit[0], [169.0618, 175.1584, 187.1891]);
    assert.deepEqual(out.maxEigCrit[7], [2.7055, 3.8415, 6.6349]);
    assert.equal(out.evec.length, 8);
    assert.equal(out.evec[0].length, 8);
    assertClose(Math.abs(out.evec[0][0]), 0.01102517075074406, 1e-8);
  });

  it('defaults det_order 0, k_ar_diff 1; columns by index', () => {
    const byName = JSON.parse(cli.run('johansen', csv, '--columns', 's0,s3,s5', '--det-order', '0', '--k-ar-diff', '1').stdout);
    const r = cli.run('johansen', csv, '--columns', '0,3,5');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), byName);
    assert.equal(byName.nobs, 171);
    assert.deepEqual(byName.traceCrit[0], [27.0669, 29.7961, 35.4628]); // statsmodels c_sjt(3, 0)
  });

  it('bad input exits non-zero with a one-line reason', () => {
    const cases: Array<[string[], RegExp]> = [
      [['johansen', csv], /--columns with 2 to 12/],
      [['johansen', csv, '--columns', 's0'], /--columns with 2 to 12/],
      [['johansen', csv, '--columns', 's0,nope'], /no column "nope"/],
      [['johansen', csv, '--columns', 's0,s0'], /same column twice/],
      [['johansen', csv, '--columns', 's0,s1', '--det-order', '2'], /--det-order must be -1, 0 or 1/],
      [['johansen', csv, '--columns', 's0,s1', '--k-ar-diff', '-1'], /needs a value|--k-ar-diff must be/],
      [['johansen', csv, '--columns', 's0,s1', '--k-ar-diff', 'x'], /--k-ar-diff must be a whole number/],
      [['johansen', cli.file('flat.csv', 'a,b\n' + Array.from({ length: 30 }, (_, i) => `${(i * 7) % 11},4`).join('\n')), '--columns', 'a,b'], /collinear/],
      [['johansen', cli.file('short.csv', 'a,b\n1,2\n2,1\n3,5\n'), '--columns', 'a,b'], /observations/],
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
