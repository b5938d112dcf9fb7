// `node dist/cli.js exchange [--port N] [--speed X] [--loop] [--no-rebase] [files…]`: starts the local
// Binance-compatible exchange replaying the recordings, prints its URLs and runs until Ctrl-C.
import { SYMBOL_PATTERN } from '../../shared/constants';
import { promises as fs, existsSync, readFileSync, readdirSync } from 'fs';
import path from 'path';
import { EngineError } from '../../engine/errors';
import { readRecordedTrades } from '../../engine/import/recording';
import { startExchange } from '../../../tools/local-exchange';
import { syntheticUniverse } from '../../../tools/local-exchange/syntheticUniverse';
import { universeFromFiles } from '../../../tools/local-exchange/fileUniverse';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';

const HELP = `Usage: node dist/cli.js exchange [--port N] [--speed X] [--loop] [--no-rebase] [--synthetic SYMA,SYMB] [--universe synthetic[:M]|DIR] [files…]

Starts a local Binance USD-M Futures imitation on 127.0.0.1 (REST and WebSocket on one port) replaying
recorded trades. Without files it replays the recordings in ../shared/data next to the repository.
  --port N        port to listen on (default 0: a free port)
  --speed X       1 = real time (default), N = N times faster, Infinity = as fast as clients read
  --loop          replay the recording again and again (times and ids keep increasing)
  --no-rebase     keep the recording's original 2024 times (default: shifted to start near now)
  --synthetic A,B add a synthetic cointegrated pair with these symbols (10 trades/s each)
  --universe U    also serve a kline universe for the pair scanner (exchangeInfo, ticker/24hr, klines):
                  synthetic[:M] (M symbols, default 400, 40 planted pairs, seeded) or a folder of kline
                  files such as ../shared/data/klines/universe-1h (shifted to end at the last closed bar;
                  the symbols the tapes trade are left out: each symbol has one source)`;

/** The repository root: the nearest folder above `start` whose package.json is this project's. */
function repoRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"quant-pairs"/.test(readFileSync(manifest, 'utf8'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function defaultDataFiles(): string[] {
  const root = repoRoot(__dirname) ?? repoRoot(process.cwd());
  if (!root) throw new EngineError('FILE_UNREADABLE', 'Cannot find the repository root to locate ../shared/data; pass the data files explicitly');
  const dir = path.resolve(root, '..', 'shared', 'data');
  if (!existsSync(dir)) throw new EngineError('FILE_UNREADABLE', `No recordings folder at ${dir}; pass the data files explicitly`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.gz')).sort();
  if (files.length === 0) throw new EngineError('FILE_UNREADABLE', `No .gz recordings in ${dir}`);
  return files.map((f) => path.join(dir, f));
}

function parseSpeed(text: string): number {
  const speed = /^(inf|infinity|max)$/i.test(text) ? Infinity : Number(text);
  if (!(speed > 0)) throw new EngineError('BAD_ARGUMENT', `--speed must be a positive number or Infinity, got "${text}"`);
  return speed;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EngineError('BAD_ARGUMENT', `--port must be an integer 0…65535, got "${text}"`);
  return port;
}

export const exchangeCommand: CliCommand = {
  summary: 'run the local Binance-compatible exchange (replays the recordings)',
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const parsed = parseArgs(args, ['loop', 'no-rebase']);
    checkKnownOptions(parsed, ['port', 'speed', 'loop', 'no-rebase', 'synthetic', 'universe']);
    const files = parsed.positional.length > 0 ? parsed.positional : defaultDataFiles();
    for (const file of files) {
      await fs.access(file).catch((err: NodeJS.ErrnoException) => {
        throw new EngineError('FILE_UNREADABLE', `Cannot read ${file}: ${err.code ?? err.message}`);
      });
    }
    const syntheticText = parsed.options.get('synthetic');
    let synthetic: { symbols: [string, string]; tradesPerSecond: number } | undefined;
    if (syntheticText !== undefined) {
      const symbols = String(syntheticText).toUpperCase().split(',');
      if (symbols.length !== 2 || !symbols.every((s) => SYMBOL_PATTERN.test(s))) {
        throw new EngineError('BAD_ARGUMENT', `--synthetic needs two symbols like SYNAUSDT,SYNBUSDT, got "${syntheticText}"`);
      }
      synthetic = { symbols: [symbols[0], symbols[1]], tradesPerSecond: 10 };
    }
    const universeText = parsed.options.get('universe');
    let universe: Awaited<ReturnType<typeof universeFromFiles>> | undefined;
    if (universeText !== undefined) {
      const synth = /^synthetic(?::(\d{1,4}))?$/.exec(String(universeText));
      if (synth) universe = syntheticUniverse({ symbols: synth[1] ? Number(synth[1]) : 400 });
      else {
        const dir = String(universeText);
        const klineFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /\.csv(\.gz)?$/.test(f)).sort() : [];
        if (klineFiles.length === 0) throw new EngineError('FILE_UNREADABLE', `--universe: no kline files (.csv, .csv.gz) in ${dir}; or give synthetic[:M]`);
        // One symbol, one source: the symbols the tapes trade are left out of the universe (the exchange refuses
        // a mount that names one). Reading the recordings for their symbols costs ~0.4 s for the bundled four.
        const traded = new Set([...(synthetic?.symbols ?? []), ...(await readRecordedTrades(files)).map((t) => t.symbol)]);
        const ofUniverse = klineFiles.filter((f) => !traded.has(f.split(/[-_.]/)[0].toUpperCase()));
        universe = await universeFromFiles(ofUniverse.map((f) => path.join(dir, f)));
      }
    }
    const speedText = parsed.options.get('speed');
    const portText = parsed.options.get('port');
    const speed = typeof speedText === 'string' ? parseSpeed(speedText) : 1;
    const loop = parsed.options.get('loop') === true;
    const exchange = await startExchange({
      port: typeof portText === 'string' ? parsePort(portText) : 0,
      dataFiles: files,
      speed,
      loop,
      rebaseToNow: parsed.options.get('no-rebase') !== true,
      synthetic,
      klineMounts: universe ? [universe] : [],
    });
    const out = process.stdout;
    out.write(`Local Binance USD-M exchange on 127.0.0.1:${exchange.port}\n`);
    out.write(`  replaying ${exchange.tradedSymbols.join(', ')} at ${speed === Infinity ? 'full speed' : `${speed}x`}${loop ? ', looped' : ''}\n`);
    out.write(`  REST       ${exchange.restBaseUrl}   (/fapi/v1/exchangeInfo, aggTrades, klines, time)\n`);
    if (universe) out.write(`  universe   ${universe.symbols.length} symbols of klines for the pair scanner (scan --rest ${exchange.restBaseUrl})\n`);
    out.write(`  WebSocket  ${exchange.wsBaseUrl}/market   (aggTrade, kline_<i>, markPrice)\n`);
    out.write(`             ${exchange.wsBaseUrl}/public   (trade, bookTicker, depth)\n`);
    out.write('Press Ctrl-C to stop.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await exchange.close();
    return 0;
  },
};
