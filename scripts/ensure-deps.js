// Installs the project's npm dependencies when they are missing or older than package-lock.json,
// so that `npm test` and `npm start` work on a fresh clone with no other step.
const { existsSync, statSync } = require('fs');
const { execSync } = require('child_process');
const path = require('path');

function ensureDeps() {
  const root = path.resolve(__dirname, '..');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  console.log('[quant-pairs] installing npm dependencies (npm ci)…');
  const command = existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund';
  try {
    execSync(command, { cwd: root, stdio: 'inherit' });
  } catch {
    // A registry hiccup on a fresh machine should not fail the run: one more try after a pause.
    console.log(`[quant-pairs] ${command} failed; trying once more in 10 s…`);
    execSync('sleep 10');
    execSync(command, { cwd: root, stdio: 'inherit' });
  }
}

module.exports = { ensureDeps };
if (require.main === module) ensureDeps();
