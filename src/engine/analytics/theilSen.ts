// Theil-Sen fit of y on x ("y = α + β·x + ε"): β = median of the pairwise slopes (y_j − y_i)/(x_j − x_i)
// over pairs with x_j ≠ x_i; α = median(y − β·x) (scipy.stats.theilslopes, method "joint").
// O(n²) slopes: ~45,000 for a 300-bar window; the scratch buffers are reused across calls.
import { EngineError } from '../errors';
import type { LineFit } from './rollingCoMoments';
import { medianInPlace } from './select';

export class TheilSenFitter {
  private slopes = new Float64Array(0);
  private residuals = new Float64Array(0);

  fit(x: Float64Array, y: Float64Array, n: number): LineFit {
    const pairs = (n * (n - 1)) / 2;
    if (this.slopes.length < pairs) this.slopes = new Float64Array(pairs);
    if (this.residuals.length < n) this.residuals = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const yi = y[i];
      for (let j = i + 1; j < n; j++) {
        const dx = x[j] - xi;
        if (dx !== 0) this.slopes[m++] = (y[j] - yi) / dx;
      }
    }
    if (m === 0) throw new EngineError('CONSTANT_SERIES', 'Theil-Sen: x is constant on the window, no slope can be formed');
    const beta = medianInPlace(this.slopes, m);
    for (let i = 0; i < n; i++) this.residuals[i] = y[i] - beta * x[i];
    return { beta, alpha: medianInPlace(this.residuals, n) };
  }
}
