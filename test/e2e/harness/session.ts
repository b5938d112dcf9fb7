// One end-to-end session: local exchange → extension installed in a fresh extensions folder →
// code-server on a free loopback port with temporary user data and workspace → headless Chromium.
// Everything started here is stopped in dispose(), which the mocha hooks call also after failures.
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Page } from 'playwright-core';
import { installHost } from '../../../scripts/host/install-host';
import { waitFor } from '../../../scripts/host/wait';
import type { ExchangeOptions, LocalExchange } from '../../../tools/local-exchange/types';
import { saveFailureArtifacts } from './artifacts';
import { BrowserSession, openBrowser } from './browser';
import { CodeServer, extensionHostLogDir, startCodeServer } from '../../../scripts/host/codeServer';
import { demoCandles, demoScanUniverse, startLocalExchange } from './exchange';
import type { CandleSet } from '../../../tools/local-exchange/candleSet';
import { PathRecorder, startPathRecorder } from './pathRecorder';
import { extensionId, installExtension, readManifest } from './extensionInstall';
import { notifications, recordNotifications, runCommand, waitForWorkbench } from './workbench';

/** Settings that keep the workbench quiet and deterministic for a test (no welcome page, no chat). */
export const QUIET_WORKBENCH_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.enableExperiments': false,
};

export interface SessionOptions {
  /** Exchange options on top of the default replay (recording, loop, rebased to now, 1×). */
  exchange?: Partial<ExchangeOptions>;
  /**
   * Mount the real 1m candles beside the recording (REST history only, rebased to now) and label their symbols
   * with `quantPairs.dataSourceLabels`, as `npm start` does.
   */
  candles?: boolean;
  /**
   * Mount the 1h scan universe (../shared/data/klines/universe-1h) without the recording's and the candles'
   * symbols, labelled per symbol, as `npm start` does.
   */
  scanUniverse?: boolean;
  /** Extra user settings (after the exchange URLs, so a test can override them). */
  settings?: Record<string, unknown>;
  /** Files to put in the workspace before start, relative path → content. */
  workspaceFiles?: Record<string, string>;
  /** More code-server arguments and environment (the in-host suite turns the smoke-test driver on). */
  codeServerArgs?: string[];
  codeServerEnv?: NodeJS.ProcessEnv;
  /** Called with the page before the workbench is opened (to expose functions to it). */
  beforeOpen?: (page: Page, codeServerUrl: string) => Promise<void>;
  /** Query parameters added to the workbench URL (beside ?folder=). */
  workbenchQuery?: (codeServerUrl: string, workspaceDir: string) => string;
}

export interface Session {
  readonly page: Page;
  readonly exchange: LocalExchange;
  /** The mounted candles (with `candles: true`): symbols and the label the views must show for them. */
  readonly candles?: CandleSet;
  /** The mounted scan universe (with `scanUniverse: true`). */
  readonly scanUniverse?: CandleSet;
  /** The proxy the extension talks to (its base URLs), recording every path it requests. */
  readonly recorder: PathRecorder;
  readonly codeServer: CodeServer;
  readonly workspaceDir: string;
  readonly extensionId: string;
  /** The extension host log (remoteexthost.log) text so far. */
  extensionHostLog(): string;
  /** Text of the extension's own output channel / log files so far. */
  extensionOutput(): string;
  /** Waits until the extension host log says this extension was activated. */
  waitForActivation(timeoutMs?: number): Promise<void>;
  /** Reloads the window (Developer: Reload Window) and waits for the workbench. */
  reload(): Promise<void>;
  dispose(): Promise<void>;
  saveFailure(testTitle: string): Promise<string>;
}

