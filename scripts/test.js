// `npm test`: does all of its own set-up on a fresh machine (npm dependencies; the Debian packages and
// the offline VS Code host when the end-to-end suite runs, see test/e2e/run.ts), builds, type-checks,
// runs the unit tests, then the end-to-end suite in a real VS Code host (test/e2e). Stops at the
// first failing stage and prints each stage's duration.
const { execSync } = require('child_process');
const { existsSync } = require('fs');
const path = require('path');
const { ensureDeps } = require('./ensure-deps');

const root = path.resolve(__dirname, '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });
const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

function stage(name, fn) {
  const stageStarted = Date.now();
  console.log(`\n[quant-pairs] ${name}`);
  try {
    fn();
  } catch {
    console.error(`[quant-pairs] ${name} failed after ${seconds(stageStarted)}`);
    process.exit(1);
  }
  console.log(`[quant-pairs] ${name}: done in ${seconds(stageStarted)} (${seconds(started)} since start)`);
}

stage('npm dependencies', ensureDeps);
const stages = [
  ['build', 'node esbuild.js'],
  ['typecheck', 'npx tsc --noEmit -p .'],
  ['unit tests', 'npx mocha "test/**/*.test.ts"'],
];
if (existsSync(path.join(root, 'test/e2e/run.ts')) && !process.argv.includes('--unit-only')) {
  stages.push(['end-to-end tests (installs Chromium and the VS Code host on first use)', 'npx tsx test/e2e/run.ts']);
}
for (const [name, cmd] of stages) stage(`${name}: ${cmd}`, () => run(cmd));
