// Scenario 3: the values the dashboard shows agree with an independent calculation on the same
// replayed data: 1 s closes computed in the test from the recording files, then textbook OLS and z.
import assert from 'assert';
import { waitFor } from '../../scripts/host/wait';
import { recordingFiles } from './harness/exchange';
import { olsZ, recordedOneSecondCloses } from './harness/recordingBars';
import { useSession } from './harness/useSession';
import { clickTreeRowAction, openViewContainer, treeRows, webviewFrame } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const WINDOW = Number(FAST_PAIR_SETTINGS['quantPairs.window']);
const SHIFT_UNIT_MS = 300_000; // the exchange rebases the recording by whole multiples of 5 minutes

interface ShownBar {
  time: number;
  y: number;
  x: number;
  beta: number;
  alpha: number;
  spread: number;
  z: number;
}

describe('Scenario 3: values agree with an independent calculation', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });

  it('β, α, spread and z of the latest bar match OLS on 1 s closes computed from the recording', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
    await clickTreeRowAction(s.page, PAIR_LABEL, 'Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);

    // Newest first; wait until the newest row has a z (the window is full).
    const rows = await waitFor(
      'the per-bar table to show a bar with z',
      async () => {
        const cells = await frame.locator('#qp-bars-table tr[data-time]').evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-time') ?? '', ...Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())]),
        );
        const bars: ShownBar[] = cells.map((c) => ({
          time: Number(c[0]),
          y: Number(c[2]),
          x: Number(c[3]),
          beta: Number(c[4]),
          alpha: Number(c[5]),
          spread: Number(c[6]),
          z: Number(c[7]),
        }));
        return bars.length >= WINDOW && Number.isFinite(bars[0].z) ? bars : undefined;
      },
      { timeoutMs: 120_000 },
    );
    const latest = rows[0];
    const windowTimes = Array.from({ length: WINDOW }, (_, i) => latest.time - (WINDOW - 1 - i) * 1000);

    const files = recordingFiles();
    const btc = recordedOneSecondCloses(files, DEMO_PAIR.y);
    const eth = recordedOneSecondCloses(files, DEMO_PAIR.x);
    // Which 5-minute shift maps the replayed bar times onto the recording: the one whose closes match.
    const shifts: number[] = [];
    for (let k = Math.floor((windowTimes[0] - btc.to) / SHIFT_UNIT_MS); k <= Math.ceil((latest.time - btc.from) / SHIFT_UNIT_MS); k++) {
      const shift = k * SHIFT_UNIT_MS;
      const ok = rows.every((r) => btc.closeAt(r.time - shift) === r.y && eth.closeAt(r.time - shift) === r.x);
      if (ok) shifts.push(shift);
    }
    assert.strictEqual(shifts.length, 1, `the shown closes should match the recording under exactly one 5-minute shift, found ${shifts.length}`);
    const shift = shifts[0];

    const y = windowTimes.map((t) => btc.closeAt(t - shift)!);
    const x = windowTimes.map((t) => eth.closeAt(t - shift)!);
    const ref = olsZ(y, x);
    // The table rounds β, α, spread to 4 decimals and z to 3: agreement within that rounding.
    const near = (name: string, shown: number, expected: number, halfUlp: number) =>
      assert.ok(Math.abs(shown - expected) <= halfUlp * 1.001 + 1e-9, `${name}: shown ${shown}, independent ${expected}`);
    near('β', latest.beta, ref.beta, 0.5e-4);
    near('α', latest.alpha, ref.alpha, 0.5e-4 + Math.abs(ref.alpha) * 1e-9);
    near('spread', latest.spread, ref.spread, 0.5e-4);
    near('z', latest.z, ref.z, 0.5e-3);
  });
});
