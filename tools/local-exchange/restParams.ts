// Binance's REST parameter rules and error shape, shared by the REST handlers (`{"code":…,"msg":…}` with its status).

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

export function intParam(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  if (!/^-?\d{1,20}$/.test(text)) {
    throw new RestError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  }
  return Number(text);
}

export function limitParam(params: URLSearchParams, fallback: number, max: number): number {
  const limit = intParam(params, 'limit') ?? fallback;
  if (limit < 1 || limit > max) throw new RestError(400, -1130, "Data sent for parameter 'limit' is not valid.");
  return limit;
}

export function invalidSymbol(): RestError {
  return new RestError(400, -1121, 'Invalid symbol.');
}

export function missingParam(name: string): RestError {
  return new RestError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}
