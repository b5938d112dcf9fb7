// Child processes the harness starts: each runs in its own process group so that stopping it
// also stops whatever it spawned (code-server forks its extension host and file watchers).
import { ChildProcess, spawn, SpawnOptions } from 'child_process';

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr, interleaved), capped. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader is gone. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_CAP = 400_000;
const running = new Set<ManagedProcess>();

export function startProcess(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (text.length > OUTPUT_CAP) text = text.slice(-OUTPUT_CAP);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => {
      text += `\n[spawn error] ${err.message}`;
      resolve(null);
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* group already gone */
    }
  };
  const managed: ManagedProcess = {
    child,
    output: () => text,
    exited,
    async stop(graceMs = 5000) {
      running.delete(managed);
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup('SIGTERM');
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
        if ((await Promise.race([exited, timer])) === 'timeout') signalGroup('SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      }
      // Children that outlived the leader (e.g. the extension host) still share the group.
      signalGroup('SIGKILL');
    },
  };
  running.add(managed);
  return managed;
}

/** Last resort on an abrupt exit (Ctrl-C, uncaught error): kill every group still running. */
export function killAllSync(): void {
  for (const p of running) {
    if (p.child.pid !== undefined) {
      try {
        process.kill(-p.child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  running.clear();
}
