// The registrar: every command of every family, each wrapped so that a failure is logged and shown as a
// message, never thrown into VS Code.
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import type { HostContext } from '../hostContext';
import { alertLogCommands } from './alertLogCommand';
import { alertRuleCommands } from './alertRuleWizard';
import type { CommandTable } from './commandTable';
import { connectionCommands } from './connectionCommands';
import { exportCommands } from './exportCommand';
import { importCommands } from './importCommand';
import { pairCommands } from './pairCommands';
import { scanCommands } from './scanCommand';

export function registerCommands(c: HostContext): vscode.Disposable[] {
  const table: CommandTable = [...pairCommands(c), ...alertRuleCommands(c), ...alertLogCommands(c), ...exportCommands(c), ...importCommands(c), ...connectionCommands(c), ...scanCommands(c)];
  return table.map(([id, run]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (err) {
        c.log.error(`${id}: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(`Quant Pairs: ${errorMessage(err)}`);
        return undefined;
      }
    }),
  );
}
