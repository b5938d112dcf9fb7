// End-to-end suite in a real VS Code host (code-server 1.139 + headless Chromium), run by `npm test`
// after the unit tests. Installs the host on first use (cached outside the clone), builds the
// extension, then runs every test/e2e/*.e2e.ts with mocha. Prints "N passing / N failing".
import { execSync } from 'child_process';
import fs from 'fs';
import Mocha from 'mocha';
import path from 'path';
import { HostInstallError, installHost } from '../../scripts/host/install-host';
import { RESULTS_DIR } from './harness/artifacts';
import { REPO_ROOT } from './harness/extensionInstall';
import { packageVsix } from '../../scripts/package';
import { killAllSync } from '../../scripts/host/processes';
import { ensureSystemPackages, SystemPackagesError } from '../../scripts/system-packages';

function main(): void {
  const started = Date.now();
  const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);
  try {
    ensureSystemPackages(['browser']);
    const host = installHost();
    console.log(`[e2e] VS Code host: ${host.codeServer} on Node ${host.node} (${host.cacheDir})`);
  } catch (err) {
    console.error(err instanceof HostInstallError ? err.message : err instanceof SystemPackagesError ? `[e2e] ${err.message}` : err);
    process.exit(1);
  }
  console.log('[e2e] packaging the extension (npm run package): the suite installs the .vsix');
  try {
    const vsix = packageVsix({ quiet: true, log: () => undefined });
    console.log(`[e2e] ${path.basename(vsix.file)}: ${(vsix.size / 1024).toFixed(0)} KiB, ${vsix.files.length} files`);
    // The CLI bundle is not in the .vsix, but tests drive the local exchange and the CLI from dist/.
    execSync('node esbuild.js', { cwd: REPO_ROOT, stdio: 'pipe' });
  } catch (err) {
    const out = err as { stdout?: Buffer; stderr?: Buffer; message?: string };
    console.error(`[e2e] packaging failed:\n${out.message ?? ''}${out.stdout ?? ''}${out.stderr ?? ''}`);
    process.exit(1);
  }

  // No retries: a test that fails once fails the run (the pickers that closed by themselves were a tree refresh
  // taking the focus back, fixed in src/extension/pickerGuard.ts, not a flake to retry).
  const mocha = new Mocha({ timeout: 240_000, slow: 30_000, reporter: 'spec', grep, retries: 0 });
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.ts')).sort()) mocha.addFile(path.join(dir, file));

  const abort = (signal: NodeJS.Signals) => {
    console.error(`[e2e] ${signal}: stopping everything the suite started`);
    killAllSync();
    process.exit(130);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  process.once('exit', killAllSync);

  mocha.run((failures) => {
    console.log(`[e2e] finished in ${Math.round((Date.now() - started) / 1000)} s${failures ? `; artifacts of failures in ${RESULTS_DIR}` : ''}`);
    process.exitCode = failures ? 1 : 0;
    // Anything left open by a failing test must not keep the process (and CI) hanging.
    setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref();
  });
}

main();
