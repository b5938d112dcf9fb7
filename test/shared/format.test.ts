import { strict as assert } from 'assert';
import { formatNumber, formatPrice, formatSigned } from '../../src/shared/format';

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
});
