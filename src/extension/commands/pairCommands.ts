// Pair commands: add (symbol pickers checked against exchangeInfo), remove, change timeframe / window /
// regression, run the stationarity tests, run the backtest, focus.
import * as vscode from 'vscode';
import type { Desk } from '../../engine/desk/desk';
import type { PairConfig } from '../../shared/model';
import { validatePairSymbols, validateSymbol } from '../../engine/desk/validatePair';
import { HEDGE_METHODS, TIMEFRAMES, type HedgeMethod, type Timeframe } from '../../shared/constants';
import { DashboardPanel } from '../dashboard/dashboardPanel';
import { currentPair, type HostContext } from '../hostContext';
import { createQuickPick, showInputBox, showQuickPick, WIZARD_STEP } from '../pickers';
import { normaliseTypedSymbol, pickedSymbol, symbolPicks, validateWindowInput } from '../inputValidation';
import type { CommandTable } from './commandTable';
import { changePair, persistPairs, resolvePair } from './pairArgument';
import { EngineError } from '../../engine/errors';
import { parseBacktestOverrides } from '../backtestSettings';
import type { ImportedSeries } from '../../engine/desk/importLibrary';
import { errorMessage } from '../../shared/errorMessage';
import { importedSection, makeImportedPair, mixedLegsMessage } from './importedPairWizard';

const HEDGE_LABELS: Record<HedgeMethod, string> = {
  ols: 'OLS over the window',
  'rolling-ols': 'Rolling OLS (refit every bar)',
  huber: 'Huber robust regression',
  'theil-sen': 'Theil-Sen estimator',
  kalman: 'Kalman filter (time-varying β)',
};

/** A symbol of the exchange's, or the key of an imported series (listed under "imported" after the exchange's). */
async function pickSymbol(symbols: Awaited<ReturnType<Desk['symbols']>>, title: string, exclude?: string, imported: readonly ImportedSeries[] = []): Promise<string | undefined> {
  const qp = createQuickPick<vscode.QuickPickItem & { symbol?: string; importedKey?: string }>();
  qp.title = title;
  qp.ignoreFocusOut = WIZARD_STEP.ignoreFocusOut;
  qp.placeholder = imported.length ? 'Type to search USD-M perpetuals (e.g. BTCUSDT) or the imported symbols' : 'Type to search USD-M perpetuals, e.g. BTCUSDT';
  qp.matchOnDescription = true;
  qp.items = [...symbolPicks(symbols, exclude), ...importedSection(imported, exclude)];
  return new Promise((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      const picked = item?.importedKey ?? pickedSymbol(item?.symbol, qp.value);
      done = true;
      qp.hide();
      resolve(picked || undefined);
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) resolve(undefined);
    });
    qp.show();
  });
}

