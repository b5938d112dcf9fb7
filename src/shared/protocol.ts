// The host↔webview protocol of the dashboard, declared once and imported by both sides.
// Envelope and MessageHandler follow vscode-hexeditor's shape: events, requests with replies by id.
// Messages only: the model types, constants and formatters both sides use are in ./model, ./constants, ./format.
import { HEDGE_METHODS, PAIR_ID_PATTERN, TIMEFRAMES, WINDOW_MAX, WINDOW_MIN, type HedgeMethod, type Timeframe } from './constants';
import type { AlertFiring, AlertRule, BacktestView, PairBarRow, PairView } from './model';
import { parseBacktestOverrides, type BacktestOverrides } from './backtestOverrides';

export interface Envelope<T> {
  messageId: number;
  inReplyTo?: number;
  body: T;
}

// ---- host → webview ----

/** Full state for one pair: sent in reply to `ready` and when the pair or its parameters change. */
export interface InitMessage {
  type: 'init';
  pair: PairView;
  /** Every pair on the desk, for the pair selector. */
  pairIds: string[];
  /** Aligned bars with analytics, oldest first (already bounded by the host). */
  bars: PairBarRow[];
  rules: AlertRule[];
  alerts: AlertFiring[];
  backtest?: BacktestView;
  bandK: number;
  maxPointsPerSeries: number;
  /** The z levels a backtest runs with (quantPairs.zThresholds), drawn on the z chart. */
  zLevels: ZLevels;
}

/** Backtest z levels: enter beyond ±entry, exit at ±exit. */
export interface ZLevels {
  entry: number;
  exit: number;
}

/** Throttled live update (at most every `dashboardUpdateMs`): latest z, prices and the bars closed since the last one. */
export interface UpdateMessage {
  type: 'update';
  pair: PairView;
  newBars: PairBarRow[];
  /** Exchange trade time of the newest tick reflected in this update (for the latency benchmark). */
  lastTradeTime?: number;
  /** Host time when posted. */
  sentAt: number;
}

export interface RulesMessage {
  type: 'rules';
  rules: AlertRule[];
  alerts: AlertFiring[];
}

export interface BacktestMessage {
  type: 'backtest';
  backtest: BacktestView;
}

export interface NoPairMessage {
  type: 'noPair';
  message: string;
  pairIds: string[];
}

export type ToWebviewMessage = InitMessage | UpdateMessage | RulesMessage | BacktestMessage | NoPairMessage;

// ---- webview → host ----

export interface ReadyRequest {
  type: 'ready';
  /** Pair the webview showed before it was hidden or reloaded (from getState). */
  pairId?: string;
}

export type WebviewCommand = 'runTests' | 'saveCsv' | 'runBacktest' | 'addAlertRule' | 'saveBacktestCsv';

export interface CommandRequest {
  type: 'command';
  command: WebviewCommand;
}

export interface SetTimeframeRequest {
  type: 'setTimeframe';
  timeframe: Timeframe;
}

export interface SetWindowRequest {
  type: 'setWindow';
  window: number;
}

export interface SetHedgeRequest {
  type: 'setHedge';
  hedge: HedgeMethod;
}

/** Run the backtest with the dashboard form's parameters; keys left out take the settings' values. */
export interface RunBacktestRequest {
  type: 'runBacktest';
  params: BacktestOverrides;
}

export interface SelectPairRequest {
  type: 'selectPair';
  pairId: string;
}

/** The webview drew an update: echoes its trade time (latency benchmark) and the draw time. */
export interface DrawnEvent {
  type: 'drawn';
  lastTradeTime: number;
  drawnAt: number;
}

export type FromWebviewMessage =
  | ReadyRequest
  | CommandRequest
  | SetTimeframeRequest
  | SetWindowRequest
  | SetHedgeRequest
  | SelectPairRequest
  | RunBacktestRequest
  | DrawnEvent;

