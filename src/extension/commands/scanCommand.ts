// "Quant Pairs: Scan for Pairs": universe, interval and lookback from QuickPicks, then the engine's scan of
// the exchange (klines cached in global storage, the statistics in a worker pool: the extension host only
// posts messages and merges results), with a cancellable progress notification; the results open in the
// Pair Scanner panel.
import * as path from 'path';
import * as vscode from 'vscode';
import { timeframeText, parseTimeframe } from '../../engine/bars/timeframe';
import { EngineError } from '../../engine/errors';
import { BinanceRest } from '../../engine/feed/rest';
import { DirectoryKlineCache, scanExchange, scanReportCsv, type UniverseSpec } from '../../engine/scan';
import { DEFAULT_SCAN_OPTIONS, MIN_SCAN_BARS, type ScanOptions } from '../../engine/scan/options';
import { SYMBOL_PATTERN, type Timeframe } from '../../shared/constants';
import { symbolSourceLabel } from '../../shared/dataSource';
import { errorMessage } from '../../shared/errorMessage';
import { SCAN_INTERVALS } from '../../shared/scannerProtocol';
import type { HostContext } from '../hostContext';
import { createQuickPick, showInputBox, showQuickPick, WIZARD_STEP } from '../pickers';
import { ScannerPanel } from '../scanner/scannerPanel';
import { distinctLabels, scannerView } from '../scanner/scannerView';
import type { CommandTable } from './commandTable';

export const DEFAULT_SCAN_INTERVAL: Timeframe = '1h';
const MAX_SCAN_BARS = 5000;
const DEFAULT_TOP = 100;

interface UniverseChoice {
  spec: UniverseSpec;
  label: string;
}

export function scanCommands(c: HostContext): CommandTable {
  return [['quantPairs.scanPairs', () => scanPairsCommand(c)]];
}

/** The watchlist setting: well-formed symbols, upper-cased, each once (a bad entry is logged and skipped). */
function watchlist(c: HostContext): string[] {
  const raw = vscode.workspace.getConfiguration('quantPairs').get<unknown>('scanWatchlist');
  const list = Array.isArray(raw) ? raw : [];
  const out = new Set<string>();
  for (const item of list) {
    const s = typeof item === 'string' ? item.trim().toUpperCase() : '';
    if (SYMBOL_PATTERN.test(s)) out.add(s);
    else c.log.warn(`quantPairs.scanWatchlist: "${String(item)}" is not a symbol; skipped`);
  }
  return [...out];
}

async function pickUniverse(c: HostContext): Promise<UniverseChoice | undefined> {
  const watch = watchlist(c);
  const desk = [...new Set(c.desk.list().flatMap((p) => [p.config.y, p.config.x]))];
  type Item = vscode.QuickPickItem & { kind2: 'top' | 'watch' | 'desk' };
  const items: Item[] = [
    { kind2: 'top', label: 'Top N by 24 h quote volume', description: 'USD-M perpetuals, TRADING only' },
    {
      kind2: 'watch',
      label: 'Watchlist',
      description: watch.length >= 2 ? `${watch.length} symbols from quantPairs.scanWatchlist` : 'set quantPairs.scanWatchlist to two or more symbols',
    },
    { kind2: 'desk', label: 'Desk symbols', description: desk.length >= 2 ? `${desk.length} symbols of the pairs on the desk` : 'needs pairs on the desk' },
  ];
  const pick = await showQuickPick(items, { ...WIZARD_STEP, title: 'Scan for Pairs (1/3): universe', placeHolder: 'Which symbols to scan' });
  if (!pick) return undefined;
  if (pick.kind2 === 'watch' || pick.kind2 === 'desk') {
    const symbols = pick.kind2 === 'watch' ? watch : desk;
    if (symbols.length < 2) {
      throw new EngineError('BAD_ARGUMENT', pick.kind2 === 'watch' ? 'the watchlist has fewer than two symbols: add them to quantPairs.scanWatchlist (Settings), e.g. ["BTCUSDT", "ETHUSDT", "SOLUSDT"].' : 'the desk has fewer than two symbols: add a pair first, or scan the top N.');
    }
    return { spec: { kind: 'symbols', symbols }, label: `${pick.label.toLowerCase()} (${symbols.length} symbols)` };
  }
  const text = await showInputBox({
    ...WIZARD_STEP,
    title: 'Scan for Pairs (1/3): how many of the top perpetuals by 24 h quote volume',
    prompt: 'Number of symbols (2 or more; every TRADING perpetual when N exceeds them)',
    value: String(DEFAULT_TOP),
    validateInput: (v) => (/^\d{1,5}$/.test(v.trim()) && Number(v) >= 2 ? undefined : 'a whole number of 2 or more'),
  });
  if (text === undefined) return undefined;
  const count = Number(text.trim());
  return { spec: { kind: 'top', count }, label: `top ${count} by 24 h quote volume` };
}

