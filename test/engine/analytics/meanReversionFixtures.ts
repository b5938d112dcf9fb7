// The cases of test/fixtures/statsmodels/mean_reversion_vectors.json (made by mean_reversion.py there).
import { loadCases } from './statsmodelsFixtures';

export interface VarianceRatioExpected {
  ratio: number;
  z: number;
  zRobust: number;
  pValue: number;
  pValueRobust: number;
  nobs: number;
}

export interface MeanReversionCase {
  name: string;
  series: number[];
  hurst: { maxLag: number; hurst: number; rSquared: number };
  hurstLag20: { maxLag: number; hurst: number };
  varianceRatio: Record<string, VarianceRatioExpected>;
  ou: { a: number; b: number; residualVariance: number; nobs: number; theta: number | null; mu: number | null; sigma: number | null; halfLife: number | null; equilibriumStd: number | null };
}

export const meanReversionCases = (): MeanReversionCase[] => loadCases<MeanReversionCase>('mean_reversion_vectors.json');
