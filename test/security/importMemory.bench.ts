// Bench (not part of `npm test`): does import stream? Generates big files in a temp folder and measures
// peak RSS while (a) reading them line by line (readLines) and (b) loading them as a pair (loadPairFiles,
// which keeps every tick for the analytics), plus a file with no line break at all.
// Run: npx tsx test/security/importMemory.bench.ts [MB=200]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadPairFiles } from '../../src/engine/desk/loadFiles';
import { readLines } from '../../src/engine/import/lines';

const MB = Number(process.argv[2] ?? 200);
/** `oneline`: only the file without a line break (run alone so the other cases' heap does not hide its peak). */
const ONLY_ONE_LINE = process.argv[3] === 'oneline';

async function writeFile(file: string, bytes: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const text = line(i);
    written += text.length;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function peakDuring<T>(label: string, task: () => Promise<T>): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = Date.now();
  let outcome: string;
  try {
    const r = await task();
    outcome = `ok ${typeof r === 'number' ? r : ''}`;
  } catch (err) {
    outcome = `${(err as Error).name}: ${(err as Error).message.slice(0, 160)}`;
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`${label}: ${outcome}; ${((Date.now() - t0) / 1000).toFixed(1)} s, RSS ${(before / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'qp-sec-bench-'));
  try {
    const ndjson = path.join(dir, 'big.ndjson');
    if (!ONLY_ONE_LINE) await ndjsonCases(ndjson);
    const oneLine = path.join(dir, 'one-line.bin');
    await writeFile(oneLine, MB * 2 ** 20, () => 'A'.repeat(1 << 16));
    await peakDuring(`loadPairFiles on ${MB} MB without a line break`, async () => (await loadPairFiles([oneLine])).reports.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ndjsonCases(ndjson: string): Promise<void> {
  {
    await writeFile(ndjson, MB * 2 ** 20, (i) => `{"symbol":"${i % 2 ? 'BTCUSDT' : 'ETHUSDT'}","ts":${1721347200000 + i},"price":${(64000 + (i % 1000) / 10).toFixed(1)},"size":0.01}\n`);
    console.log(`file: ${(statSync(ndjson).size / 2 ** 20).toFixed(0)} MB NDJSON`);
    await peakDuring('readLines (streaming)', async () => {
      let n = 0;
      for await (const _ of readLines(ndjson)) n++;
      return n;
    });
    await peakDuring('loadPairFiles (trades folded into 1 s bars)', async () => {
      const loaded = await loadPairFiles([ndjson]);
      return loaded.reports.reduce((a, r) => a + r.records, 0);
    });
  }
}

void main();
