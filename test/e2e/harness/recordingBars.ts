// Independent reference for scenario 3: 1-second closes computed straight from the recording files
// (gzip lines "<ns> <combined-stream JSON>"), without any engine code. A bar's close is the price of
// the last trade (by trade time, then id) in its second; a second without trades carries the close.
import fs from 'fs';
import zlib from 'zlib';

export interface RecordedCloses {
  /** First and last second (ms, bar open time) covered. */
  from: number;
  to: number;
  /** Close per bar open time (ms), for every second from `from` to `to`. */
  closeAt(openTime: number): number | undefined;
}

export function recordedOneSecondCloses(files: string[], symbol: string): RecordedCloses {
  const trades: { t: number; id: number; p: number }[] = [];
  const stream = `${symbol.toLowerCase()}@trade`;
  for (const file of files) {
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    for (const line of text.split('\n')) {
      const json = line.slice(line.indexOf(' ') + 1);
      if (!json.includes(`"${stream}"`)) continue;
      const frame = JSON.parse(json) as { stream: string; data: { T: number; t: number; p: string } };
      if (frame.stream === stream) trades.push({ t: frame.data.T, id: frame.data.t, p: Number(frame.data.p) });
    }
  }
  if (trades.length === 0) throw new Error(`no ${symbol} trades in ${files.join(', ')}`);
  trades.sort((a, b) => a.t - b.t || a.id - b.id);
  const closes = new Map<number, number>();
  for (const tr of trades) closes.set(Math.floor(tr.t / 1000) * 1000, tr.p); // later trades overwrite
  const from = Math.floor(trades[0].t / 1000) * 1000;
  const to = Math.floor(trades[trades.length - 1].t / 1000) * 1000;
  const filled = new Map<number, number>();
  let last = closes.get(from)!;
  for (let s = from; s <= to; s += 1000) {
    last = closes.get(s) ?? last;
    filled.set(s, last);
  }
  return { from, to, closeAt: (openTime) => filled.get(openTime) };
}

/** Plain textbook OLS of y on x with intercept, and the z of the last residual over the window. */
export function olsZ(y: number[], x: number[]): { beta: number; alpha: number; spread: number; z: number } {
  const n = y.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  const resid = y.map((yi, i) => yi - alpha - beta * x[i]);
  const mean = resid.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(resid.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1));
  const spread = resid[n - 1];
  return { beta, alpha, spread, z: (spread - mean) / sd };
}
