// Scenario 7: Save CSV from the palette. The file appears in the workspace folder with the parameters
// header and one row per bar, and its numbers match what the dashboard shows for the same bars.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { useSession } from './harness/useSession';
import { clickTreeRowAction, notifications, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

function csvFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv')).map((f) => path.join(dir, f));
}

/** The dashboard's number format: fixed digits, exponent for very large or tiny magnitudes. */
function asShown(v: number, digits: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-4) ? v.toExponential(3) : v.toFixed(digits);
}

describe('Scenario 7: Save CSV', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });

  it('writes the pair to a CSV in the workspace: parameters header, one row per bar, numbers as on the dashboard', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL} with z`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL) && /z [+-]?\d/.test(r)), {
      timeoutMs: 120_000,
    });
    await clickTreeRowAction(s.page, PAIR_LABEL, 'Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
    assert.deepStrictEqual(csvFiles(s.workspaceDir), [], 'the workspace should start without CSV files');

    await runCommand(s.page, 'Quant Pairs: Save CSV');
    const [file] = await waitFor('a CSV file in the workspace folder', () => {
      const files = csvFiles(s.workspaceDir);
      return files.length && fs.statSync(files[0]).size > 0 ? files : undefined;
    }, { timeoutMs: 30_000 });
    await waitFor('the "saved" notification', async () => (await notifications(s.page)).some((n) => n.label.includes(path.basename(file))), { timeoutMs: 15_000 });
    // Read the dashboard's table right after the save: its newest bars are the file's last ones.
    const shown = await frame.locator('#qp-bars-table tr[data-time]').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-time') ?? '', ...Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())]),
    );

    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    const params = new Map(lines.filter((l) => l.startsWith('# ')).map((l) => [l.slice(2, l.indexOf(',')), l.slice(l.indexOf(',') + 1)]));
    assert.strictEqual(params.get('pair'), 'BTCUSDT/ETHUSDT');
    assert.strictEqual(params.get('timeframe'), '1s');
    assert.strictEqual(params.get('window'), '30');
    assert.strictEqual(params.get('regression'), 'ols');
    assert.ok(params.get('data_source')?.includes(s.exchange.restBaseUrl.replace(/:\d+$/, '')), `data_source: ${params.get('data_source')}`);

    const body = lines.filter((l) => !l.startsWith('#'));
    const header = body[0].split(',');
    const rows = body.slice(1).map((l) => l.split(','));
    assert.strictEqual(rows.length, Number(params.get('bars')), '# bars does not match the number of rows');
    const col = (name: string) => {
      const i = header.indexOf(name);
      assert.ok(i >= 0, `column ${name} missing from ${header.join(',')}`);
      return i;
    };
    const [tMs, yClose, xClose, beta, z] = ['time_ms', 'y_close', 'x_close', 'beta', 'z'].map(col);
    const times = rows.map((r) => Number(r[tMs]));
    for (let i = 1; i < times.length; i++) assert.strictEqual(times[i] - times[i - 1], 1000, `rows are not one per 1 s bar at ${i}: ${times[i - 1]} → ${times[i]}`);
    assert.ok(rows.length >= 30, `only ${rows.length} bars saved`);

    const byTime = new Map(rows.map((r) => [Number(r[tMs]), r]));
    let compared = 0;
    for (const [time, , y, x, b, , , zText] of shown) {
      const r = byTime.get(Number(time));
      if (!r) continue; // bars that closed after the save
      compared++;
      assert.strictEqual(asShown(Number(r[yClose]), 2), y, `y close at ${time}`);
      assert.strictEqual(asShown(Number(r[xClose]), 2), x, `x close at ${time}`);
      if (b !== '—') assert.strictEqual(asShown(Number(r[beta]), 4), b, `β at ${time}`);
      if (zText !== '—') assert.strictEqual(asShown(Number(r[z]), 3), zText, `z at ${time}`);
    }
    assert.ok(compared >= 20, `only ${compared} dashboard bars found in the CSV`);
  });
});
