// The desk's side of the ingest worker without a worker to talk to: a missing worker script is said, not thrown
// into Connect; the worker's store cannot be asked before a connection.
import { strict as assert } from 'assert';
import { EngineError } from '../../../src/engine/errors';
import { WorkerIngestion } from '../../../src/engine/desk/workerIngestion';

function ingestion(logs: string[], workerScript?: string): WorkerIngestion {
  return new WorkerIngestion({ flushIntervalMs: 100, tickHistoryMs: 60_000, onPreviews: () => {}, log: (level, m) => logs.push(`${level}: ${m}`), workerScript });
}

describe('WorkerIngestion', () => {
  it('a missing worker script: start says so as an error and does not throw', async () => {
    const logs: string[] = [];
    const w = ingestion(logs, '/nonexistent/ingestWorker.js');
    const feed = w.createFeed({ wsBaseUrl: 'ws://127.0.0.1:1', restBaseUrl: 'http://127.0.0.1:1', stream: 'aggTrade', symbols: ['BTCUSDT'] });
    assert.doesNotThrow(() => feed.start());
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^error: Live data cannot start: .*\/nonexistent\/ingestWorker\.js is missing/);
    await feed.stop();
  });

  it('before any connection the worker\'s store is a NETWORK error naming why', async () => {
    const w = ingestion([]);
    await assert.rejects(w.resample('BTCUSDT', 1000), (e: unknown) => e instanceof EngineError && e.code === 'NETWORK' && /not connected/.test(e.message));
    await assert.rejects(w.insertHistory('BTCUSDT', []), (e: unknown) => e instanceof EngineError && e.code === 'NETWORK');
    assert.equal(w.newestTradeTime('BTCUSDT'), undefined);
  });
});
