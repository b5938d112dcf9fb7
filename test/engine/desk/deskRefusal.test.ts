// A 451 / 403 from Binance seen through the whole desk: the real feed and REST client against the local exchange,
// and the message as the tree row, the status bar and the log show it (one message, through the feed-state events).
import { strict as assert } from 'assert';
import { Desk, type DeskEvent } from '../../../src/engine/desk/desk';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { pairRow, statusBarModel } from '../../../src/extension/viewModels';
import { waitFor } from '../feed/tinyServer';

const MESSAGE_451 = 'Binance futures is not available from this network (HTTP 451: restricted location)';
const MESSAGE_403 = "Binance futures is not available from this network (HTTP 403: refused by Binance's firewall)";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Desk: Binance refusing this network', function () {
  this.timeout(20_000);
  let exchange: LocalExchange;
  let desk: Desk | undefined;
  let events: DeskEvent[];

  beforeEach(async () => {
    exchange = await startExchange({ synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 20, seed: 11 }, speed: 1 });
    events = [];
  });
  afterEach(async () => {
    await desk?.dispose();
    desk = undefined;
    await exchange.close();
  });

  function newDesk(): Desk {
    const d = new Desk(createDeskEngine({ historyBars: 500 }), {
      wsBaseUrl: exchange.wsBaseUrl,
      restBaseUrl: exchange.restBaseUrl,
      stream: 'aggTrade',
      historyBars: 500,
      updateMs: 50,
      firstTickWaitMs: 200,
    });
    d.onEvent((e) => events.push(e));
    return d;
  }

  it('WebSocket 451: the feed row, the pair, the status bar tooltip and the log carry the message; one upgrade only', async () => {
    exchange.faults.refuse(451, 'ws');
    desk = newDesk();
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 20, hedge: 'ols' });
    await waitFor(() => desk!.get(view.id)?.status === 'error', 5000, 'pair in error');
    await sleep(500);
    const pair = desk.get(view.id)!;
    const row = pairRow(pair);
    const feedRow = row.children.find((c) => c.label === 'Feed BTCUSDT')!;
    assert.equal(feedRow.description, `error: ${MESSAGE_451}`);
    assert.equal(row.tooltip, `BTCUSDT / ETHUSDT: error: ${MESSAGE_451}`);
    const bar = statusBarModel(pair);
    assert.ok(bar.text.startsWith('$(error) BTCUSDT/ETHUSDT'), bar.text);
    assert.ok(bar.tooltip.includes(`error: ${MESSAGE_451}`), bar.tooltip);
    const logs = events.filter((e) => e.kind === 'log' && e.level === 'error' && e.message.includes(MESSAGE_451));
    assert.equal(logs.length, 1, 'logged once');
    assert.ok(events.some((e) => e.kind === 'feedState' && e.state.kind === 'error' && e.state.code === 'RESTRICTED_LOCATION'));
    assert.equal(exchange.traffic().wsUpgrades, 1, 'no reconnect storm');
  });

  it('after a 451 the desk is not connected (Connect is offered), and Connect tries again with a new feed', async () => {
    exchange.faults.refuse(451, 'ws');
    desk = newDesk();
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 20, hedge: 'ols' });
    await waitFor(() => desk!.get(view.id)?.status === 'error', 5000, 'pair in error');
    assert.equal(desk.connected, false, 'a 451 feed is stopped: the extension offers Connect, not Disconnect');
    desk.connect();
    await sleep(300);
    assert.equal(exchange.traffic().wsUpgrades, 2, 'Connect opened one new upgrade');
    // The network changed (here: the exchange stops refusing): Connect brings the feed live.
    exchange.faults.refuse(null, 'ws');
    desk.connect();
    await waitFor(() => desk!.get(view.id)?.legStates.BTCUSDT?.kind === 'live', 5000, 'feed live after Connect');
    assert.equal(desk.connected, true);
    assert.equal(exchange.traffic().wsUpgrades, 3);
  });

  it('WebSocket 403: the pair (warming or stale) and its Feed rows say the feed is retrying and why; one upgrade', async () => {
    exchange.faults.refuse(403, 'ws');
    desk = newDesk();
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 20, hedge: 'ols' });
    await waitFor(() => desk!.get(view.id)?.legStates.BTCUSDT?.kind === 'reconnecting', 5000, 'feed reconnecting');
    await sleep(300);
    const pair = desk.get(view.id)!;
    assert.ok(pair.status === 'warming' || pair.status === 'stale', pair.status);
    const feedRow = pairRow(pair).children.find((c) => c.label === 'Feed ETHUSDT')!;
    assert.equal(feedRow.description, `reconnecting (attempt 1): ${MESSAGE_403}`);
    assert.ok(statusBarModel(pair).tooltip.includes(MESSAGE_403), statusBarModel(pair).tooltip);
    assert.ok(events.some((e) => e.kind === 'log' && e.message.includes(MESSAGE_403)));
    assert.equal(exchange.traffic().wsUpgrades, 1);
  });

  it('REST 403: Add Pair is refused with the message; a restored pair shows it (tree and status bar)', async () => {
    exchange.faults.refuse(403, 'rest');
    desk = newDesk();
    desk.connect();
    const config = { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 20, hedge: 'ols' } as const;
    await assert.rejects(desk.addPair(config), { code: 'FORBIDDEN', message: `Could not load the symbol list: ${MESSAGE_403}` });
    const view = await desk.restorePair(config);
    await waitFor(() => desk!.get(view.id)?.status === 'error', 5000, 'pair in error');
    const pair = desk.get(view.id)!;
    assert.equal(pair.error, MESSAGE_403);
    assert.ok(pairRow(pair).tooltip!.endsWith(`error: ${MESSAGE_403}`));
    assert.ok(statusBarModel(pair).tooltip.includes(MESSAGE_403));
    assert.ok(events.some((e) => e.kind === 'log' && e.level === 'error' && e.message.includes(MESSAGE_403)));
  });

  it('the symbol list keeps the refusal code (Add Pair can say why)', async () => {
    exchange.faults.refuse(451, 'rest');
    desk = newDesk();
    await assert.rejects(desk.symbols(), { code: 'RESTRICTED_LOCATION', message: `Could not load the symbol list: ${MESSAGE_451}` });
  });
});
