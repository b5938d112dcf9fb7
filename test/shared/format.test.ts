import { strict as assert } from 'assert';
import { dataDecimals, decimalAt, decimalSignificant, formatNumber, formatUtcTime, formatPrice, formatSigned, residueFloor } from '../../src/shared/format';

describe('shared/format', () => {
  it('formatSigned: explicit +, a value rounding to zero unsigned, a dash for nothing', () => {
    assert.equal(formatSigned(1.234), '+1.23');
    assert.equal(formatSigned(-1.235, 1), '-1.2');
    assert.equal(formatSigned(0), '0.00');
    assert.equal(formatSigned(-0.001), '0.00');
    assert.equal(formatSigned(null), '—');
    assert.equal(formatSigned(NaN), '—');
  });

  it('formatNumber: fixed decimals in the readable range, exponent form outside it', () => {
    assert.equal(formatNumber(12.5), '12.5000');
    assert.equal(formatNumber(-0.91, 3), '-0.910');
    assert.equal(formatNumber(0), '0.0000');
    assert.equal(formatNumber(1234567), '1.235e+6');
    assert.equal(formatNumber(0.00001234), '1.234e-5');
    assert.equal(formatNumber(999999.5, 0), '1000000');
    assert.equal(formatNumber(undefined), '—');
    assert.equal(formatNumber(Infinity), '—');
  });

  it('formatPrice: 2 decimals from 1000, 4 from 1, 5 significant digits below', () => {
    assert.equal(formatPrice(64123.456), '64123.46');
    assert.equal(formatPrice(3.14159), '3.1416');
    assert.equal(formatPrice(0.000123456), '0.00012346');
    assert.equal(formatPrice(undefined), '—');
  });

  it('formatNumber: a value within the data\'s rounding noise is 0, and nothing prints as -0', () => {
    // The tree's "Spread … mean -1.455e-11" on prices of 3000: noise 3000 × 1e-9 = 3e-6.
    assert.equal(residueFloor(3000), 3e-6);
    assert.ok(Math.abs(residueFloor(undefined, -64000, NaN) - 6.4e-5) < 1e-18); // the largest finite magnitude counts
    assert.equal(residueFloor(), 0);
    assert.equal(formatNumber(-1.455e-11, 4, residueFloor(3000)), '0.0000');
    assert.equal(formatNumber(-1.455e-11), '-1.455e-11'); // without a noise floor the value is shown as it is
    assert.equal(formatNumber(-0.00001, 2), '-1.000e-5');
    assert.equal(formatNumber(-0.00004, 4, 1e-4), '0.0000');
    assert.equal(formatNumber(-0.00004, 3), '-4.000e-5');
    assert.equal(formatNumber(-0.0004, 3), '0.000');
    // Above the noise a small figure keeps its exponent form (a p-value of 2e-10 is a figure, not residue).
    assert.equal(formatNumber(2e-10), '2.000e-10');
    assert.equal(formatNumber(5e-5, 4, residueFloor(3000)), '5.000e-5');
  });

  it('dataDecimals: the decimals the data was written with, floating residue ignored', () => {
    assert.equal(dataDecimals([64000, 64010.5, 63990.1]), 1);
    assert.equal(dataDecimals([3400.25, 3401, null, NaN]), 2);
    assert.equal(dataDecimals([2043.6290000000013, 2043.62]), 3);
    assert.equal(dataDecimals([0.1 + 0.2]), 1); // 0.30000000000000004
    assert.equal(dataDecimals([12.345000000000002, 0.001]), 3);
    assert.equal(dataDecimals([]), 0);
    assert.equal(dataDecimals([Math.PI]), 10);
    assert.equal(dataDecimals([Math.PI], 4), 4);
  });

  it('decimalAt / decimalSignificant: the shortest plain decimal at a precision, never -0 or an exponent', () => {
    assert.equal(decimalAt(2043.6290000000013, 3), '2043.629');
    assert.equal(decimalAt(64005.5, 2), '64005.5');
    assert.equal(decimalAt(64000, 2), '64000');
    assert.equal(decimalAt(-9.09e-13, 8), '0');
    assert.equal(decimalAt(-0.000015, 7), '-0.000015');
    assert.equal(decimalAt(1e-7, 8), '0.0000001');
    assert.equal(decimalSignificant(18.250000000000004, 12), '18.25');
    assert.equal(decimalSignificant(-1.5e-5, 12), '-0.000015');
    assert.equal(decimalSignificant(0.1 + 0.2, 12), '0.3');
    assert.equal(decimalSignificant(1 / 3, 4), '0.3333');
    assert.equal(decimalSignificant(-1e-13, 10, 1e-9), '0');
    assert.equal(decimalSignificant(0), '0');
    assert.equal(decimalSignificant(1.23456789e-25, 3), '1.23e-25');
    assert.equal(decimalSignificant(-4.5e22, 12), '-4.5e+22');
  });

  it('formatUtcTime: the tooltip time says UTC (an ApexCharts format string printed "UAC")', () => {
    assert.equal(formatUtcTime(Date.UTC(2026, 11, 1, 7, 54, 56, 789)), '2026-12-01 07:54:56 UTC');
    assert.equal(formatUtcTime(0), '1970-01-01 00:00:00 UTC');
    assert.equal(formatUtcTime(NaN), '—');
  });
});
