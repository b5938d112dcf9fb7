// Scripted REST faults: the next N requests answered with 429 / 418 / 500, or delayed.

export type RestFault = { status: 429 | 418 | 500; count: number; retryAfterSeconds?: number } | { delayMs: number; count: number };

export type RestFaultAction =
  | { kind: 'none' }
  | { kind: 'status'; status: 429 | 418 | 500; retryAfterSeconds: number; body: string }
  | { kind: 'delay'; delayMs: number };

export class RestFaults {
  private readonly queue: RestFault[] = [];

  add(fault: RestFault): void {
    if (fault.count > 0) this.queue.push({ ...fault });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** What to do with the next request (consumes one count of the first scripted fault). */
  next(): RestFaultAction {
    const fault = this.queue[0];
    if (!fault) return { kind: 'none' };
    if (--fault.count <= 0) this.queue.shift();
    if ('delayMs' in fault) return { kind: 'delay', delayMs: fault.delayMs };
    const retryAfterSeconds = fault.retryAfterSeconds ?? 1;
    const body =
      fault.status === 500
        ? '{"code":-1000,"msg":"An unknown error occurred while processing the request."}'
        : fault.status === 429
          ? '{"code":-1003,"msg":"Too much request weight used; current limit is 2400 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."}'
          : `{"code":-1003,"msg":"Way too much request weight used; IP banned until ${Date.now() + retryAfterSeconds * 1000}. Please use WebSocket Streams for live updates to avoid bans."}`;
    return { kind: 'status', status: fault.status, retryAfterSeconds, body };
  }
}
