// Scenario 4: the dashboard opens from the tree; inside the webview frame every chart has drawn data
// (counted from the SVG ApexCharts renders), the statistics table is filled after Run tests and
// Backtest, and the dashboard keeps updating as trades arrive. A screenshot is kept for the record.
import assert from 'assert';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { artifactDir } from './harness/artifacts';
import { drawnCharts } from './harness/charts';
import { useSession } from './harness/useSession';
import { clickTreeRowAction, notifications, openViewContainer, treeRows, webviewFrame } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const CHARTS = ['prices', 'spread', 'z', 'corr', 'volume', 'equity'];

describe('Scenario 4: dashboard', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });

  it('opens from the tree; every chart has data, the statistics are filled, and it keeps updating', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
    await clickTreeRowAction(s.page, PAIR_LABEL, 'Open Dashboard');

    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
    assert.strictEqual(await frame.locator('#qp-title').textContent(), PAIR_LABEL);
    await waitFor('the dashboard to show the pair live (window filled)', async () => (await frame.locator('#qp-status').getAttribute('data-status')) === 'live', {
      timeoutMs: 120_000,
    });

    // The user's buttons inside the webview: the tests fill the statistics, the backtest the equity chart.
    // The equity curve has a point per bar with a z: when the window has only just filled (the replay may join
    // the recording near its start, with little history) there is one, so wait for a few before backtesting.
    await frame.locator('#qp-btn-tests').click();
    await waitFor('a few bars with a z', async () => Number(await frame.locator('#chart-z').getAttribute('data-points')) >= 3, { timeoutMs: 60_000 });
    await frame.locator('#qp-btn-backtest').click();

    const charts = await waitFor(
      'every chart to draw at least 2 points in every series',
      async () => {
        const drawn = await drawnCharts(frame);
        const complete = CHARTS.every((key) => {
          const c = drawn.find((d) => d.key === key);
          return c && !c.error && c.series.length > 0 && c.series.every((ser) => ser.points >= 2);
        });
        return complete ? drawn : undefined;
      },
      { timeoutMs: 60_000 },
    ).catch(async (err) => {
      throw new Error(`${(err as Error).message}; drawn: ${JSON.stringify(await drawnCharts(frame))}`);
    });
    assert.deepStrictEqual(charts.map((c) => c.key).sort(), [...CHARTS].sort(), 'unexpected set of charts');

    const stats = await waitFor(
      'the statistics table to be filled',
      async () => {
        const rows = await frame.locator('#qp-stats-table tr[data-stat]').evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-stat') ?? '', (tr.querySelector('td')?.textContent ?? '').trim()] as const),
        );
        const byKey = new Map(rows);
        const needed = ['beta', 'alpha', 'spread', 'z', 'corr-returns', 'adf-stat', 'adf-p', 'eg-p', 'bt-trades'];
        return needed.every((k) => byKey.has(k) && byKey.get(k) !== '' && byKey.get(k) !== '—' && byKey.get(k) !== 'not run') ? byKey : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const adfP = Number(stats.get('adf-p'));
    assert.ok(adfP >= 0 && adfP <= 1, `ADF p-value out of [0, 1]: ${stats.get('adf-p')}`);
    // β's sign over 30 one-second bars depends on the stretch the replay joined; that it is a number is checked here,
    // its value against an independent OLS in scenario 3.
    assert.ok(Number.isFinite(Number(stats.get('beta'))), `β is not a number: ${stats.get('beta')}`);

    // Keeps updating: new trades are drawn and new bars appended while we watch.
    const drawnTime = async () => Number(await frame.locator('#qp-root').getAttribute('data-last-drawn-trade-time'));
    const bars = async () => Number(await frame.locator('#qp-root').getAttribute('data-bars'));
    const [t0, b0] = [await drawnTime(), await bars()];
    await waitFor('a newer trade to be drawn and a new bar appended', async () => (await drawnTime()) > t0 && (await bars()) > b0, { timeoutMs: 30_000 });

    const shot = path.join(artifactDir('record'), 'dashboard.png');
    await s.page.screenshot({ path: shot });
    console.log(`      dashboard screenshot: ${shot}`);

    const errors = (await notifications(s.page)).filter((n) => n.severity === 'error');
    assert.deepStrictEqual(errors, [], `error notifications: ${errors.map((e) => e.label).join(' | ')}`);
  });
});

describe('Scenario 4: dashboard pair select', function () {
  const OTHER = { y: 'ETHUSDT', x: 'BTCUSDT' } as const;
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR, OTHER] } });

  it("the dashboard's pair select shows the pair chosen with the mouse, then with the keyboard", async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
    await clickTreeRowAction(s.page, PAIR_LABEL, 'Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
    await waitFor('the dashboard on the first pair', async () => (await frame.locator('#qp-title').textContent()) === PAIR_LABEL, { timeoutMs: 20_000 });
    // The mouse: open the select, click the other pair's option.
    await frame.locator('#qp-pair-select').click();
    // The list the select draws in its shadow root (the slotted vscode-option elements stay hidden).
    await frame.locator('#qp-pair-select li[role="option"]', { hasText: `${OTHER.y}/${OTHER.x}` }).click();
    const other = `${OTHER.y} / ${OTHER.x}`;
    await waitFor(`the dashboard on ${other}`, async () => (await frame.locator('#qp-title').textContent()) === other, { timeoutMs: 10_000 }).catch(async (err) => {
      throw new Error(`${(err as Error).message}; title ${await frame.locator('#qp-title').textContent()}, select value ${await frame.locator('#qp-pair-select').evaluate((el) => (el as HTMLElement & { value: string }).value)}`);
    });
    assert.ok((await s.page.locator('.tab.active').first().textContent())?.includes(`${OTHER.y} / ${OTHER.x}`), 'the tab names the pair shown');
    // The keyboard: on the select, Enter opens it, arrow to the first pair, Enter. Each key is sent again until the
    // select shows what it did: vscode-single-select activates the selected option in an update after its list
    // opens, and an arrow that lands before that update is undone (seen in CI: Enter then chose the pair shown).
    // An arrow on the first option does nothing, so sending it again is safe.
    const select = frame.locator('#qp-pair-select');
    const activeOption = select.locator('li[role="option"].active');
    const first = `${DEMO_PAIR.y}/${DEMO_PAIR.x}`;
    await waitFor(`${first} active in the open list`, async () => {
      if (!(await select.evaluate((el) => (el as HTMLElement & { open: boolean }).open))) {
        await select.press('Enter');
        return false;
      }
      if ((await activeOption.textContent().catch(() => ''))?.trim() === first) return true;
      await select.press('ArrowUp');
      return false;
    }, { timeoutMs: 10_000, intervalMs: 150 });
    await select.press('Enter');
    await waitFor(`the dashboard back on ${PAIR_LABEL}`, async () => (await frame.locator('#qp-title').textContent()) === PAIR_LABEL, { timeoutMs: 10_000 });
  });
});
