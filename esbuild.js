// Builds three bundles: the extension (Node, CommonJS, `vscode` external),
// the dashboard webview (browser IIFE) and the command line (Node, CommonJS).
const esbuild = require('esbuild');
const { apexchartsPatchPlugin } = require('./scripts/apexcharts-patch');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

// `debug` (used by https-proxy-agent) picks browser.js or node.js at run time; our Node bundles need only node.js
// (browser.js is dead code there, with links to outside hosts the bundle check refuses).
const nodeOnlyDebug = { debug: 'debug/src/node.js' };

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    alias: nodeOnlyDebug,
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [apexchartsPatchPlugin],
  },
  {
    // The Pair Scanner panel's webview (browser IIFE), its own bundle beside the dashboard's.
    ...common,
    entryPoints: ['webview/scanner/main.ts'],
    outfile: 'dist/scanner.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [apexchartsPatchPlugin],
  },
  {
    ...common,
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: nodeOnlyDebug,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The pair scanner's worker (worker_threads), loaded from beside dist/cli.js and dist/extension.js.
    ...common,
    entryPoints: ['src/engine/scan/scanWorker.ts'],
    outfile: 'dist/scanWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // Ingestion's worker (feed, parser, sequencer, tick store, bars off the host's thread), beside dist/extension.js.
    ...common,
    entryPoints: ['src/engine/ingest/ingestWorker.ts'],
    outfile: 'dist/ingestWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: nodeOnlyDebug,
  },
];

async function main() {
  const fs = require('fs');
  const present = builds.filter((b) => fs.existsSync(b.entryPoints[0]));
  if (watch) {
    for (const b of present) (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(present.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
