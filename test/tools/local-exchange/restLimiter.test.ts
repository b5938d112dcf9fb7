// The weight budget: 429 past the limit with Retry-After to the window's end, 418 (banned) for a client
// that keeps calling, and a fresh budget in the next window. Unit-level with explicit times, plus one run
// over HTTP.
import { strict as assert } from 'assert';
import { RestWeightLimiter } from '../../../tools/local-exchange/restLimiter';
import { startExchange } from '../../../tools/local-exchange';
import { FIXTURE, writeRecording } from './helpers';

describe('REST weight limiter', () => {
  it('serves up to the limit, answers 429 past it with Retry-After to the end of the minute', () => {
    const limiter = new RestWeightLimiter(100, 60_000, 120_000);
    const t = 60_000 * 1000 + 15_000; // 15 s into a minute
    for (let i = 0; i < 5; i++) assert.equal(limiter.charge(20, t).status, 200);
    const over = limiter.charge(1, t + 500);
    assert.equal(over.status, 429);
    assert.equal(over.usedWeight, 101);
    assert.equal(over.status === 429 && over.retryAfterSeconds, 45); // 44.5 s left, rounded up
    assert.equal(over.status === 429 && JSON.parse(over.body).code, -1003);
  });

  it('bans (418) a client that keeps calling after a 429, for the ban length, across windows', () => {
    const limiter = new RestWeightLimiter(10, 60_000, 120_000);
    const t = 60_000 * 1000;
    limiter.charge(10, t);
    assert.equal(limiter.charge(1, t + 1).status, 429);
    const banned = limiter.charge(1, t + 2);
    assert.equal(banned.status, 418);
    assert.equal(banned.status === 418 && banned.retryAfterSeconds, 120);
    assert.match(banned.status === 418 ? JSON.parse(banned.body).msg : '', /banned until/);
    assert.equal(limiter.charge(1, t + 61_000).status, 418, 'still banned in the next window');
    assert.equal(limiter.charge(1, t + 2 + 120_000).status, 200, 'served once the ban is over');
  });

  it('a client that waits for the next window after a 429 is served again', () => {
    const limiter = new RestWeightLimiter(10, 60_000, 120_000);
    const t = 60_000 * 1000;
    limiter.charge(11, t);
    assert.equal(limiter.charge(1, t + 60_000).status, 200);
  });
});

describe('REST weight limit over HTTP', () => {
  const fixture = writeRecording(FIXTURE);
  after(() => fixture.cleanup());

  it('aggTrades at weight 20 against a budget of 50: 200, 200, 429 with Retry-After, then 418', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], rebaseToNow: false, limits: { restWeightPerMinute: 50, restWindowMs: 1e12, restBanMs: 5000 } });
    try {
      const statuses: number[] = [];
      const headers: Headers[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${exchange.restBaseUrl}/fapi/v1/aggTrades?symbol=BTCUSDT`);
        statuses.push(res.status);
        headers.push(res.headers);
        if (res.status !== 200) assert.equal(((await res.json()) as { code: number }).code, -1003);
        else await res.text();
      }
      assert.deepEqual(statuses, [200, 200, 429, 418]);
      assert.deepEqual(headers.map((h) => h.get('x-mbx-used-weight-1m')), ['20', '40', '60', '80']);
      assert.ok(Number(headers[2].get('retry-after')) > 0);
      assert.equal(headers[3].get('retry-after'), '5');
    } finally {
      await exchange.close();
    }
  });
});
