// A pool of scan workers (worker_threads), cores − 1 of them (at least 1), so the calling thread (the
// extension host) only posts messages and merges results. Works from the esbuild bundle (dist/scanWorker.js
// next to the bundle) and from TypeScript sources run by tsx (tests, benchmarks).
import { Worker } from 'worker_threads';
import { availableParallelism } from 'os';
import { existsSync } from 'fs';
import { join } from 'path';
import { EngineError } from '../errors';
import type { FromWorker, ToWorker } from './workerProtocol';

export interface WorkerPoolOptions {
  /** Number of workers; default cores − 1, at least 1. */
  size?: number;
  /** The worker's script; default dist/scanWorker.js beside the bundle, or scanWorker.ts under tsx. */
  workerScript?: string;
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

interface Slot {
  worker: Worker;
  busy: boolean;
  pending?: { taskId: number; resolve: (m: FromWorker) => void; reject: (e: Error) => void };
}

export class ScanWorkerPool {
  readonly size: number;
  private readonly script: string;
  private slots: Slot[] = [];
  private waiting: Array<() => void> = [];
  private nextTaskId = 1;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultWorkerCount()));
    this.script = options.workerScript ?? defaultWorkerScript();
  }

  private spawn(): Slot {
    const ts = this.script.endsWith('.ts');
    // Node refuses a .ts worker file: under tsx the worker registers tsx's loader, then requires the source.
    const worker = ts
      ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(this.script)});`, { eval: true })
      : new Worker(this.script);
    const slot: Slot = { worker, busy: false };
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      const p = slot.pending;
      if (!p || m.taskId !== p.taskId) return;
      slot.pending = undefined;
      p.resolve(m);
    });
    const fail = (err: Error) => {
      const p = slot.pending;
      slot.pending = undefined;
      this.slots = this.slots.filter((s) => s !== slot);
      p?.reject(new EngineError('BAD_ARGUMENT', `scan worker stopped: ${err.message}`));
      this.release();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return slot;
  }

  private ensureWorkers(): void {
    if (this.closed) throw new EngineError('BAD_ARGUMENT', 'scan worker pool is closed');
    if (!existsSync(this.script)) throw new EngineError('FILE_UNREADABLE', `scan worker script ${this.script} is missing (run npm run build)`);
    while (this.slots.length < this.size) this.slots.push(this.spawn());
  }

  /** Sends a message to every worker (no reply expected). */
  broadcast(message: ToWorker, transfer: readonly ArrayBuffer[] = []): void {
    this.ensureWorkers();
    for (const s of this.slots) s.worker.postMessage(message, transfer as ArrayBuffer[]);
  }

  /** Runs one task on the next free worker; `skip` (checked when a worker frees up) drops a cancelled one unsent. */
  async run(make: (taskId: number) => ToWorker, skip?: () => boolean): Promise<FromWorker> {
    this.ensureWorkers();
    let slot = this.slots.find((s) => !s.busy);
    while (!slot) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.ensureWorkers();
      slot = this.slots.find((s) => !s.busy);
    }
    const taskId = this.nextTaskId++;
    if (skip?.()) {
      this.release();
      return { kind: 'done', taskId, cancelled: true };
    }
    slot.busy = true;
    const s = slot;
    try {
      return await new Promise<FromWorker>((resolve, reject) => {
        s.pending = { taskId, resolve, reject };
        s.worker.postMessage(make(taskId));
      });
    } finally {
      s.busy = false;
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    next?.();
  }

  /** Stops every worker at once (a cancelled scan whose workers are slow to notice, or shutdown). */
  async terminate(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.terminate();
    for (const w of this.waiting.splice(0)) w();
  }
}

function defaultWorkerScript(): string {
  if (__filename.endsWith('.ts')) return join(__dirname, 'scanWorker.ts');
  return join(__dirname, 'scanWorker.js');
}
