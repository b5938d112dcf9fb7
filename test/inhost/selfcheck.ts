// `npm run test:inhost:selfcheck`: proves that a failing in-host test fails the run. Adds one test that
// fails on purpose to the in-host suite, runs it in code-server's extension host, and exits 0 only if
// the failure came back to this runner (exit code 1, one failure counted, the others still passing).
// Kept out of `npm test` on purpose: it is a check of the runner, not of the extension.
import { runInHostSuite } from '../e2e/harness/inhost';
import { killAllSync } from '../../scripts/host/processes';
import { packageVsix } from '../../scripts/package';
import { ensureSystemPackages } from '../../scripts/system-packages';
import { FAST_PAIR_SETTINGS, DEMO_PAIR } from '../e2e/settings';

async function main(): Promise<void> {
  ensureSystemPackages(['browser']);
  packageVsix({ quiet: true, log: () => undefined });
  const result = await runInHostSuite({ deliberateFailure: true, settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });
  console.log(`[inhost self-check] in-host runner exit ${result.exitCode}: ${result.passed} passed, ${result.failed} failed`);
  const reported = result.lines.some((l) => /FAIL: .*deliberate failure/.test(l));
  if (result.exitCode === 1 && result.failed === 1 && reported && result.passed > 0) {
    console.log('[inhost self-check] OK: the deliberate in-host failure failed the run');
    return;
  }
  console.error(`[inhost self-check] NOT OK: the deliberate failure did not fail the run as expected\n${result.lines.join('\n')}`);
  process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(`[inhost self-check] could not run: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  })
  .finally(() => {
    killAllSync();
    setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
  });
