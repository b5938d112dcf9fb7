// Scenario 21: Scan for Pairs in the demo's market, with its defaults. The exchange is composed as `npm start`
// composes it: the BTC/ETH recording (trades), the 1m candles of February 2026 and the 1h scan universe
// (klines/universe-1h, one real span, without the symbols the other two serve), each symbol labelled for its
// source. Accepting every default (Top N, 100, 1h, 1000 bars) finds pairs among the universe's symbols only; the
// panel names its data source (REST base and the candles' label), says when it finished in UTC, and its Add to
// desk column is in view; a pair added from it warms at 1h from the same candles and is labelled as them.
import assert from 'assert';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { demoPairs, REPLAY_LABEL } from '../../scripts/host/demo';
import { artifactDir } from './harness/artifacts';
import { setColorTheme } from './harness/theme';
import { useSession } from './harness/useSession';
import { expandTreeRow, notifications, openViewContainer, quickInputText, quickInputVisible, runCommand, treeRows, webviewFrame } from './harness/workbench';
import type { Page } from 'playwright-core';

/** Accepts what the picker or input box offers (its default) with Enter. */
async function acceptDefault(page: Page, expect: RegExp): Promise<string> {
  await waitFor(`a QuickPick or input box matching ${expect}`, async () => (await quickInputVisible(page)) && expect.test(await quickInputText(page)), { timeoutMs: 20_000 });
  const value = await page.locator('.quick-input-widget .quick-input-box input').inputValue();
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  return value;
}

