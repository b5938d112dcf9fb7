// `npm start`: on a fresh clone installs the npm dependencies, then (scripts/host/demo.ts) builds,
// installs the offline VS Code host when missing, and opens the extension in code-server with one
// pair added, live from Binance or, when Binance cannot be reached, replaying the real recording.
const { ensureDeps } = require('./ensure-deps');

ensureDeps();
require('tsx/cjs'); // the demo shares the TypeScript host launcher with the end-to-end suite
const { runDemo } = require('./host/demo.ts');

runDemo().catch((err) => {
  console.error(`[quant-pairs] npm start failed: ${err && err.message ? err.message : err}`);
  require('./host/processes.ts').killAllSync();
  process.exit(1);
});
