// `npm run package`: a production build, then a Marketplace-ready .vsix made by @vscode/vsce (3.x, which
// runs on Node 20). Prints the files that go in and the package's size; writes quant-pairs-<version>.vsix
// at the repository root (the end-to-end suite installs that file). Usable from code: packageVsix().
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

function vsixPath() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${name}-${version}.vsix`);
}

function packageVsix({ log = (m) => console.log(`[quant-pairs] ${m}`), quiet = false } = {}) {
  const stdio = quiet ? 'pipe' : 'inherit';
  log('production build (node esbuild.js --production)…');
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio });
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  log(`files in the package (${files.length}):`);
  for (const f of files) log(`  ${f}  ${(fs.statSync(path.join(root, f)).size / 1024).toFixed(1)} KiB`);
  const out = vsixPath();
  fs.rmSync(out, { force: true });
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, stdio });
  const size = fs.statSync(out).size;
  log(`wrote ${path.relative(root, out)}: ${(size / 1024).toFixed(0)} KiB`);
  return { file: out, size, files };
}

module.exports = { packageVsix, vsixPath };

if (require.main === module) {
  try {
    packageVsix();
  } catch (err) {
    console.error(`[quant-pairs] packaging failed: ${err && err.message ? err.message : err}`);
    process.exit(1);
  }
}
