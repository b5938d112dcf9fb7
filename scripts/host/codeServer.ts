// Starts code-server (a complete VS Code 1.139 with the same Node extension host as desktop) on a
// free loopback port with its own user-data and extensions folders, and stops it with its children.
import fs from 'fs';
import net from 'net';
import path from 'path';
import { HostInstall } from './install-host';
import { ManagedProcess, startProcess } from './processes';
import { waitFor } from './wait';

export interface CodeServerOptions {
  host: HostInstall;
  userDataDir: string;
  extensionsDir: string;
  workspaceDir: string;
  /** Written to User/settings.json before start. */
  userSettings: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Fixed port (npm start); default a free one. */
  port?: number;
  /** More code-server arguments, e.g. `--vscode-option enable-smoke-test-driver` for in-host tests. */
  extraArgs?: string[];
}

export interface CodeServer {
  readonly url: string;
  /** The URL that opens the workspace folder in the workbench. */
  readonly workspaceUrl: string;
  readonly process: ManagedProcess;
  readonly userDataDir: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Writes the settings as the browser's user settings (User/) and as the server's remote settings
 * (Machine/): code-server is a remote window, where settings of `machine` scope (the extension's
 * base URLs) are read from the remote settings only.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  for (const level of ['User', 'Machine']) {
    const dir = path.join(userDataDir, level);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { host, userDataDir, extensionsDir, workspaceDir } = options;
  writeUserSettings(userDataDir, { 'security.workspace.trust.enabled': false, ...options.userSettings });
  const port = options.port ?? (await freePort());
  const proc = startProcess(
    host.nodeBin,
    [
      host.codeServerEntry,
      '--config', host.configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      // A test that turns trust on (security.workspace.trust.enabled: true) gets the real trust model.
      ...(options.userSettings['security.workspace.trust.enabled'] === true ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      ...(options.extraArgs ?? []),
      workspaceDir,
    ],
    // No inherited VSCODE_* variables: when run from a VS Code terminal they would confuse the host.
    { env: { ...stripVsCodeEnv(process.env), ...options.env }, cwd: workspaceDir },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'code-server to answer /healthz',
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`code-server exited early (code ${proc.child.exitCode}):\n${proc.output().slice(-3000)}`);
        const res = await fetch(`${url}/healthz`).catch(() => undefined);
        return res?.ok ?? false;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return {
    url,
    workspaceUrl: `${url}/?folder=${encodeURIComponent(workspaceDir)}`,
    process: proc,
    userDataDir,
    stop: () => proc.stop(),
  };
}

function stripVsCodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE' && !k.startsWith('npm_')) out[k] = v;
  }
  return out;
}

/** The extension host's log folder of this session (newest), once VS Code has created it. */
export function extensionHostLogDir(userDataDir: string): string | undefined {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const sessions = fs.readdirSync(logs).sort();
  for (let i = sessions.length - 1; i >= 0; i--) {
    const dir = path.join(logs, sessions[i], 'exthost1');
    if (fs.existsSync(dir)) return dir;
  }
  return undefined;
}