describe('Scenario 21: Scan for Pairs with its defaults on the demo market', function () {
  // The demo's workspace: its two pairs (the candle pair and the recording's, whose trades keep the feed live).
  const session = useSession({
    candles: true,
    scanUniverse: true,
    settings: { 'quantPairs.dataSourceLabel': REPLAY_LABEL },
    workspaceFiles: { '.vscode/settings.json': JSON.stringify({ 'quantPairs.pairs': demoPairs(true, true) }, null, 2) },
  });

  it('finds pairs among the 1h universe only, names the source, UTC time, Add to desk in view; the added pair warms at 1h, labelled as the candles', async function () {
    this.timeout(300_000);
    const s = session();
    const universe = s.scanUniverse!;
    await s.page.setViewportSize({ width: 1400, height: 900 });
    await s.waitForActivation();
    await runCommand(s.page, 'Quant Pairs: Scan for Pairs');
    await acceptDefault(s.page, /universe/i);
    const top = await acceptDefault(s.page, /top perpetuals/i);
    await acceptDefault(s.page, /interval/i);
    const lookback = await acceptDefault(s.page, /lookback/i);
    assert.equal(lookback, '1000');
    const started = Date.now();

    const frame = await webviewFrame(s.page, '#qp-scanner[data-qp-state="ready"]', 240_000);
    await openViewContainer(s.page, 'Quant Pairs'); // the panel beside the pairs tree, as the walkthrough saw it
    const seconds = (Date.now() - started) / 1000;
    const rows = await frame.locator('#qp-scan-table tbody tr').count();
    const passing = Number(await frame.locator('#qp-scanner').getAttribute('data-passing'));
    const symbols = (await frame.locator('[data-metric="symbols"] span:last-child').textContent()) ?? '';
    const first = await frame.locator('#qp-scan-table tbody tr').first().getAttribute('data-pair');
    console.log(`      top ${top} × 1h × 1000: ${symbols} symbols, ${rows} rows, ${passing} pass, first ${first}, ${seconds.toFixed(1)} s`);
    assert.match(symbols, new RegExp(`^${top} \\(\\d+ excluded\\)$`), `every one of the top ${top} is a universe symbol with its 1000 bars`);
    assert.ok(rows > 0, 'no tested pair');
    // Every row's legs are universe symbols (never the recording's nor the 1m candles').
    const pairs = await frame.locator('#qp-scan-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.pair ?? ''));
    for (const p of pairs) for (const leg of p.split('/')) assert.ok(universe.symbols.includes(leg), `${p}: ${leg} is not in the 1h universe`);

    const source = (await frame.locator('#qp-scan-source').textContent()) ?? '';
    assert.match(source, /^Data: REST http:\/\/127\.0\.0\.1:\d+ · /);
    assert.ok(source.endsWith(universe.label), `source line: ${source}`);
    const status = (await frame.locator('#qp-scan-status').textContent()) ?? '';
    assert.match(status, /finished \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/, `status: ${status}`);
    // The 1m candles' symbols and the recording's were left out for their source, named with both labels.
    const excluded = (await frame.locator('#qp-scan-summary details span').textContent()) ?? '';
    assert.match(excluded, /LINKUSDT \(another data source \(REPLAY candles 1m 2026-02-01…02-28/);
    assert.ok(excluded.includes(`BTCUSDT (another data source (${REPLAY_LABEL})`), excluded.slice(0, 400));

    // The Add to desk button of the first row lies inside the table's visible box (it was clipped at the right edge).
    const add = frame.locator('#qp-scan-table tbody tr').first().locator('.qp-add');
    const box = await add.boundingBox();
    const tableBox = await frame.locator('#qp-scan-table-box').boundingBox();
    const overflow = await frame.evaluate(() => {
      const b = document.getElementById('qp-scan-table-box')!;
      return b.scrollWidth - b.clientWidth;
    });
    console.log(`      table box ${tableBox?.width.toFixed(0)} px wide, ${overflow} px more to scroll sideways`);
    assert.ok(box && tableBox && box.x >= tableBox.x && box.x + box.width <= tableBox.x + tableBox.width + 0.5, `Add to desk at ${JSON.stringify(box)}, table box ${JSON.stringify(tableBox)}`);
    await s.page.screenshot({ path: path.join(artifactDir('21-demo-scan'), 'scanner-demo-light.png') });
    await frame.locator('#qp-scan-table').scrollIntoViewIfNeeded();
    await s.page.screenshot({ path: path.join(artifactDir('21-demo-scan'), 'scanner-demo-table-light.png') });

    // Add to desk: the pair warms at 1h from the universe's candles and carries their label.
    const [y, x] = first!.split('/');
    await add.click();
    await openViewContainer(s.page, 'Quant Pairs');
    const label = `${y} / ${x}`;
    await waitFor(`${label} with z`, async () => (await treeRows(s.page)).find((r) => r.startsWith(label) && /z [+-]?\d+\.\d{2}/.test(r)), { timeoutMs: 60_000 });
    await expandTreeRow(s.page, label);
    // No trade comes for a candle symbol: after the silence threshold its feed row says so, with the candles' label.
    const legFeed = new RegExp(`^Feed (${y}|${x}) subscribed, no trades for \\d+ (s|min)`);
    const tree = await waitFor('its 1h row and candle-labelled feed rows', async () => {
      const now = await treeRows(s.page);
      return now.some((r) => /1h bars · window/.test(r)) && now.filter((r) => legFeed.test(r) && r.includes(universe.label)).length === 2 ? now : undefined;
    }, { timeoutMs: 40_000 });
    assert.ok(!tree.some((r) => new RegExp(`^Feed (${y}|${x})`).test(r) && r.includes(REPLAY_LABEL)), tree.join(' | '));

    // The same panel in the dark theme (the screenshot beside the light one).
    setColorTheme(s.workspaceDir, 'Default Dark Modern');
    await waitFor('the scanner in the dark theme', async () => /vscode-dark/.test((await frame.locator('body').getAttribute('class')) ?? ''), { timeoutMs: 20_000 });
    await frame.locator('#qp-scan-table').scrollIntoViewIfNeeded();
    await s.page.screenshot({ path: path.join(artifactDir('21-demo-scan'), 'scanner-demo-table-dark.png') });

    const errors = (await notifications(s.page)).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, [], `error notifications: ${errors.map((e) => e.label).join(' | ')}`);
  });
});
