// The build's fix of ApexCharts 4.7.0's month-start tick (scripts/apexcharts-patch.js), run on the pinned package's
// own hour-scale code: data from 30 Nov 23:12 UTC has its first tick at the midnight that starts December, which
// must read day 1 of December (the unpatched code gives day 31 with December's month: "31 Dec").
import { strict as assert } from 'assert';
import fs from 'fs';
import path from 'path';
import { patchApexCharts } from '../../scripts/apexcharts-patch';

const ESM = path.resolve(__dirname, '../../node_modules/apexcharts/dist/apexcharts.esm.js');

interface Tick {
  value: number;
  unit: string;
  day: number;
  hour: number;
  month: number;
  year: number;
}

/** The bundle's generateHourScale, evaluated with plain stand-ins for its DateTime and Utils (by their minified names). */
function hourScale(source: string): (params: Record<string, unknown>) => Tick[] {
  const start = source.indexOf('generateHourScale",value:function(t){');
  const end = source.indexOf('}},{key:"generateMinuteScale"', start);
  assert.ok(start > 0 && end > start, 'generateHourScale in apexcharts.esm.js');
  const body = source.slice(start + 'generateHourScale",value:'.length, end + 1);
  const daysIn = (month1: number, year: number) => new Date(Date.UTC(year, ((month1 - 1) % 12) + 1, 0)).getUTCDate();
  class DateTime {
    determineDaysOfMonths(month1: number, year: number) {
      return daysIn(month1, year);
    }
  }
  const Utils = { monthMod: (m: number) => m % 12 };
  const fn = new Function('zi', 'v', `return ${body}`)(DateTime, Utils) as (this: unknown, t: Record<string, unknown>) => void;
  return (params) => {
    const self = { ctx: {}, timeScaleArray: [] as Tick[], _getYear: (y: number) => y };
    fn.call(self, params);
    return self.timeScaleArray;
  };
}

// 30 Nov 2026 23:12 UTC, 3 hours on the axis (month indexes from 0, as ApexCharts passes them).
const FROM_LAST_EVENING = { firstVal: { minMinute: 12, minSecond: 0, minHour: 23 }, currentDate: 30, currentMonth: 10, currentYear: 2026, minutesWidthOnXAxis: 1, numberOfHours: 3 };

describe('scripts/apexcharts-patch: ApexCharts 4.7.0 month-start tick', () => {
  const source = fs.readFileSync(ESM, 'utf8');

  it('the pinned bundle has the bug (control): the first tick of 1 December is day 31 of December', () => {
    const [first] = hourScale(source)(FROM_LAST_EVENING);
    assert.deepEqual({ unit: first.unit, value: first.value, month: first.month }, { unit: 'day', value: 31, month: 11 });
  });

  it('patched: the first tick is day 1 of December, the next ones 01:00 and 02:00 of it', () => {
    const ticks = hourScale(patchApexCharts(source))(FROM_LAST_EVENING);
    assert.deepEqual(ticks.slice(0, 3).map((t) => [t.unit, t.value, t.day, t.month]), [
      ['day', 1, 1, 11],
      ['hour', 1, 1, 11],
      ['hour', 2, 1, 11],
    ]);
  });

  it('patched: a midnight within a month is unchanged (14 Nov 23:12 -> 15 Nov)', () => {
    const [first] = hourScale(patchApexCharts(source))({ ...FROM_LAST_EVENING, currentDate: 14 });
    assert.deepEqual([first.unit, first.value, first.month], ['day', 15, 10]);
  });

  it('refuses a bundle without the expected code (another version) instead of building wrong dates', () => {
    assert.throws(() => patchApexCharts('var nothing=1;'), /found it 0 times/);
    assert.throws(() => patchApexCharts(patchApexCharts(source)), /found it 0 times/, 'applied once only');
  });

  it('the webview bundles are built with it', () => {
    // esbuild renames the bundle's variables (l -> l4): the fix's shape, after the month change and before the > 31 check.
    // (minified, the comparison is turned round: h==="day").
    const fixed = /=\s*\w+\(\w+,\s*\w+\),\s*(?:"day"\s*===\s*\w+|\w+\s*===\s*"day")\s*&&\s*\(\w+\s*=\s*\w+\),\s*\w+\s*>\s*31\s*&&/;
    for (const bundle of ['webview.js', 'scanner.js']) {
      const built = fs.readFileSync(path.resolve(__dirname, '../../dist', bundle), 'utf8');
      if (!built.includes('generateHourScale')) continue; // a bundle without charts
      assert.match(built, fixed, `dist/${bundle} has the fix (npm run build first)`);
    }
  });
});