export function exchangeSettings(exchange: { wsBaseUrl: string; restBaseUrl: string }): Record<string, unknown> {
  return { 'quantPairs.wsBaseUrl': exchange.wsBaseUrl, 'quantPairs.restBaseUrl': exchange.restBaseUrl };
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const host = installHost();
  const manifest = readManifest();
  const id = extensionId(manifest);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quant-pairs-e2e-'));
  const workspaceDir = path.join(root, 'workspace');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(workspaceDir, { recursive: true });
  for (const [rel, content] of Object.entries(options.workspaceFiles ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspaceDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir, rel), content);
  }
  installExtension(extensionsDir, host);

  const cleanups: (() => Promise<void> | void)[] = [() => fs.rmSync(root, { recursive: true, force: true })];
  const dispose = async () => {
    while (cleanups.length) {
      const step = cleanups.pop()!;
      await Promise.resolve()
        .then(step)
        .catch((err) => console.error(`[e2e] cleanup step failed: ${err}`));
    }
  };
  let browser: BrowserSession | undefined;
  let codeServer: CodeServer | undefined;
  try {
    const candles = options.candles ? await demoCandles() : undefined;
    const scanUniverse = options.scanUniverse ? await demoScanUniverse(['BTCUSDT', 'ETHUSDT', ...(candles?.symbols ?? [])]) : undefined;
    const klineMounts = [...(options.exchange?.klineMounts ?? []), ...[candles, scanUniverse].flatMap((set) => (set ? [set.universe] : []))];
    const exchange = await startLocalExchange({ ...options.exchange, klineMounts });
    cleanups.push(() => exchange.close());
    const recorder = await startPathRecorder(exchange.port);
    cleanups.push(() => recorder.close());
    codeServer = await startCodeServer({
      host,
      userDataDir,
      extensionsDir,
      workspaceDir,
      userSettings: { ...QUIET_WORKBENCH_SETTINGS, ...exchangeSettings(recorder), ...(candles || scanUniverse ? { 'quantPairs.dataSourceLabels': { ...candles?.labels, ...scanUniverse?.labels } } : {}), ...options.settings },
      extraArgs: options.codeServerArgs,
      env: options.codeServerEnv,
    });
    cleanups.push(() => codeServer!.stop());
    browser = await openBrowser();
    cleanups.push(() => browser!.close());
    const page = browser.page;
    await recordNotifications(page);
    await options.beforeOpen?.(page, codeServer.url);
    const query = options.workbenchQuery?.(codeServer.url, workspaceDir);
    await waitForWorkbench(page, query ? `${codeServer.workspaceUrl}&${query}` : codeServer.workspaceUrl);

    const cs = codeServer;
    const readLog = (pick: (dir: string) => string[]) => {
      const dir = extensionHostLogDir(userDataDir);
      if (!dir) return '';
      return pick(dir)
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n');
    };
    const extensionHostLog = () => readLog((dir) => [path.join(dir, 'remoteexthost.log')]);
    return {
      page,
      exchange,
      candles,
      scanUniverse,
      recorder,
      codeServer: cs,
      workspaceDir,
      extensionId: id,
      extensionHostLog,
      extensionOutput: () => readLog((dir) => extensionOutputFiles(dir, id)),
      async waitForActivation(timeoutMs = 60_000) {
        await waitFor(`${id} to be activated (extension host log)`, () => activatedIn(extensionHostLog(), id) || undefined, { timeoutMs });
      },
      async reload() {
        // Developer: Reload Window, as a user does: a browser page reload would not save the editors VS Code restores.
        // A marker on the old page tells the reloaded page apart from it.
        await page.evaluate(() => ((window as unknown as { qpBeforeReload: boolean }).qpBeforeReload = true));
        await runCommand(page, 'Developer: Reload Window');
        await waitFor(
          'the window to reload',
          async () => (await page.evaluate(() => (window as unknown as { qpBeforeReload?: boolean }).qpBeforeReload !== true).catch(() => false)) || undefined,
          { timeoutMs: 60_000 },
        );
        await page.waitForSelector('.monaco-workbench .statusbar', { timeout: 90_000 });
      },
      dispose,
      saveFailure: async (title: string) =>
        saveFailureArtifacts(title, {
          page,
          userDataDir,
          codeServerOutput: cs.process.output(),
          notifications: await notifications(page).catch(() => undefined),
        }),
    };
  } catch (err) {
    // A failed start still leaves its evidence before everything is torn down.
    await saveFailureArtifacts('session-start', { page: browser?.page, userDataDir, codeServerOutput: codeServer?.process.output() });
    await dispose();
    throw err;
  }
}

/** The extension's output channels: `<publisher.name>/*.log` (log channels) and `output_logging_*` files named after it. */
function extensionOutputFiles(exthostDir: string, id: string): string[] {
  const files: string[] = [];
  const own = path.join(exthostDir, id);
  if (fs.existsSync(own)) files.push(...fs.readdirSync(own).map((f) => path.join(own, f)));
  for (const entry of fs.readdirSync(exthostDir)) {
    if (!entry.startsWith('output_logging_')) continue;
    const dir = path.join(exthostDir, entry);
    files.push(...fs.readdirSync(dir).filter((f) => /quant/i.test(f)).map((f) => path.join(dir, f)));
  }
  return files;
}

/** The host logs `ExtensionService#_doActivateExtension <id>` once activation starts, and errors after it. */
export function activatedIn(log: string, id: string): boolean {
  return log.includes(`_doActivateExtension ${id},`) || log.includes(`_doActivateExtension ${id} `);
}
