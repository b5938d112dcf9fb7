// The pair scanner's public API (engine side; the extension's command and webview call these).
export { runScan, type ScanReport, type ScanPairResult, type ScanProgress, type ScanRun } from './scanner';
export { scanExchange, type ExchangeScanReport, type ExchangeScanRun } from './restScan';
export { DEFAULT_SCAN_OPTIONS, resolveScanOptions, type ScanOptions } from './options';
export { parseUniverseSpec, selectUniverse, type UniverseSpec } from './universe';
export { DirectoryKlineCache, type KlineCache } from './klineCache';
export { closesFromFiles } from './fileSeries';
export { ScanWorkerPool, defaultWorkerCount } from './workerPool';
export { scanReportJson, scanReportCsv } from './scanOutput';
export type { SymbolCloses, ExcludedSymbol } from './align';
export { correlationOrder, averageLinkage, leafOrder, type Merge } from './clusterOrder';
