// Drives the VS Code workbench as a user does (command palette, QuickPick, tree, status bar,
// notifications, webviews) and reads what a user sees from the DOM.
import { Frame, Page } from 'playwright-core';
import { waitFor } from '../../../scripts/host/wait';

export interface SeenNotification {
  /** e.g. "Error: Unknown symbol FOO, source: Quant Pairs, notification" */
  label: string;
  severity: 'error' | 'warning' | 'info';
  at: number;
}

/**
 * Records every notification toast as it appears (toasts hide themselves after a while, so
 * polling for them could miss one). Installed before the workbench loads.
 */
export async function recordNotifications(page: Page): Promise<void> {
  // A string, not a function: tsx compiles with keepNames, and its `__name` helper does not exist in the page.
  // Polled rather than observed; a toast stays up for seconds, so 100 ms cannot miss one.
  await page.addInitScript(`(() => {
    const seenRows = new WeakMap(); // row → label: monaco recycles row elements
    window.__qpNotifications = [];
    setInterval(() => {
      document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item').forEach((el) => {
        const row = el.closest('.monaco-list-row') || el;
        const label = (row.getAttribute('aria-label') || el.textContent || '').replace(/, Inspect the response in the accessible view.*$/, '');
        if (!label || seenRows.get(row) === label) return;
        seenRows.set(row, label);
        window.__qpNotifications.push({ label, at: Date.now() });
      });
    }, 100);
  })();`);
}

export async function notifications(page: Page): Promise<SeenNotification[]> {
  const raw = await page.evaluate(() => (window as unknown as { __qpNotifications?: { label: string; at: number }[] }).__qpNotifications ?? []);
  return raw.map((n) => ({
    ...n,
    severity: /^Error\b/i.test(n.label) ? 'error' : /^Warning\b/i.test(n.label) ? 'warning' : 'info',
  }));
}

export async function waitForWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 60_000 });
  await page.waitForSelector('.monaco-workbench .statusbar', { timeout: 90_000 });
}

/**
 * Runs a command by its palette title (e.g. "Quant Pairs: Add Pair") through F1, as a user types it.
 * Retries while the palette does not list it yet (extensions register while the workbench starts).
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  // aria-label is the command's full title (category: title), possibly followed by its keybinding.
  const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label^=${JSON.stringify(title)}]`).first();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await waitFor(
    `the command "${title}" in the command palette`,
    async () => {
      await closeQuickInput(page);
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ state: 'visible', timeout: 3_000 });
        return true;
      } catch {
        return false;
      }
    },
    { timeoutMs, intervalMs: 500 },
  );
  await row.click();
}

export async function quickInputVisible(page: Page): Promise<boolean> {
  return page.locator('.quick-input-widget').isVisible();
}

/** Title/placeholder/prompt text of the open QuickPick or InputBox, for waits and error reports. */
export async function quickInputText(page: Page): Promise<string> {
  const parts = await page.locator('.quick-input-widget:visible').evaluateAll((els) =>
    els.map((el) => {
      const input = el.querySelector('.quick-input-box input') as HTMLInputElement | null;
      return [el.querySelector('.quick-input-title')?.textContent, input?.placeholder, input?.getAttribute('aria-label'), el.querySelector('.quick-input-message')?.textContent]
        .filter(Boolean)
        .join(' | ');
    }),
  );
  return parts.join(' ');
}

/**
 * One try at code-server's simple file dialog (a QuickInput whose box holds a path) titled `title`: when it is
 * open, puts `file` in its box and presses Enter; false when it is not open. Call it in a wait until the dialog is
 * gone or what the file leads to is seen: the dialog lists the folder asynchronously and may put the folder back in
 * the box after the path was typed (seen in CI: "Please select a file." with the box at workspace/).
 */
export async function submitFileDialog(page: Page, title: RegExp, file: string): Promise<boolean> {
  if (!((await quickInputVisible(page)) && title.test(await quickInputText(page)))) return false;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  if ((await input.inputValue()) !== file) await input.fill(file);
  await page.keyboard.press('Enter');
  return true;
}

/** Waits for a QuickPick/InputBox whose title/placeholder/prompt matches, then types a value and accepts it. */
export async function answerQuickInput(page: Page, expect: RegExp, value: string): Promise<void> {
  await waitFor(`a QuickPick or input box matching ${expect}`, async () => (await quickInputVisible(page)) && expect.test(await quickInputText(page)), {
    timeoutMs: 20_000,
  });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  // A QuickPick filters as you type: wait until the list settles on an item for the value, if it is a list.
  await waitFor(`the input to show ${value}`, async () => (await input.inputValue()) === value, { timeoutMs: 5_000 });
  await page.waitForTimeout(150); // one frame for the filter to apply before Enter
  await page.keyboard.press('Enter');
}

/**
 * Waits for a QuickPick/InputBox whose title/placeholder/prompt matches, then checks for `holdMs` that it stays open
 * with the keyboard focus in it (issue 11: a tree refresh took focus and the picker closed by itself). Fails naming
 * what happened: closed, closing (inert), replaced, or focus moved elsewhere.
 */
