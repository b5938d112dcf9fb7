import { strict as assert } from 'assert';
import { balancedRowBlocks, correlationRows, standardisedReturns } from '../../../src/engine/scan/correlation';
import { screenPairs } from '../../../src/engine/scan/screen';
import { mulberry32 } from '../../../src/engine/random';

/** Pearson correlation of two arrays, the textbook way. */
function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('scan: stage 1 correlation', () => {
  const symbols = 9;
  const bars = 301;
  const rand = mulberry32(99);
  const logPrices = new Float64Array(symbols * bars);
  const common: number[] = [0];
  for (let t = 1; t < bars; t++) common.push(common[t - 1] + rand() - 0.5);
  for (let i = 0; i < symbols; i++) {
    let own = Math.log(0.001 * 10 ** i);
    for (let t = 0; t < bars; t++) {
      own += (rand() - 0.5) * (0.2 + i / 10);
      logPrices[i * bars + t] = own + common[t] * (i % 3);
    }
  }
  const returnsOf = (i: number) => Array.from({ length: bars - 1 }, (_, t) => logPrices[i * bars + t + 1] - logPrices[i * bars + t]);

  it('Z·Zᵀ of standardised returns equals each pair’s Pearson correlation of log returns', () => {
    const z = standardisedReturns(logPrices, symbols, bars);
    const corr = new Float64Array(symbols * symbols);
    // Computed in the pool's row blocks, to check the blocks cover every row once.
    for (const [from, to] of balancedRowBlocks(symbols, 4)) correlationRows(z, symbols, bars - 1, from, to, corr);
    for (let i = 0; i < symbols; i++) {
      assert.equal(corr[i * symbols + i], 1);
      for (let j = i + 1; j < symbols; j++) {
        const expected = pearson(returnsOf(i), returnsOf(j));
        assert.ok(Math.abs(corr[i * symbols + j] - expected) < 1e-12, `(${i}, ${j}): ${corr[i * symbols + j]} vs ${expected}`);
      }
    }
  });

  it('balanced row blocks cover 0…n once, in order', () => {
    for (const [n, parts] of [[9, 4], [479, 8], [2, 3], [400, 1]]) {
      const blocks = balancedRowBlocks(n, parts);
      assert.equal(blocks[0][0], 0);
      assert.equal(blocks[blocks.length - 1][1], n);
      for (let b = 1; b < blocks.length; b++) assert.equal(blocks[b][0], blocks[b - 1][1]);
    }
  });

  it('screens the top K by |ρ| (negative ρ counts), or those above a threshold', () => {
    const n = 4;
    // Upper triangle: (0,1) 0.9, (0,2) −0.95, (0,3) 0.1, (1,2) 0.5, (1,3) −0.2, (2,3) 0.3.
    const corr = new Float64Array([1, 0.9, -0.95, 0.1, 0, 1, 0.5, -0.2, 0, 0, 1, 0.3, 0, 0, 0, 1]);
    const top3 = screenPairs(corr, n, 3, 0);
    assert.deepEqual([Array.from(top3.first), Array.from(top3.second), Array.from(top3.corr)], [[0, 0, 1], [2, 1, 2], [-0.95, 0.9, 0.5]]);
    const above = screenPairs(corr, n, Infinity, 0.25);
    assert.deepEqual(Array.from(above.corr), [-0.95, 0.9, 0.5, 0.3]);
  });
});
