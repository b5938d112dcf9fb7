// The exchange's 451 / 403 switch seen from a raw client: Binance's status and body on REST and on the WebSocket
// upgrade, each scope alone, lifted by null and by clearAll; traffic() counts what arrived.
import { strict as assert } from 'assert';
import { request } from 'http';
import WebSocket from 'ws';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';

function get(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

/** Status of a WebSocket upgrade: 101 when it opens, else the HTTP status it was answered with. */
function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    ws.on('error', (err) => (err.message.includes('closed before the connection') ? undefined : reject(err)));
  });
}

describe('exchange: refuse(451 | 403)', function () {
  this.timeout(10_000);
  let ex: LocalExchange;
  beforeEach(async () => {
    ex = await startExchange({ synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 5, seed: 1 } });
  });
  afterEach(() => ex.close());

  const stream = () => `${ex.wsBaseUrl}/market/stream?streams=btcusdt@aggTrade`;

  it("451 on both: Binance's restricted-location JSON on REST and on the upgrade", async () => {
    ex.faults.refuse(451);
    const rest = await get(`${ex.restBaseUrl}/fapi/v1/time`);
    assert.equal(rest.status, 451);
    assert.equal(rest.type, 'application/json');
    const body = JSON.parse(rest.body) as { code: number; msg: string };
    assert.equal(body.code, 0);
    assert.match(body.msg, /^Service unavailable from a restricted location/);
    const ws = await upgradeStatus(stream());
    assert.equal(ws.status, 451);
    assert.match(ws.body, /restricted location/);
  });

  it('403 on ws only: REST answers, the upgrade gets the CloudFront page; null lifts it', async () => {
    ex.faults.refuse(403, 'ws');
    assert.equal((await get(`${ex.restBaseUrl}/fapi/v1/time`)).status, 200);
    const ws = await upgradeStatus(stream());
    assert.equal(ws.status, 403);
    assert.match(ws.body, /403 ERROR/);
    ex.faults.refuse(null);
    assert.equal((await upgradeStatus(stream())).status, 101);
  });

  it('rest only leaves the upgrade alone; clearAll lifts it; traffic counts every request and upgrade', async () => {
    ex.faults.refuse(451, 'rest');
    assert.equal((await get(`${ex.restBaseUrl}/fapi/v1/ping`)).status, 451);
    assert.equal((await upgradeStatus(stream())).status, 101);
    ex.faults.clearAll();
    assert.equal((await get(`${ex.restBaseUrl}/fapi/v1/ping`)).status, 200);
    const traffic = ex.traffic();
    assert.equal(traffic.restRequests, 2);
    assert.equal(traffic.wsUpgrades, 1);
    assert.ok(traffic.tcpConnections >= 2 && traffic.peerPorts.length === traffic.tcpConnections);
  });
});
