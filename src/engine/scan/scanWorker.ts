// Worker entry of the scan pool (bundled as dist/scanWorker.js): computes correlation row blocks and
// stage-2 pair tests on the shared matrices it is given, checking the cancel flag between pairs.
import { errorMessage } from '../../shared/errorMessage';
import { parentPort } from 'worker_threads';
import { correlationRows } from './correlation';
import { testPair, type PairStatistics, type PairTestOptions } from './pairTest';
import { johansenTraceTest } from './johansenTrace';
import type { FromWorker, InitMessage, ToWorker } from './workerProtocol';

let scan: { init: InitMessage; logPrices: Float64Array; returns: Float64Array; corr: Float64Array; cancel: Int32Array; options: PairTestOptions } | undefined;

function handle(message: ToWorker): FromWorker | undefined {
  if (message.kind === 'init') {
    scan = {
      init: message,
      logPrices: new Float64Array(message.logPrices),
      returns: new Float64Array(message.returns),
      corr: new Float64Array(message.corr),
      cancel: new Int32Array(message.cancel),
      options: { inSampleShare: message.inSampleShare, johansen: johansenTraceTest(message.johansenLags) },
    };
    return undefined;
  }
  if (!scan || scan.init.scanId !== message.scanId) return { kind: 'failed', taskId: message.taskId, message: 'scan worker: task for a scan it was not given' };
  const { init, cancel } = scan;
  if (message.kind === 'corr') {
    correlationRows(scan.returns, init.symbols, init.bars - 1, message.fromRow, message.toRow, scan.corr);
    return { kind: 'done', taskId: message.taskId };
  }
  const results: PairStatistics[] = [];
  const n = init.bars;
  for (let k = 0; k < message.first.length; k++) {
    if (Atomics.load(cancel, 0) !== 0) return { kind: 'done', taskId: message.taskId, cancelled: true };
    const i = message.first[k];
    const j = message.second[k];
    results.push(testPair(i, j, message.corr[k], scan.logPrices.subarray(i * n, (i + 1) * n), scan.logPrices.subarray(j * n, (j + 1) * n), scan.options));
  }
  return { kind: 'done', taskId: message.taskId, results };
}

parentPort?.on('message', (message: ToWorker) => {
  let reply: FromWorker | undefined;
  try {
    reply = handle(message);
  } catch (err) {
    reply = { kind: 'failed', taskId: 'taskId' in message ? message.taskId : -1, message: errorMessage(err) };
  }
  if (reply) parentPort!.postMessage(reply);
});
