// `npm run test:desktop`: the in-host suite (test/inhost/suite.ts, which `npm test` runs in code-server) in desktop VS Code through
// @vscode/test-electron, which downloads VS Code. Where that download is impossible (no internet,
// as on the project's machines) it says so and skips: it never reports a run that did not happen.
// The end-to-end suite in `npm test` covers the extension in a real VS Code host (code-server) there.
const path = require('path');
const { execSync } = require('child_process');
const { ensureDeps } = require('./ensure-deps');

const root = path.resolve(__dirname, '..');
const VSCODE_VERSION = process.env.QUANT_PAIRS_DESKTOP_VSCODE || '1.96.0'; // = engines.vscode floor
const PROBE_URL = 'https://update.code.visualstudio.com/api/releases/stable';

async function downloadPossible() {
  try {
    const res = await fetch(PROBE_URL, { signal: AbortSignal.timeout(5000) });
    return res.ok ? null : `HTTP ${res.status} from ${PROBE_URL}`;
  } catch (err) {
    return `${PROBE_URL} unreachable (${err && err.cause ? err.cause.code || err.cause.message : err.message})`;
  }
}

async function main() {
  ensureDeps();
  const executable = process.env.QUANT_PAIRS_VSCODE_EXECUTABLE; // a desktop VS Code already on disk
  if (!executable) {
    const problem = await downloadPossible();
    if (problem) {
      console.log(`[quant-pairs] test:desktop SKIPPED, nothing was run: desktop VS Code ${VSCODE_VERSION} cannot be downloaded here: ${problem}.`);
      console.log('[quant-pairs] Set QUANT_PAIRS_VSCODE_EXECUTABLE to a local VS Code to run it offline; `npm test` runs the end-to-end suite in code-server.');
      return;
    }
  }
  execSync('node esbuild.js', { cwd: root, stdio: 'inherit' });
  const outDir = path.join(root, 'out', 'desktop-test');
  await require('esbuild').build({
    entryPoints: [path.join(root, 'test', 'inhost', 'suite.ts')],
    outfile: path.join(outDir, 'suite.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');
  const vscodeExecutablePath = executable || (await downloadAndUnzipVSCode(VSCODE_VERSION));
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'suite.js'),
    launchArgs: ['--disable-workspace-trust', '--skip-welcome'],
  });
  console.log('[quant-pairs] test:desktop passed');
}

main().catch((err) => {
  console.error(`[quant-pairs] test:desktop failed: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
