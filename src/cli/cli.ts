// `node dist/cli.js <command> …`: the engine on the command line. Each command lives in its own file
// under ./commands and registers here with one line.
import { EngineError } from '../engine/errors';
import type { CliCommand } from './command';
import { barsCommand } from './commands/bars';
import { exchangeCommand } from './commands/exchange';
import { adfCommand } from './commands/adf';
import { cointCommand } from './commands/coint';
import { analyzeCommand } from './commands/analyze';
import { scanCommand } from './commands/scan';
import { johansenCommand } from './commands/johansen';
import { backtestCommand } from './commands/backtest';

const commands: Record<string, CliCommand> = {
  // one line per command, e.g. bars: barsCommand,
  bars: barsCommand,
  exchange: exchangeCommand,
  adf: adfCommand,
  coint: cointCommand,
  analyze: analyzeCommand,
  scan: scanCommand,
  johansen: johansenCommand,
  backtest: backtestCommand,
};

function usage(): string {
  const names = Object.keys(commands).sort();
  return [
    'Usage: node dist/cli.js <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(10)} ${commands[n].summary}`),
    '',
    'Run `node dist/cli.js <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    const message = err instanceof EngineError ? err.message : (err as Error)?.stack ?? String(err);
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`error: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