async function pickInterval(): Promise<Timeframe | undefined> {
  const items = SCAN_INTERVALS.map((t) => ({ label: t, description: t === DEFAULT_SCAN_INTERVAL ? 'default' : undefined }));
  const qp = createQuickPick<vscode.QuickPickItem>();
  qp.title = 'Scan for Pairs (2/3): kline interval';
  qp.ignoreFocusOut = WIZARD_STEP.ignoreFocusOut;
  qp.placeholder = 'Bar length of the scan (the pair keeps it on the desk)';
  qp.items = items;
  qp.activeItems = items.filter((i) => i.label === DEFAULT_SCAN_INTERVAL);
  return new Promise((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      const label = qp.selectedItems[0]?.label ?? qp.activeItems[0]?.label;
      qp.hide();
      resolve(SCAN_INTERVALS.find((t) => t === label));
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) resolve(undefined);
    });
    qp.show();
  });
}

async function pickLookback(interval: Timeframe): Promise<number | undefined> {
  const text = await showInputBox({
    ...WIZARD_STEP,
    title: 'Scan for Pairs (3/3): lookback',
    prompt: `Bars of ${interval} common to every symbol (${MIN_SCAN_BARS}–${MAX_SCAN_BARS}); symbols with fewer are excluded, with the reason`,
    value: String(DEFAULT_SCAN_OPTIONS.bars),
    validateInput: (v) => {
      const n = Number(v.trim());
      return Number.isInteger(n) && n >= MIN_SCAN_BARS && n <= MAX_SCAN_BARS ? undefined : `a whole number from ${MIN_SCAN_BARS} to ${MAX_SCAN_BARS}`;
    },
  });
  return text === undefined ? undefined : Number(text.trim());
}

export async function scanPairsCommand(c: HostContext): Promise<number | undefined> {
  const universe = await pickUniverse(c);
  if (!universe) return undefined;
  const interval = await pickInterval();
  if (!interval) return undefined;
  const bars = await pickLookback(interval);
  if (bars === undefined) return undefined;
  const fdrOver = vscode.workspace.getConfiguration('quantPairs').get<string>('scanFdrOver') === 'all' ? 'all' : 'screened';
  const options: Partial<ScanOptions> = { bars, fdrOver };
  const s = c.settings.value;
  const rest = new BinanceRest({ baseUrl: s.restBaseUrl, network: c.settings.network });
  const cache = new DirectoryKlineCache(path.join(c.globalStorageUri.fsPath, 'klines'));
  const intervalMs = parseTimeframe(interval);
  // The local exchange mounts candles of different real spans (npm start): a scan keeps to one source.
  const labels = { feed: s.dataSourceLabel || undefined, bySymbol: s.dataSourceLabels };
  const sourceOf = (symbol: string) => symbolSourceLabel(labels, symbol);
  c.log.info(`Scan: ${universe.label}, ${interval}, lookback ${bars} bars, REST ${s.restBaseUrl}`);

  const abort = new AbortController();
  let report;
  try {
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Quant Pairs: scanning ${universe.label} (${interval})`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        progress.report({ message: 'listing symbols…' });
        let fetched = '';
        return scanExchange(rest, universe.spec, intervalMs, options, {
          cache,
          sourceOf,
          signal: abort.signal,
          onFetchProgress: (p) => {
            fetched = `${p.symbolsDone}/${p.symbolsTotal} symbols fetched`;
            progress.report({ message: `${fetched}${p.waitingUntil ? ' (waiting for the request-weight budget)' : ''}` });
          },
          onProgress: (p) => {
            if (p.phase === 'align') progress.report({ message: `${fetched}, ${p.symbols} aligned` });
            else progress.report({ message: `${fetched} · ${p.pairsScreened} pairs screened · ${p.pairsTested}/${p.pairsToTest} tested` });
          },
        });
      },
    );
  } catch (err) {
    if (abort.signal.aborted || (err instanceof EngineError && err.code === 'CANCELLED')) {
      c.log.info('Scan cancelled');
      void vscode.window.showInformationMessage('Quant Pairs: scan cancelled.');
      return undefined;
    }
    const message = errorMessage(err);
    c.log.error(`Scan failed: ${message}`);
    // A universe with nothing usable lists every excluded symbol: the notification says why in short, the log in full.
    throw new Error(message.length > 400 ? `${message.slice(0, 400)}… (the full list is in the Quant Pairs log)` : message);
  }
  const finishedAt = Date.now();
  const sourceLabels = report.symbols.map(sourceOf);
  const view = scannerView(report, { interval, universe: universe.label, finishedAt, restBaseUrl: s.restBaseUrl, sourceLabels });
  const passing = view.rows.filter((r) => r.passes).length;
  const replayed = distinctLabels(sourceLabels).join('; ');
  const header = `# scanned ${universe.label} on ${s.restBaseUrl}${replayed ? ` (${replayed})` : ''}: ${interval} klines, lookback ${report.parameters.bars} bars, finished ${new Date(finishedAt).toISOString()}; ${passing} pass\n`;
  const csvName = `pair-scan_${timeframeText(intervalMs)}_${new Date(finishedAt).toISOString().replace(/[:.]/g, '-')}.csv`;
  c.log.info(
    `Scan done: ${report.symbols.length} symbols (${report.excluded.length} excluded), ${report.pairsTotal} pairs, ${report.screened} tested, ${passing} pass; ` +
      `fetch ${report.fetch.requests} requests (${report.fetch.fromCache} symbols wholly from cache), ${(report.timings.totalMs / 1000).toFixed(2)} s on ${report.workers} worker(s)`,
  );
  await ScannerPanel.showScan(c, { view, csv: header + scanReportCsv(report), csvName });
  return passing;
}
