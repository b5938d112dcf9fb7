// Progressive enablement: a statistic that lacks data says how many more bars it needs
// ("ADF: needs 23 more bars") rather than showing a number computed on too little data.

export interface Requirement {
  statistic: string;
  /** Bars still missing; 0 when the statistic is available; null when no number of bars will do (window too short). */
  moreBars: number | null;
  /** Human text: "ADF: needs 23 more bars", or "ADF: ready". */
  message: string;
}

export function requirement(statistic: string, haveBars: number, needBars: number): Requirement {
  const moreBars = Math.max(0, needBars - haveBars);
  const message = moreBars === 0 ? `${statistic}: ready` : `${statistic}: needs ${moreBars} more bar${moreBars === 1 ? '' : 's'}`;
  return { statistic, moreBars, message };
}
