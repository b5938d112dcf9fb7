// Scenario 11: the in-host suite (test/inhost/suite.ts: commands, desk, configuration round trips,
// the dashboard panel) runs inside code-server's Node extension host, against the installed .vsix
// and the local exchange; its pass/fail count reaches this runner, and any in-host failure fails here.
import assert from 'assert';
import { runInHostSuite } from './harness/inhost';
import { DEMO_PAIR, FAST_PAIR_SETTINGS } from './settings';

describe('Scenario 11: the in-host suite in the real extension host', function () {
  it('runs every in-host test and all pass', async function () {
    this.timeout(420_000);
    const result = await runInHostSuite({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });
    console.log(`      in-host: ${result.passed} passed, ${result.failed} failed`);
    for (const line of result.lines.filter((l) => l.includes('FAIL'))) console.log(`      ${line}`);
    assert.strictEqual(result.failed, 0, result.lines.join('\n'));
    assert.strictEqual(result.exitCode, 0, `the in-host runner exited ${result.exitCode}:\n${result.lines.join('\n')}`);
    assert.ok(result.passed >= 7, `only ${result.passed} in-host tests reported passing:\n${result.lines.join('\n')}`);
  });
});