export async function expectQuickInputStaysOpen(page: Page, expect: RegExp, holdMs = 2_000): Promise<void> {
  await waitFor(`a QuickPick or input box matching ${expect}`, async () => (await quickInputVisible(page)) && expect.test(await quickInputText(page)), {
    timeoutMs: 20_000,
  });
  const shownAt = Date.now();
  while (Date.now() - shownAt < holdMs) {
    const state = await page.evaluate(() => {
      const widget = document.querySelector('.quick-input-widget') as HTMLElement | null;
      const active = document.activeElement as HTMLElement | null;
      // No named helper function here: tsx's keepNames would wrap it in a `__name` call the page does not have.
      return {
        visible: !!widget && widget.style.display !== 'none' && widget.offsetParent !== null,
        inert: !!widget?.inert,
        focusInside: !!widget && !!active && widget.contains(active),
        focused: active ? `${active.tagName.toLowerCase()}.${String(active.className).trim().split(/\s+/).slice(0, 2).join('.')}` : 'nothing',
      };
    });
    const text = state.visible ? await quickInputText(page) : '';
    const after = `${Date.now() - shownAt} ms after it opened`;
    if (!state.visible) throw new Error(`the picker ${expect} closed by itself ${after}`);
    if (state.inert) throw new Error(`the picker ${expect} was closing by itself ${after} (focus: ${state.focused})`);
    if (!expect.test(text)) throw new Error(`the picker ${expect} was replaced by "${text}" ${after}`);
    if (!state.focusInside) throw new Error(`the picker ${expect} lost the keyboard focus to ${state.focused} ${after}`);
    await page.waitForTimeout(50);
  }
}

/** The validation message of an open input box / QuickPick (what a user reads under the field). */
export async function quickInputMessage(page: Page): Promise<string> {
  return (await page.locator('.quick-input-widget:visible .quick-input-message').first().textContent().catch(() => '')) ?? '';
}

export async function closeQuickInput(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await quickInputVisible(page)); i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}

/** Opens a view container from the activity bar by its title (e.g. "Quant Pairs"), until its side bar shows. */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const item = page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  const shown = page.locator('.sidebar .title-label', { hasText: new RegExp(title, 'i') }).first();
  await item.waitFor({ state: 'visible', timeout: 60_000 });
  await waitFor(
    `the ${title} side bar`,
    async () => {
      if ((await shown.isVisible()) && (await page.locator('.sidebar .pane-body').first().isVisible())) return true;
      await item.click(); // toggles: clicked again on the next round if this closed it
      await page.waitForTimeout(1000);
      return (await shown.isVisible()) && (await page.locator('.sidebar .pane-body').first().isVisible());
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

/** Accessible labels of the tree rows in the side bar (label + description as VS Code reads them). */
export async function treeRows(page: Page): Promise<string[]> {
  return page.locator('.sidebar .customview-tree .monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => {
      const label = r.querySelector('.label-name')?.textContent ?? '';
      const description = r.querySelector('.label-description')?.textContent ?? '';
      return `${label} ${description}`.trim() || (r.getAttribute('aria-label') ?? '');
    }),
  );
}

/** Expands a tree row whose label contains `text`, if it is collapsed. */
export async function expandTreeRow(page: Page, text: string): Promise<void> {
  const row = page.locator('.sidebar .customview-tree .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}

/** Text and accessible label of every status-bar item, for asserting what the status bar shows. */
export async function statusBarItems(page: Page): Promise<{ id: string; text: string; label: string; background: string; color: string }[]> {
  return page.locator('.statusbar .statusbar-item').evaluateAll((items) =>
    items.map((el) => {
      const anchor = el.querySelector('.statusbar-item-label') as HTMLElement | null;
      const style = getComputedStyle(el as HTMLElement);
      return {
        id: el.id,
        text: (anchor?.textContent ?? el.textContent ?? '').trim(),
        label: el.getAttribute('aria-label') ?? '',
        background: style.backgroundColor,
        color: anchor ? getComputedStyle(anchor).color : style.color,
      };
    }),
  );
}

/** The status-bar items this extension contributes (their DOM id starts with the extension id). */
export async function extensionStatusItems(page: Page, extensionId: string) {
  return (await statusBarItems(page)).filter((i) => i.id.startsWith(`${extensionId}.`));
}

/**
 * The frame holding a webview's own content. VS Code nests it: an outer iframe (the webview host)
 * holding an inner `active-frame`; we pick the innermost frame whose document matches `probe`.
 */
export async function webviewFrame(page: Page, probeSelector: string, timeoutMs = 30_000): Promise<Frame> {
  return waitFor(
    `a webview frame containing ${probeSelector}`,
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const found = await frame.locator(probeSelector).count().catch(() => 0);
        if (found > 0) return frame;
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** Clicks an inline action (e.g. "Open Dashboard") of the tree row whose label contains `rowText`. */
export async function clickTreeRowAction(page: Page, rowText: string, actionTitle: string): Promise<void> {
  const row = page.locator('.sidebar .customview-tree .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.hover(); // inline actions show on hover
  const action = row.locator(`.action-label[aria-label^=${JSON.stringify(actionTitle)}]`).first();
  await action.waitFor({ state: 'visible', timeout: 10_000 });
  await action.click();
}
