// Writes a recording file (the ../shared/data line format: "<receive ns> <combined-stream frame>") of raw
// trades for any number of symbols driven by one common random walk, so the local exchange can replay (and
// loop) more symbols than its built-in synthetic pair. Each symbol's trade times are strictly increasing,
// so every trade is its own aggregate and an injected gap of N trades is a gap of N aggregate ids.
import { createWriteStream } from 'fs';
import { once } from 'events';
import { mulberry32 } from '../../src/engine/random';

export interface SyntheticRecordingOptions {
  symbols: readonly string[];
  tradesPerSecond: number;
  durationMs: number;
  /** Time of the first trade; a multiple of 300000 keeps bar boundaries when the exchange loops it. */
  startTime: number;
  seed: number;
}

export async function writeSyntheticRecording(path: string, options: SyntheticRecordingOptions): Promise<number> {
  const random = mulberry32(options.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = options.symbols.length;
  const base = options.symbols.map((_, k) => 10 + 7 * k);
  const lastTime = new Array<number>(n).fill(0);
  const nextId = options.symbols.map((_, k) => 1_000_000 * (k + 1));
  const out = createWriteStream(path);
  const meanGapMs = 1000 / (options.tradesPerSecond * n);
  let clock = options.startTime;
  let common = 0;
  let written = 0;
  const end = options.startTime + options.durationMs;
  while (clock < end) {
    clock += -Math.log(1 - random()) * meanGapMs;
    common += 0.0005 * normal();
    const k = Math.floor(random() * n);
    const time = Math.max(Math.floor(clock), lastTime[k] + 1);
    if (time >= end) break;
    lastTime[k] = time;
    const price = (base[k] * Math.exp(common + 0.002 * normal())).toFixed(3);
    const qty = (0.001 + Math.round(random() * 5000) / 1000).toFixed(3);
    const symbol = options.symbols[k];
    const data = `{"e":"trade","E":${time},"T":${time},"s":"${symbol}","t":${nextId[k]++},"p":"${price}","q":"${qty}","X":"MARKET","m":${random() < 0.5}}`;
    const line = `${time}000000 {"stream":"${symbol.toLowerCase()}@trade","data":${data}}\n`;
    if (!out.write(line)) await once(out, 'drain');
    written++;
  }
  out.end();
  await once(out, 'finish');
  return written;
}
