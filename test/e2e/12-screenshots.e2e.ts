// Scenario 12: the README's screenshots, taken from the real host in a light and a dark theme: the
// dashboard, the Pairs tree and the status bar, each as a small PNG. `npm run screenshots` writes them
// to docs/images/ (committed); a normal run writes them beside the other artifacts, and checks that
// the two themes really differ (a theme that was not applied would give the same picture twice).
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../scripts/host/wait';
import { artifactDir } from './harness/artifacts';
import { REPO_ROOT } from './harness/extensionInstall';
import { useSession } from './harness/useSession';
import { expandTreeRow, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern' },
  { name: 'dark', colorTheme: 'Default Dark Modern' },
] as const;

const OUT_DIR = process.env.QUANT_PAIRS_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : artifactDir('screenshots');

async function shoot(page: Page, selector: string, file: string): Promise<Buffer> {
  const shot = await page.locator(selector).first().screenshot({ path: file, animations: 'disabled' });
  return shot;
}

for (const theme of THEMES) {
  describe(`Scenario 12: screenshots (${theme.name} theme)`, function () {
    const session = useSession({
      settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR], 'workbench.colorTheme': theme.colorTheme },
    });

    it(`takes the dashboard, tree and status bar in ${theme.colorTheme}`, async function () {
      const s = session();
      await s.page.setViewportSize({ width: 1280, height: 800 });
      await s.waitForActivation();
      await openViewContainer(s.page, 'Quant Pairs');
      await waitFor(`the tree row ${PAIR_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
      await expandTreeRow(s.page, PAIR_LABEL);
      await runCommand(s.page, 'Quant Pairs: Open Dashboard');
      const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
      await waitFor('the dashboard to show the pair live', async () => (await frame.locator('#qp-status').getAttribute('data-status')) === 'live', { timeoutMs: 120_000 });
      await frame.locator('#qp-btn-tests').click();
      await s.page.waitForTimeout(3000); // a few more bars and one chart pass, so every chart has drawn
      await runCommand(s.page, 'Notifications: Clear All Notifications');
      await s.page.mouse.move(0, 0); // no hover tooltip in the picture
      await s.page.waitForTimeout(500);
      fs.mkdirSync(OUT_DIR, { recursive: true });
      const shots = {
        dashboard: await shoot(s.page, '.editor-group-container', path.join(OUT_DIR, `dashboard-${theme.name}.png`)),
        tree: await shoot(s.page, '.part.sidebar', path.join(OUT_DIR, `tree-${theme.name}.png`)),
        statusBar: await shoot(s.page, '.part.statusbar', path.join(OUT_DIR, `statusbar-${theme.name}.png`)),
      };
      for (const [name, png] of Object.entries(shots)) assert.ok(png.length > 2000, `${name} screenshot is only ${png.length} bytes`);
      const background = await s.page.evaluate(() => getComputedStyle(document.querySelector('.monaco-workbench')!).backgroundColor);
      const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
      const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      if (theme.name === 'light') assert.ok(luminance > 0.6, `light theme background ${background}`);
      else assert.ok(luminance < 0.3, `dark theme background ${background}`);
      console.log(`      screenshots in ${OUT_DIR} (${theme.colorTheme}, workbench background ${background})`);
    });
  });
}
