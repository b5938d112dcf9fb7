// The local exchange as the soak drives it: in this process (the short soak in `npm test`) or in a child
// process (`npm run soak`, so its own memory and CPU do not blur the engine's figures). Same interface both
// ways: fault actions, trade counts and the close.
import { fork, type ChildProcess } from 'child_process';
import { startExchange, type ExchangeOptions, type LocalExchange } from '../../tools/local-exchange';
import { errorMessage } from '../../src/shared/errorMessage';

export type FaultAction =
  | { kind: 'drop' }
  | { kind: 'silent'; ms: number }
  | { kind: 'skip'; symbol: string; count: number; unrepairable: boolean }
  | { kind: 'duplicate'; count: number }
  | { kind: 'reorder'; count: number }
  | { kind: 'malformed'; count: number }
  | { kind: 'rest'; status: 429 | 418 | 500; count: number; retryAfterSeconds?: number }
  | { kind: 'restDelay'; delayMs: number; count: number }
  | { kind: 'clear' };

export interface SoakExchange {
  readonly wsBaseUrl: string;
  readonly restBaseUrl: string;
  readonly symbols: readonly string[];
  fault(action: FaultAction): Promise<void>;
  /** Raw trades the exchange has emitted so far, per symbol. */
  sentTrades(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export function applyFault(exchange: LocalExchange, action: FaultAction): void {
  const f = exchange.faults;
  switch (action.kind) {
    case 'drop': return f.dropConnections();
    case 'silent': return f.goSilent(action.ms);
    case 'skip': return f.skipIds(action.symbol, action.count, { alsoFromRest: action.unrepairable });
    case 'duplicate': return f.duplicateNext(action.count);
    case 'reorder': return f.reorderNext(action.count);
    case 'malformed': return f.malformedNext(action.count);
    case 'rest': return f.restFault({ status: action.status, count: action.count, retryAfterSeconds: action.retryAfterSeconds });
    case 'restDelay': return f.restFault({ delayMs: action.delayMs, count: action.count });
    case 'clear': return f.clearAll();
  }
}

function counts(exchange: LocalExchange): Record<string, number> {
  return Object.fromEntries(exchange.tradedSymbols.map((s) => [s, exchange.sentTradeCount(s)]));
}

export async function inProcessExchange(options: ExchangeOptions): Promise<SoakExchange> {
  const exchange = await startExchange(options);
  return {
    wsBaseUrl: exchange.wsBaseUrl,
    restBaseUrl: exchange.restBaseUrl,
    symbols: exchange.tradedSymbols,
    fault: async (action) => applyFault(exchange, action),
    sentTrades: async () => counts(exchange),
    close: () => exchange.close(),
  };
}

type Call = { op: 'fault'; action: FaultAction } | { op: 'sent' } | { op: 'close' };
type Request = Call & { id: number };
type Reply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: string };
type Ready = { ready: true; wsBaseUrl: string; restBaseUrl: string; symbols: string[] } | { ready: false; error: string };

/** Child side: started by childProcessExchange with the options as JSON in argv. */
async function serveChild(): Promise<void> {
  const options = JSON.parse(process.argv[3]) as ExchangeOptions;
  if (options.speed === null) options.speed = Infinity;
  let exchange: LocalExchange;
  try {
    exchange = await startExchange(options);
  } catch (err) {
    process.send!({ ready: false, error: errorMessage(err) } satisfies Ready);
    return;
  }
  process.on('message', (req: Request) => {
    const reply = (r: Reply) => process.send!(r);
    try {
      if (req.op === 'fault') {
        applyFault(exchange, req.action);
        reply({ id: req.id, ok: true });
      } else if (req.op === 'sent') reply({ id: req.id, ok: true, value: counts(exchange) });
      else void exchange.close().then(() => {
        reply({ id: req.id, ok: true });
        process.disconnect();
      });
    } catch (err) {
      reply({ id: req.id, ok: false, error: errorMessage(err) });
    }
  });
  process.on('disconnect', () => void exchange.close());
  process.send!({ ready: true, wsBaseUrl: exchange.wsBaseUrl, restBaseUrl: exchange.restBaseUrl, symbols: [...exchange.tradedSymbols] } satisfies Ready);
}

export function childProcessExchange(options: ExchangeOptions): Promise<SoakExchange> {
  const child: ChildProcess = fork(__filename, ['--serve-exchange', JSON.stringify(options)], {
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const call = (req: Call): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...req, id });
    });
  child.on('message', (msg: Reply | Ready) => {
    if ('id' in msg) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.value);
      else p?.reject(new Error(msg.error));
    }
  });
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error('exchange process exited'));
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exchange process exited with ${code}`)));
    child.once('message', (msg: Ready) => {
      if (!('ready' in msg)) return;
      if (!msg.ready) return reject(new Error(msg.error));
      resolve({
        wsBaseUrl: msg.wsBaseUrl,
        restBaseUrl: msg.restBaseUrl,
        symbols: msg.symbols,
        fault: async (action) => void (await call({ op: 'fault', action })),
        sentTrades: async () => (await call({ op: 'sent' })) as Record<string, number>,
        async close() {
          if (child.exitCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          await call({ op: 'close' }).catch(() => undefined);
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

if (process.argv[2] === '--serve-exchange') void serveChild();
