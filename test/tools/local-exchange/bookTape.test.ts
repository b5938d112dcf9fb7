// Recorded order-book events: read from recording lines, shifted in E and T like trades, looped, and joined
// mid-way at the replay clock.
import { strict as assert } from 'assert';
import { mkdtempSync, writeFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { BookTape, readBookEvents, BOOK_TICKER, DEPTH_UPDATE } from '../../../tools/local-exchange/bookTape';

describe('order-book tape', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qp-book-'));
  const file = path.join(dir, 'rec.txt');
  writeFileSync(
    file,
    [
      '1 {"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1000,"T":999,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[],"a":[]}}',
      '2 {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":3,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1","A":"3","T":500,"E":500}}',
      '3 {"stream":"btcusdt@trade","data":{"e":"trade","E":700,"T":700,"s":"BTCUSDT","t":1,"p":"1.0","q":"1","X":"MARKET","m":false}}',
      '4 {"lastUpdateId":1,"bids":[],"asks":[]}',
      '',
    ].join('\n'),
  );
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads bookTicker and depth frames in event-time order, skipping trades and snapshots', async () => {
    const events = (await readBookEvents([file])).get('BTCUSDT') ?? [];
    assert.deepEqual(
      events.map((e) => [e.time, e.kind]),
      [
        [500, BOOK_TICKER],
        [1000, DEPTH_UPDATE],
      ],
    );
  });

  it('shifts E and T by the rebase and loop shifts, and joins after a given clock', async () => {
    const events = (await readBookEvents([file])).get('BTCUSDT') ?? [];
    const tape = new BookTape('BTCUSDT', events, 300_000, 600_000);
    assert.equal(tape.time(0), 300_500);
    assert.equal(tape.time(3), 901_000);
    assert.equal(tape.data(3), '{"e":"depthUpdate","E":901000,"T":900999,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[],"a":[]}');
    assert.equal(tape.firstAfter(900_500, 0), 3);
    assert.equal(tape.firstAfter(6_000_000, 0), 20);
  });
});
