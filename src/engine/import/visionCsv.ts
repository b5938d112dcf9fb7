// data.binance.vision trade files, with or without their header line:
//   trades:    id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]
//   aggTrades: agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]
//   klines:    open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
//              taker_buy_quote_volume,ignore (read by the OHLC parser; header-less files get this header)
// The symbol is not in the file: it comes from the caller (file name or option).
import { isBooleanText, isNumberText } from './cellText';
import { makeTick, toMillis, toNumber, type TickLineParser } from './tickFields';

interface Columns {
  id: number;
  price: number;
  qty: number;
  time: number;
  buyerIsMaker: number;
}

const TRADES: Columns = { id: 0, price: 1, qty: 2, time: 4, buyerIsMaker: 5 };
const AGG_TRADES: Columns = { id: 0, price: 1, qty: 2, time: 5, buyerIsMaker: 6 };

function visionParser(columns: Columns, symbol: string): TickLineParser {
  const needed = columns.buyerIsMaker + 1;
  let firstRow = true;
  return (line) => {
    if (line.trim() === '') return undefined;
    const fields = line.split(',');
    const isHeader = firstRow && !isNumberText(fields[0]);
    firstRow = false;
    if (isHeader) return undefined;
    if (fields.length < needed) return `expected ${needed} columns, found ${fields.length}`;
    const flag = fields[columns.buyerIsMaker];
    if (!isBooleanText(flag)) return `is_buyer_maker "${flag.trim()}" is not true/false`;
    return makeTick(
      symbol,
      toMillis(toNumber(fields[columns.time])),
      toNumber(fields[columns.price]),
      toNumber(fields[columns.qty]),
      toNumber(fields[columns.id]),
      flag.trim().toLowerCase() === 'true',
    );
  };
}

export function visionTradesParser(symbol: string): TickLineParser {
  return visionParser(TRADES, symbol);
}

export function visionAggTradesParser(symbol: string): TickLineParser {
  return visionParser(AGG_TRADES, symbol);
}

/** The header of data.binance.vision kline files, for the ones published without it. */
export const VISION_KLINE_HEADER = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';

/** A header-less vision kline row: 12 fields, an epoch-ms open time, then numbers. */
export function isHeaderlessKlineRow(fields: readonly string[]): boolean {
  return fields.length === 12 && /^\d{12,16}$/.test(fields[0].trim()) && fields.slice(1, 7).every((f) => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(f.trim()));
}
