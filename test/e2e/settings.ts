// Extension settings shared by the scenarios: 1 s bars and a short window, so a pair is warm within
// seconds of replay (the recording is 8 minutes long; the defaults, 1 m × 100, would need hours).
export const FAST_PAIR_SETTINGS: Record<string, unknown> = {
  'quantPairs.defaultTimeframe': '1s',
  'quantPairs.window': 30,
  'quantPairs.openAfterExport': false,
};

export const DEMO_PAIR = { y: 'BTCUSDT', x: 'ETHUSDT' } as const;
export const PAIR_LABEL = `${DEMO_PAIR.y} / ${DEMO_PAIR.x}`;
