// `GET /fapi/v1/exchangeInfo` in Binance's shape: real USD-M perpetuals, one quarterly delivery contract and
// one symbol in SETTLING, so clients can practise rejecting non-perpetual and non-trading symbols.

export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  contractType: 'PERPETUAL' | 'CURRENT_QUARTER' | 'NEXT_QUARTER';
  status: 'TRADING' | 'SETTLING' | 'PENDING_TRADING';
  pricePrecision: number;
  quantityPrecision: number;
  tickSize: string;
  stepSize: string;
  minNotional: string;
  onboardDate: number;
  deliveryDate: number;
}

const PERPETUAL_DELIVERY = 4133404800000;

function perpetual(symbol: string, pricePrecision: number, quantityPrecision: number, tickSize: string, onboardDate: number, minNotional = '5'): SymbolSpec {
  return {
    symbol,
    baseAsset: symbol.replace(/USDT$/, ''),
    contractType: 'PERPETUAL',
    status: 'TRADING',
    pricePrecision,
    quantityPrecision,
    tickSize,
    stepSize: quantityPrecision === 0 ? '1' : (1 / 10 ** quantityPrecision).toFixed(quantityPrecision),
    minNotional,
    onboardDate,
    deliveryDate: PERPETUAL_DELIVERY,
  };
}

/** The listed contracts (precisions and tick sizes as Binance lists them). */
export const LISTED_SYMBOLS: readonly SymbolSpec[] = [
  perpetual('BTCUSDT', 2, 3, '0.10', 1569398400000, '100'),
  perpetual('ETHUSDT', 2, 3, '0.01', 1569398400000, '20'),
  perpetual('SOLUSDT', 4, 0, '0.0100', 1600876800000),
  perpetual('BNBUSDT', 3, 2, '0.010', 1581310800000),
  perpetual('XRPUSDT', 4, 1, '0.0001', 1578366000000),
  perpetual('DOGEUSDT', 6, 0, '0.000010', 1594371600000),
  perpetual('ADAUSDT', 5, 0, '0.00010', 1579158000000),
  perpetual('AVAXUSDT', 4, 0, '0.0010', 1600862400000),
  perpetual('LINKUSDT', 3, 2, '0.001', 1578366000000),
  perpetual('LTCUSDT', 2, 3, '0.01', 1578366000000),
  perpetual('DOTUSDT', 3, 1, '0.001', 1597809600000),
  perpetual('BCHUSDT', 2, 3, '0.01', 1578020400000),
  perpetual('TRXUSDT', 5, 0, '0.00001', 1578020400000),
  perpetual('NEARUSDT', 4, 0, '0.0010', 1602676800000),
  perpetual('ATOMUSDT', 3, 2, '0.001', 1581310800000),
  perpetual('FILUSDT', 3, 1, '0.001', 1602676800000),
  perpetual('UNIUSDT', 4, 0, '0.0010', 1600344000000),
  { ...perpetual('MATICUSDT', 5, 0, '0.00010', 1587974400000), status: 'SETTLING' },
  {
    ...perpetual('BTCUSDT_260925', 1, 3, '0.1', 1766736000000),
    baseAsset: 'BTC',
    contractType: 'CURRENT_QUARTER',
    deliveryDate: 1790323200000,
  },
];

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A spec for a symbol that trades here but is not in the list (synthetic symbols, other recordings). */
export function specForUnlisted(symbol: string, samplePriceText: string, sampleQtyText: string): SymbolSpec {
  const pp = decimals(samplePriceText);
  const spec = perpetual(symbol, pp, decimals(sampleQtyText), pp === 0 ? '1' : (1 / 10 ** pp).toFixed(pp), 1704067200000);
  return spec;
}

function symbolEntry(s: SymbolSpec): Record<string, unknown> {
  const pair = s.symbol.replace(/_\d+$/, '');
  return {
    symbol: s.symbol,
    pair,
    contractType: s.contractType,
    deliveryDate: s.deliveryDate,
    onboardDate: s.onboardDate,
    status: s.status,
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: s.baseAsset,
    quoteAsset: 'USDT',
    marginAsset: 'USDT',
    pricePrecision: s.pricePrecision,
    quantityPrecision: s.quantityPrecision,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: [],
    settlePlan: 0,
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: s.tickSize, maxPrice: '1000000', tickSize: s.tickSize },
      { filterType: 'LOT_SIZE', stepSize: s.stepSize, maxQty: '1000000', minQty: s.stepSize },
      { filterType: 'MARKET_LOT_SIZE', stepSize: s.stepSize, maxQty: '100000', minQty: s.stepSize },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      { filterType: 'MIN_NOTIONAL', notional: s.minNotional },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
    permissionSets: ['GRID', 'COPY'],
  };
}

export function exchangeInfoBody(specs: readonly SymbolSpec[], serverTime: number, weightPerMinute: number): string {
  return JSON.stringify({
    timezone: 'UTC',
    serverTime,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightPerMinute },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
    ],
    exchangeFilters: [],
    assets: [
      { asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' },
      { asset: 'USDC', marginAvailable: true, autoAssetExchange: '-10000' },
      { asset: 'BTC', marginAvailable: true, autoAssetExchange: '-0.10000000' },
    ],
    symbols: specs.map(symbolEntry),
  });
}

/** Decimals of prices, quantities and quote amounts on the wire (quote: quantity + price decimals, at most 8). */
export function wireDecimals(spec: SymbolSpec | undefined): { price: number; qty: number; quote: number } {
  const price = spec?.pricePrecision ?? 2;
  const qty = spec?.quantityPrecision ?? 3;
  return { price, qty, quote: Math.min(8, qty + price) };
}
