// The shape of one CLI command and the small argument parser they share.
import { EngineError } from '../engine/errors';

export interface CliCommand {
  summary: string;
  /** Returns the process exit code. Throws EngineError for bad input (printed as one line). */
  run(args: string[]): Promise<number>;
}

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** Parses `--name value`, `--name=value` and bare `--flag` (when `flags` lists it). */
export function parseArgs(args: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) options.set(name, arg.slice(eq + 1));
    else if (flags.includes(name)) options.set(name, true);
    else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new EngineError('BAD_ARGUMENT', `option --${name} needs a value`);
      options.set(name, value);
      i++;
    }
  }
  return { positional, options };
}

/** Rejects options the command does not know, naming the accepted ones. */
export function checkKnownOptions(parsed: ParsedArgs, known: readonly string[]): void {
  for (const name of parsed.options.keys()) {
    if (!known.includes(name)) {
      throw new EngineError('BAD_ARGUMENT', `unknown option --${name} (accepted: ${known.map((k) => '--' + k).join(', ')})`);
    }
  }
}
