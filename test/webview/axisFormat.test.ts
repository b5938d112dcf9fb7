import { strict as assert } from 'assert';
import { axisDecimals, formatAxisValue, rangeOf } from '../../webview/axisFormat';

describe('axisFormat', () => {
  it('prints floating-point residue and −0 as 0 (the spread mean line)', () => {
    const spread = { min: -3.2, max: 2.9 };
    assert.equal(formatAxisValue(-1.3877787807814457e-17, spread), '0');
    assert.equal(formatAxisValue(2.2e-16, spread), '0');
    assert.equal(formatAxisValue(-0, spread), '0');
    assert.equal(formatAxisValue(0, spread), '0');
    // A BTC-scale spread: residue grows with the scale and is still noise.
    assert.equal(formatAxisValue(3.6e-11, { min: -180, max: 240 }), '0');
  });

  it('gives about 4 significant digits of the axis span, the same decimals on every tick', () => {
    // Span 6.1 → 3 decimals (hand count: 4 − 1 − floor(log10 6.1) = 3).
    assert.equal(axisDecimals({ min: -3.2, max: 2.9 }), 3);
    assert.equal(formatAxisValue(1.23456, { min: -3.2, max: 2.9 }), '1.235');
    assert.equal(formatAxisValue(-2.5, { min: -3.2, max: 2.9 }), '-2.5');
    // Log-price spread of a few thousandths: span 0.004 → 6 decimals.
    assert.equal(formatAxisValue(0.00123456, { min: -0.002, max: 0.002 }), '0.001235');
    // Narrow BTC price range: ticks 0.5 apart stay distinct.
    const btc = { min: 64000.1, max: 64003.5 };
    assert.notEqual(formatAxisValue(64000.5, btc), formatAxisValue(64001.0, btc));
    assert.equal(formatAxisValue(64000.5, btc), '64000.5');
    // Large span: no decimals.
    assert.equal(formatAxisValue(12345.678, { min: 0, max: 20000 }), '12346');
  });

  it('uses the magnitude when the data is flat, exponents only for huge values, nothing for non-numbers', () => {
    assert.equal(formatAxisValue(0.5, { min: 0.5, max: 0.5 }), '0.5');
    assert.equal(formatAxisValue(2.5e12, { min: 0, max: 3e12 }), '2.5e+12');
    assert.equal(formatAxisValue(Number.NaN, { min: 0, max: 1 }), '');
    assert.equal(formatAxisValue(1.5, undefined), '1.5');
  });

  it('finds the range over every series, skipping gaps', () => {
    assert.deepEqual(rangeOf([[[1, 2], [2, null], [3, -1]], [[1, 5]]]), { min: -1, max: 5 });
    assert.equal(rangeOf([[[1, null]]]), undefined);
  });
});
