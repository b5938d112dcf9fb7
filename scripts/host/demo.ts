// `npm start`: builds, installs the offline VS Code host if needed, and opens the extension in
// code-server. Streams from Binance when it answers within a few seconds (one pair, BTCUSDT/ETHUSDT);
// otherwise the local exchange replays the bundled real BTC/ETH trade recording (the live part) and serves
// real Binance 1m candles (../shared/data/klines/1m-2026-02) as REST history, both rebased to now, and the
// workspace opens first on a candle pair whose statistics rest on hundreds of real bars. The 1h universe of
// ../shared/data/klines/universe-1h (one real span for all its symbols) is mounted too, without the symbols the
// recording and the 1m candles serve, so Scan for Pairs has a market to scan. Every symbol is labelled for what
// it is ("REPLAY 2024-07-18 recording", "REPLAY candles 1m … history only", "REPLAY candles 1h …"), never "live".
import { execSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { startExchange } from '../../tools/local-exchange';
import type { LocalExchange } from '../../tools/local-exchange';
import { CANDLES_1M_FOLDER, UNIVERSE_1H_FOLDER, loadCandleSet, type CandleSet } from '../../tools/local-exchange/candleSet';
import { errorMessage } from '../../src/shared/errorMessage';
import { startCodeServer, freePort } from './codeServer';
import { installHost } from './install-host';
import { killAllSync } from './processes';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEMO_DIR = path.join(REPO_ROOT, '.cache', 'demo');
const BINANCE_PROBE_URL = 'https://fapi.binance.com/fapi/v1/time';
const BINANCE_PROBE_TIMEOUT_MS = 4000;
export const REPLAY_LABEL = 'REPLAY 2024-07-18 recording';
const DEMO_PAIR = { y: 'BTCUSDT', x: 'ETHUSDT' };
/** The recording is 8 minutes long: 1 s bars and a 60-bar window show z about a minute after start. */
export const REPLAY_PAIR = { ...DEMO_PAIR, timeframe: '1s', window: 60 };
/**
 * The first screen on the candles. Chosen by Engle-Granger (statsmodels coint, both orderings, the larger p) on
 * the last 500 1m bars of the 7 symbols' 21 pairs: LINKUSDT/NEARUSDT is the lowest, p = 0.016 on prices
 * (0.013 on log prices; q = 0.28 over the 21, so a candidate, not a proof); on 240 bars no pair reaches 0.05.
 */
export const CANDLE_PAIR = { y: 'LINKUSDT', x: 'NEARUSDT', timeframe: '1m', window: 500 };

const log = (m: string) => console.log(`[quant-pairs] ${m}`);

async function binanceReachable(): Promise<boolean> {
  try {
    const res = await fetch(BINANCE_PROBE_URL, { signal: AbortSignal.timeout(BINANCE_PROBE_TIMEOUT_MS) });
    return res.ok;
  } catch {
    return false;
  }
}

const dataDir = () => process.env.QP_DATA_DIR || path.resolve(REPO_ROOT, '..', 'shared', 'data');

function recordingFiles(): string[] {
  const dir = dataDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^(btc|eth)usdt_\d{8}\.gz$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Real candles beside the recording, or undefined (said in the log) when the folder is missing or unreadable. */
async function candleSet(): Promise<CandleSet | undefined> {
  const dir = path.join(dataDir(), CANDLES_1M_FOLDER);
  try {
    const set = await loadCandleSet(dir, [DEMO_PAIR.y, DEMO_PAIR.x]);
    if (set?.symbols.includes(CANDLE_PAIR.y) && set.symbols.includes(CANDLE_PAIR.x)) return set;
    log(`${set ? `no ${CANDLE_PAIR.y} and ${CANDLE_PAIR.x} candles in ${dir}` : `${dir} not found`}: no real candles, the demo shows the 8-minute recording alone, at 1 s bars.`);
  } catch (err) {
    log(`cannot read the candles in ${dir} (${errorMessage(err)}): the demo shows the 8-minute recording alone, at 1 s bars.`);
  }
  return undefined;
}

/**
 * The scan universe (Set C, 1h) without `served` (the recording's and the 1m candles' symbols: one symbol never
 * gets two sources), or undefined (said in the log).
 */
async function scanUniverse(served: readonly string[]): Promise<CandleSet | undefined> {
  const dir = path.join(dataDir(), UNIVERSE_1H_FOLDER);
  try {
    const set = await loadCandleSet(dir, served);
    if (set) return set;
    log(`${dir} not found: Scan for Pairs has only the recording's and the 1m candles' symbols to scan.`);
  } catch (err) {
    log(`cannot read the scan universe in ${dir} (${errorMessage(err)}): Scan for Pairs has only the recording's and the 1m candles' symbols.`);
  }
  return undefined;
}

/** The pairs a new demo workspace gets: on the replay, the candle pair first (the first screen), the recording's pair second (the live part). */
export function demoPairs(replay: boolean, candles: boolean): object[] {
  return !replay ? [DEMO_PAIR] : candles ? [CANDLE_PAIR, REPLAY_PAIR] : [REPLAY_PAIR];
}

const samePairs = (a: unknown, b: readonly object[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The demo workspace keeps what the user changed; it only gets the demo pairs when it has none (or still
 * holds exactly what an earlier demo wrote, which gets the candle pair in front).
 */
function prepareWorkspace(workspaceDir: string, replay: boolean, candles: boolean): void {
  const settingsFile = path.join(workspaceDir, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  const settings = readJson(settingsFile);
  const pairs = settings['quantPairs.pairs'];
  const untouched = !Array.isArray(pairs) || pairs.length === 0 || samePairs(pairs, [REPLAY_PAIR]) || samePairs(pairs, demoPairs(true, true));
  if (untouched) settings['quantPairs.pairs'] = demoPairs(replay, candles);
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const readme = path.join(workspaceDir, 'README.md');
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(
      readme,
      '# Quant Pairs demo workspace\n\nOpen the Quant Pairs view in the activity bar. CSV exports land in this folder.\n',
    );
  }
}

export async function runDemo(): Promise<void> {
  log('building (node esbuild.js)…');
  execSync('node esbuild.js', { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const host = installHost();

  let exchange: LocalExchange | undefined;
  let candles: CandleSet | undefined;
  const userSettings: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    // The demo workspace sits inside this clone: no "a git repository was found in the parent folders" prompt.
    'git.openRepositoryInParentFolders': 'never',
    // The first screen is the tree and the first pair's dashboard, not an empty Explorer (once; then VS Code restores the layout).
    'quantPairs.openDashboardOnStartup': true,
  };
  log(`checking whether Binance answers (${BINANCE_PROBE_URL}, ${BINANCE_PROBE_TIMEOUT_MS / 1000} s)…`);
  const live = await binanceReachable();
  if (live) {
    log('Binance answers: streaming LIVE from Binance USD-M futures.');
  } else {
    const files = recordingFiles();
    candles = await candleSet();
    const universe = await scanUniverse([DEMO_PAIR.y, DEMO_PAIR.x, ...(candles?.symbols ?? [])]);
    const klineMounts = [candles, universe].flatMap((set) => (set ? [set.universe] : []));
    exchange = await startExchange(
      files.length
        ? { port: 0, dataFiles: files, speed: 1, loop: true, rebaseToNow: true, klineMounts }
        : { port: 0, synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 20 }, speed: 1, rebaseToNow: true, klineMounts },
    );
    const label = files.length ? REPLAY_LABEL : 'REPLAY synthetic pair';
    log(`Binance cannot be reached: ${label} from the local exchange at ${exchange.restBaseUrl} (looped, times shifted to now).`);
    if (candles)
      log(`  and ${candles.symbols.join(', ')}: ${candles.label} (REST klines 1m and coarser; no trades on the WebSocket). First pair: ${CANDLE_PAIR.y}/${CANDLE_PAIR.x} at ${CANDLE_PAIR.timeframe} × ${CANDLE_PAIR.window}.`);
    if (universe)
      log(`  and ${universe.symbols.length} symbols of ${universe.label} (the scan universe: Scan for Pairs, Top N at 1h × 1000).`);
    Object.assign(userSettings, {
      'quantPairs.wsBaseUrl': exchange.wsBaseUrl,
      'quantPairs.restBaseUrl': exchange.restBaseUrl,
      'quantPairs.dataSourceLabel': label,
      'quantPairs.dataSourceLabels': { ...candles?.labels, ...universe?.labels },
    });
  }

  const workspaceDir = path.join(DEMO_DIR, 'workspace');
  prepareWorkspace(workspaceDir, !live, candles !== undefined);
  const extensionsDir = path.join(DEMO_DIR, 'extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  // The same install the end-to-end suite does: package.json + dist + media as publisher.name-version/.
  const manifest = readJson(path.join(REPO_ROOT, 'package.json')) as { publisher: string; name: string; version: string };
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(target, 'package.json'));
  for (const dir of ['dist', 'media']) {
    if (fs.existsSync(path.join(REPO_ROOT, dir))) fs.cpSync(path.join(REPO_ROOT, dir), path.join(target, dir), { recursive: true });
  }

  const requested = Number(process.env.PORT);
  const port = Number.isInteger(requested) && requested > 0 ? requested : await freePortPreferring(8080);
  const codeServer = await startCodeServer({
    host,
    userDataDir: path.join(DEMO_DIR, 'user-data'),
    extensionsDir,
    workspaceDir,
    userSettings,
    port,
  });

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping code-server${exchange ? ' and the local exchange' : ''}…`);
    await codeServer.stop();
    await exchange?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('exit', killAllSync);
  void codeServer.process.exited.then((code) => {
    if (!stopping) {
      console.error(`[quant-pairs] code-server exited (code ${code}):\n${codeServer.process.output().slice(-2000)}`);
      void stop('code-server exited');
    }
  });

  console.log('');
  log(`Quant Pairs is running in VS Code (code-server ${host.codeServer.split(' ')[0]}), data: ${live ? 'LIVE Binance' : String(userSettings['quantPairs.dataSourceLabel'])}`);
  log(`open this in your browser:  ${codeServer.workspaceUrl}`);
  log('Ctrl-C stops everything.');
}

async function freePortPreferring(preferred: number): Promise<number> {
  const net = await import('net');
  const ok = await new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  return ok ? preferred : freePort();
}