const WEBVIEW_COMMANDS: readonly WebviewCommand[] = ['runTests', 'saveCsv', 'runBacktest', 'addAlertRule', 'saveBacktestCsv'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Checks a message body from the webview; returns the typed message or a reason it was rejected. */
export function validateFromWebview(body: unknown): { ok: true; message: FromWebviewMessage } | { ok: false; reason: string } {
  if (!isRecord(body) || typeof body.type !== 'string') return { ok: false, reason: 'message has no type' };
  switch (body.type) {
    case 'ready':
      if (body.pairId !== undefined && (typeof body.pairId !== 'string' || !PAIR_ID_PATTERN.test(body.pairId)))
        return { ok: false, reason: 'ready.pairId is not a pair id' };
      return { ok: true, message: body.pairId === undefined ? { type: 'ready' } : { type: 'ready', pairId: body.pairId as string } };
    case 'command':
      if (!WEBVIEW_COMMANDS.includes(body.command as WebviewCommand)) return { ok: false, reason: 'unknown command' };
      return { ok: true, message: { type: 'command', command: body.command as WebviewCommand } };
    case 'setTimeframe':
      if (!TIMEFRAMES.includes(body.timeframe as SetTimeframeRequest['timeframe']))
        return { ok: false, reason: `timeframe must be one of ${TIMEFRAMES.join(', ')}` };
      return { ok: true, message: { type: 'setTimeframe', timeframe: body.timeframe as SetTimeframeRequest['timeframe'] } };
    case 'setWindow':
      if (!Number.isInteger(body.window) || (body.window as number) < WINDOW_MIN || (body.window as number) > WINDOW_MAX)
        return { ok: false, reason: `window must be an integer from ${WINDOW_MIN} to ${WINDOW_MAX}` };
      return { ok: true, message: { type: 'setWindow', window: body.window as number } };
    case 'setHedge':
      if (!HEDGE_METHODS.includes(body.hedge as SetHedgeRequest['hedge'])) return { ok: false, reason: 'unknown regression type' };
      return { ok: true, message: { type: 'setHedge', hedge: body.hedge as SetHedgeRequest['hedge'] } };
    case 'selectPair':
      if (typeof body.pairId !== 'string' || !PAIR_ID_PATTERN.test(body.pairId)) return { ok: false, reason: 'selectPair.pairId is not a pair id' };
      return { ok: true, message: { type: 'selectPair', pairId: body.pairId } };
    case 'runBacktest': {
      const params = parseBacktestOverrides(body.params);
      if (typeof params === 'string') return { ok: false, reason: `backtest parameters: ${params}` };
      return { ok: true, message: { type: 'runBacktest', params } };
    }
    case 'drawn':
      if (!isFiniteNumber(body.lastTradeTime) || !isFiniteNumber(body.drawnAt)) return { ok: false, reason: 'drawn needs finite times' };
      return { ok: true, message: { type: 'drawn', lastTradeTime: body.lastTradeTime, drawnAt: body.drawnAt } };
    default:
      return { ok: false, reason: `unknown message type "${String(body.type).slice(0, 40)}"` };
  }
}

/** Checks the envelope around a webview message. */
export function validateEnvelope(raw: unknown): { ok: true; envelope: Envelope<unknown> } | { ok: false; reason: string } {
  if (!isRecord(raw) || !Number.isInteger(raw.messageId)) return { ok: false, reason: 'envelope has no messageId' };
  if (raw.inReplyTo !== undefined && !Number.isInteger(raw.inReplyTo)) return { ok: false, reason: 'inReplyTo is not an id' };
  return { ok: true, envelope: { messageId: raw.messageId as number, inReplyTo: raw.inReplyTo as number | undefined, body: raw.body } };
}

/**
 * postMessage RPC shared by both sides: `sendEvent` (fire and forget), `sendRequest` (resolved by the reply's
 * `inReplyTo`), and replies produced by the handler. `TTo` is what this side sends, `TFrom` what it receives.
 */
export class MessageHandler<TTo, TFrom> {
  private nextId = 0;
  private readonly pending = new Map<number, (body: TFrom) => void>();

  constructor(
    private readonly handler: (body: TFrom) => Promise<TTo | undefined> | TTo | undefined,
    private readonly post: (envelope: Envelope<TTo>) => void,
  ) {}

  sendEvent(body: TTo): void {
    this.post({ messageId: this.nextId++, body });
  }

  sendRequest(body: TTo): Promise<TFrom> {
    const messageId = this.nextId++;
    return new Promise<TFrom>((resolve) => {
      this.pending.set(messageId, resolve);
      this.post({ messageId, body });
    });
  }

  /** Call with an envelope whose body has already been validated. */
  async handleMessage(envelope: Envelope<TFrom>): Promise<void> {
    if (envelope.inReplyTo !== undefined) {
      const resolve = this.pending.get(envelope.inReplyTo);
      this.pending.delete(envelope.inReplyTo);
      resolve?.(envelope.body);
      return;
    }
    const reply = await this.handler(envelope.body);
    if (reply !== undefined) this.post({ messageId: this.nextId++, inReplyTo: envelope.messageId, body: reply });
  }
}

export type HostMessageHandler = MessageHandler<ToWebviewMessage, FromWebviewMessage>;
export type WebviewMessageHandler = MessageHandler<FromWebviewMessage, ToWebviewMessage>;
