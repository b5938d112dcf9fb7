// The WebSocket control protocol (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY):
// parses one incoming text frame into a request, or into the error body Binance answers with.

/**
 * A request id as the service takes it: an unsigned integer (what its docs promise) or a string (what Binance's
 * own SDK sends, 32 hex digits, and the service answers), echoed back exactly as given.
 */
export type RequestId = number | string;

export type ControlRequest =
  | { method: 'SUBSCRIBE' | 'UNSUBSCRIBE'; params: string[]; id: RequestId }
  | { method: 'LIST_SUBSCRIPTIONS'; id: RequestId }
  | { method: 'SET_PROPERTY'; id: RequestId; value: boolean }
  | { method: 'GET_PROPERTY'; id: RequestId };

export type ControlParse = { ok: true; request: ControlRequest } | { ok: false; reply: string };

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'] as const;

export function errorBody(code: number, msg: string, id?: RequestId): string {
  return JSON.stringify(id === undefined ? { code, msg } : { code, msg, id });
}

function invalidRequest(detail: string): ControlParse {
  return { ok: false, reply: errorBody(2, `Invalid request: ${detail}`) };
}

/** 1-based column just after the first occurrence of `needle` in `text` (serde reports positions like this). */
function columnAfter(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? text.length : at + needle.length;
}

export function parseControlMessage(text: string): ControlParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message);
    const column = position ? Number(position[1]) + 1 : text.length;
    const what = text.trim().length === 0 ? 'EOF while parsing a value' : 'expected value';
    return { ok: false, reply: errorBody(3, `Invalid JSON: ${what} at line 1 column ${column}`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalidRequest(`invalid type: expected struct Request at line 1 column ${text.length}`);
  }
  const msg = value as Record<string, unknown>;
  const id = msg.id;
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id) && id >= 0))) {
    return invalidRequest('request ID must be an unsigned integer');
  }
  const method = msg.method;
  if (method === undefined) return invalidRequest(`missing field \`method\` at line 1 column ${text.length}`);
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    const shown = typeof method === 'string' ? method : JSON.stringify(method);
    const column = columnAfter(text, JSON.stringify(method));
    return invalidRequest(
      `unknown variant \`${shown}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column ${column}`,
    );
  }
  const params = msg.params;
  switch (method) {
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
      if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) {
        return invalidRequest('invalid type: expected a sequence of stream names');
      }
      return { ok: true, request: { method, params: params as string[], id } };
    case 'LIST_SUBSCRIPTIONS':
      return { ok: true, request: { method, id } };
    case 'SET_PROPERTY':
    case 'GET_PROPERTY': {
      const list = Array.isArray(params) ? params : [];
      if (typeof list[0] !== 'string') return invalidRequest('property name must be a string');
      if (list[0] !== 'combined') return { ok: false, reply: errorBody(0, 'Unknown property', id) };
      if (method === 'GET_PROPERTY') return { ok: true, request: { method, id } };
      if (typeof list[1] !== 'boolean') return { ok: false, reply: errorBody(1, 'Invalid value type: expected Boolean') };
      return { ok: true, request: { method, id, value: list[1] } };
    }
  }
  return invalidRequest('unreachable');
}

export function resultReply(result: unknown, id: RequestId): string {
  return `{"result":${JSON.stringify(result)},"id":${JSON.stringify(id)}}`;
}
