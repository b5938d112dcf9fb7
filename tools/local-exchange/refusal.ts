// Binance's "not from this network" answers, switchable: HTTP 451 (restricted location) and 403 (its
// CloudFront WAF), on REST requests and/or WebSocket upgrades, until lifted. Bodies as Binance sends them.
import type { ServerResponse } from 'http';
import type { Duplex } from 'stream';

export type RefusalStatus = 451 | 403;
export type RefusalScope = 'rest' | 'ws' | 'both';

const BODIES: Record<RefusalStatus, { type: string; body: string; reason: string }> = {
  451: {
    type: 'application/json',
    reason: 'Unavailable For Legal Reasons',
    body: `{"code":0,"msg":"Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error."}`,
  },
  403: {
    type: 'text/html',
    reason: 'Forbidden',
    body: '<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1"><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2><HR noshade size="1px">Request blocked.</BODY></HTML>',
  },
};

export class Refusal {
  private status: RefusalStatus | null = null;
  private scope: RefusalScope = 'both';

  set(status: RefusalStatus | null, scope: RefusalScope = 'both'): void {
    this.status = status;
    this.scope = scope;
  }

  /** Answers a REST request with the refusal; false when REST is not refused. */
  answerRest(res: ServerResponse): boolean {
    if (this.status === null || this.scope === 'ws') return false;
    const { type, body } = BODIES[this.status];
    res.writeHead(this.status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body);
    return true;
  }

  /** Answers a WebSocket upgrade with the refusal (plain HTTP, then close); false when upgrades are not refused. */
  answerUpgrade(socket: Duplex): boolean {
    if (this.status === null || this.scope === 'rest') return false;
    const { type, body, reason } = BODIES[this.status];
    socket.end(`HTTP/1.1 ${this.status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    return true;
  }
}
