// Dashboard and connection commands: open the dashboard, connect / disconnect the feed, show the log.
import { DashboardPanel } from '../dashboard/dashboardPanel';
import { currentPair, type HostContext } from '../hostContext';
import { parsePairArgument } from '../inputValidation';
import { pairIdOfNode } from '../pairsTree';
import type { CommandTable } from './commandTable';

export function connectionCommands(c: HostContext): CommandTable {
  return [
    [
      'quantPairs.openDashboard',
      async (arg?: unknown) => {
        const fromArg = pairIdOfNode(arg) ?? parsePairArgument(arg);
        const id = fromArg && c.desk.get(fromArg) ? fromArg : currentPair(c);
        if (id) c.setFocusedPair(id);
        DashboardPanel.show(c.extensionUri, c, id);
      },
    ],
    [
      'quantPairs.connect',
      () => {
        c.desk.connect();
        c.setConnected(c.desk.connected);
      },
    ],
    [
      'quantPairs.disconnect',
      async () => {
        await c.desk.disconnect();
        c.setConnected(false);
      },
    ],
    ['quantPairs.showLog', () => c.log.show(true)],
  ];
}
