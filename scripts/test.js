// `npm test`: installs dependencies when missing, builds, type-checks, runs the unit tests,
// then the end-to-end suite in a real VS Code host (test/e2e). Stops at the first failing stage.
const { execSync } = require('child_process');
const { existsSync } = require('fs');
const path = require('path');
const { ensureDeps } = require('./ensure-deps');

const root = path.resolve(__dirname, '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

ensureDeps();
const stages = [
  ['build', 'node esbuild.js'],
  ['typecheck', 'npx tsc --noEmit -p .'],
  ['unit tests', 'npx mocha "test/**/*.test.ts"'],
];
if (existsSync(path.join(root, 'test/e2e/run.ts')) && !process.argv.includes('--unit-only')) {
  stages.push(['end-to-end tests', 'npx tsx test/e2e/run.ts']);
}
for (const [name, cmd] of stages) {
  console.log(`\n[quant-pairs] ${name}: ${cmd}`);
  try {
    run(cmd);
  } catch {
    console.error(`[quant-pairs] ${name} failed`);
    process.exit(1);
  }
}