export function pairCommands(c: HostContext): CommandTable {
  return [
    [
      'quantPairs.addPair',
      async (yArg?: unknown, xArg?: unknown, timeframeArg?: unknown) => {
        const s = c.settings.value;
        const imported = c.desk.library.list();
        // The desk bounds this wait (a few seconds) and names the endpoint when exchangeInfo does not answer;
        // with two imported symbols, those are still offered.
        const symbols = await vscode.window
          .withProgress({ location: vscode.ProgressLocation.Window, title: 'Quant Pairs: loading symbols' }, () => c.desk.symbols())
          .then(undefined, (err: unknown) => {
            if (imported.length < 2) throw err;
            c.log.warn(`Add Pair: the exchange's symbols are not available (${errorMessage(err)}); offering the imported symbols`);
            return [];
          });
        const given = (arg: unknown) => (typeof arg !== 'string' ? undefined : c.desk.library.has(arg) ? arg : normaliseTypedSymbol(arg));
        // Each leg is checked against the list as soon as it is chosen: an unknown, non-perpetual or halted
        // symbol is refused at once, before the second leg is asked and before any REST warm-up.
        const y = given(yArg) ?? (await pickSymbol(symbols, 'Add Pair (1/2): first leg (y)', undefined, imported));
        if (!y) return;
        const yImported = c.desk.library.get(y);
        if (!yImported) validateSymbol(y, symbols);
        const x = given(xArg) ?? (await pickSymbol(symbols, `Add Pair (2/2): second leg (x), regressed: ${yImported?.symbol ?? y} = α + β·x`, y, imported));
        if (!x) return;
        const xImported = c.desk.library.get(x);
        // Two imported series make an imported pair (timeframe and window fitted to their span); a recording
        // and a live symbol never share a bar.
        if (yImported && xImported) return makeImportedPair(c, { y, x });
        if (yImported || xImported) throw new Error(yImported ? mixedLegsMessage(yImported, x) : mixedLegsMessage(xImported!, y));
        validatePairSymbols(y, x, symbols);
        // The Pair Scanner passes its scan's interval, so the pair is shown on the bars it was tested on.
        const timeframe = TIMEFRAMES.includes(timeframeArg as Timeframe) ? (timeframeArg as Timeframe) : s.defaultTimeframe;
        const config: PairConfig = { y, x, timeframe, window: s.window, hedge: s.regression };
        const view = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Quant Pairs: warming up ${y} / ${x} from REST history…` },
          () => c.desk.addPair(config),
        );
        if (!c.desk.connected && s.autoConnect) {
          c.desk.connect();
          c.setConnected(true);
        }
        c.setFocusedPair(view.id);
        await persistPairs(c);
        c.log.info(`Added ${view.id} (${config.timeframe}, window ${config.window}, ${config.hedge})`);
        if (view.error) void vscode.window.showWarningMessage(`Quant Pairs: ${view.id} added, but its warm start failed: ${view.error}`);
        return view.id;
      },
    ],
    [
      'quantPairs.removePair',
      async (arg?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        const removed = c.desk.get(id);
        if (!removed) return;
        // Both can be put back, so Undo rather than asking first: a live pair warms again, an imported pair's
        // series stay in the library.
        const importedSpec = c.desk.importedPairs().find((p) => p.id === id);
        c.desk.removePair(id);
        if (currentPair(c) === id) c.setFocusedPair(c.desk.list()[0]?.id);
        await persistPairs(c);
        c.log.info(`Removed ${id}`);
        if (removed.source === 'imported' && !importedSpec) return;
        void vscode.window.showInformationMessage(`Quant Pairs: removed ${id}.`, 'Undo').then(async (choice) => {
          if (choice !== 'Undo' || c.desk.get(id)) return;
          const view = importedSpec ? c.desk.addImportedPair(importedSpec) : await c.desk.addPair(removed.config);
          c.setFocusedPair(view.id);
          await persistPairs(c);
          c.log.info(`Undo: ${id} is back on the desk (${removed.config.timeframe}, window ${removed.config.window}, ${removed.config.hedge})`);
        });
      },
    ],
    [
      'quantPairs.changeTimeframe',
      async (arg?: unknown, value?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        let timeframe = TIMEFRAMES.includes(value as Timeframe) ? (value as Timeframe) : undefined;
        if (value !== undefined && !timeframe) throw new Error(`"${String(value)}" is not a timeframe; use one of ${TIMEFRAMES.join(', ')}.`);
        if (!timeframe) {
          const current = c.desk.get(id)?.config.timeframe;
          const pick = await showQuickPick(
            TIMEFRAMES.map((t) => ({ label: t, description: t === current ? 'current' : t === '1s' ? 'warm start from recent trades' : 'warm start from klines' })),
            { placeHolder: `Bar length for ${id}` },
          );
          timeframe = pick?.label as Timeframe | undefined;
        }
        if (!timeframe) return;
        const tf = timeframe;
        await changePair(c, id, (p) => c.desk.setTimeframe(p, tf), `switching to ${tf} bars`);
      },
    ],
    [
      'quantPairs.setWindow',
      async (arg?: unknown, value?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        let text = value === undefined ? undefined : String(value);
        if (text !== undefined) {
          const problem = validateWindowInput(text);
          if (problem) throw new Error(problem);
        } else {
          text = await showInputBox({
            title: `Rolling window for ${id}`,
            prompt: 'Bars used for β, the spread statistics, z and correlation',
            value: String(c.desk.get(id)?.config.window ?? c.settings.value.window),
            validateInput: validateWindowInput,
          });
        }
        if (!text) return;
        const window = Number(text.trim());
        await changePair(c, id, (p) => c.desk.setWindow(p, window), `setting window ${window}`);
      },
    ],
    [
      'quantPairs.setRegression',
      async (arg?: unknown, value?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        let hedge = HEDGE_METHODS.includes(value as HedgeMethod) ? (value as HedgeMethod) : undefined;
        if (value !== undefined && !hedge) throw new Error(`"${String(value)}" is not a regression type; use ${HEDGE_METHODS.join(', ')}.`);
        if (!hedge) {
          const current = c.desk.get(id)?.config.hedge;
          const pick = await showQuickPick(
            HEDGE_METHODS.map((h) => ({ label: h, description: HEDGE_LABELS[h] + (h === current ? ' (current)' : '') })),
            { placeHolder: `How to estimate β for ${id}` },
          );
          hedge = pick?.label as HedgeMethod | undefined;
        }
        if (!hedge) return;
        const h = hedge;
        await changePair(c, id, (p) => c.desk.setHedge(p, h), `switching to ${h}`);
      },
    ],
    [
      // ADF on the spread, Engle-Granger on the prices, half-life of the spread.
      'quantPairs.runTests',
      async (arg?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        // The dashboard shows the results from the desk's next pair update.
        const t = c.desk.runTests(id);
        const parts = [
          t.adf ? `ADF ${t.adf.statistic.toFixed(3)}, p = ${t.adf.pValue.toFixed(4)} (5% critical ${t.adf.critical['5%'].toFixed(3)})` : undefined,
          t.eg ? `Engle-Granger p = ${t.eg.pValue.toFixed(4)}` : undefined,
          t.halfLifeBars !== null ? `half-life ${t.halfLifeBars.toFixed(1)} bars` : undefined,
          ...t.notes,
        ].filter(Boolean);
        void vscode.window.showInformationMessage(`${id}: ${parts.join(' · ')}`);
        return t;
      },
    ],
    [
      'quantPairs.runBacktest',
      // A second argument may override the parameters of docs/backtest.md, e.g. {stop: null, feeBp: 4}.
      async (arg?: unknown, overrides?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        const s = c.settings.value;
        const more = parseBacktestOverrides(overrides);
        if (typeof more === 'string') throw new EngineError('BAD_ARGUMENT', `backtest parameters: ${more}`);
        const { entry = s.zEntry, exit = s.zExit, ...rest } = { ...s.backtest, ...more };
        const result = c.desk.backtest(id, entry, exit, rest);
        DashboardPanel.show(c.extensionUri, c, id).sendBacktest(id, result);
        c.log.info(`Backtest ${id}: ${result.trades.length} trades, P&L ${result.totalPnl.toFixed(2)}`);
        return result;
      },
    ],
    [
      'quantPairs.focusPair',
      async (arg?: unknown) => {
        const id = await resolvePair(c, arg);
        if (id) c.setFocusedPair(id);
      },
    ],
  ];
}
