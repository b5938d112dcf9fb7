// The Debian packages `npm start` and `npm test` need beyond Node 20, installed on first use.
// As root with apt-get they are installed here (what a fresh CI or cloud machine is); otherwise one
// line says which command to run. Plain CommonJS: it runs before any dependency is installed.
const fs = require('fs');
const { spawnSync } = require('child_process');

/** Each need: how to tell it is present, and the Debian package that brings it. */
const NEEDS = {
  /** code-server's native modules (kerberos, node-pty, spdlog) build against Node 24's headers. */
  hostBuild: [
    { what: 'a C++ compiler', package: 'g++', present: () => have('g++') },
    { what: 'make', package: 'make', present: () => have('make') },
    { what: 'python3 (node-gyp)', package: 'python3', present: () => have('python3') },
    {
      what: "Kerberos headers (VS Code's kerberos module)",
      package: 'libkrb5-dev',
      present: () => ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'].some((p) => fs.existsSync(p)),
    },
  ],
  /** The browser the end-to-end suite drives. */
  browser: [{ what: 'Chromium', package: 'chromium', present: () => fs.existsSync(process.env.QUANT_PAIRS_CHROMIUM || '/usr/bin/chromium') }],
};

class SystemPackagesError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SystemPackagesError';
  }
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The packages of the given needs that are missing now. */
function missingPackages(needNames) {
  const missing = [];
  for (const name of needNames) {
    for (const need of NEEDS[name] || []) if (!need.present() && !missing.includes(need.package)) missing.push(need.package);
  }
  return missing;
}

function aptGet(args, log) {
  const res = spawnSync('apt-get', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 20 * 60 * 1000,
  });
  if (res.status !== 0) log(`apt-get ${args.join(' ')} failed:\n${(res.stderr || res.stdout || String(res.error)).trim().slice(-2000)}`);
  return res.status === 0;
}

/**
 * Makes sure the packages of `needNames` ('hostBuild', 'browser') are installed. Installs them with
 * apt-get when this is root on Debian; otherwise throws SystemPackagesError with the one command to run.
 */
function ensureSystemPackages(needNames, { log = (m) => console.log(`[quant-pairs] ${m}`) } = {}) {
  const missing = missingPackages(needNames);
  if (missing.length === 0) return [];
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (!isRoot() || !have('apt-get')) {
    throw new SystemPackagesError(`missing system packages: ${missing.join(', ')}. Install them with: sudo apt-get update && sudo ${command}`);
  }
  const started = Date.now();
  log(`installing system packages: ${missing.join(' ')} (apt-get, first run only)…`);
  // A fresh machine's package lists may be empty or old, and a mirror may hiccup: three tries.
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (aptGet(['update', '-qq'], log) && aptGet(['install', '-y', '-qq', ...missing], log)) {
      const still = missingPackages(needNames);
      if (still.length === 0) {
        log(`system packages installed in ${Math.round((Date.now() - started) / 1000)} s`);
        return missing;
      }
      throw new SystemPackagesError(`apt-get installed ${missing.join(' ')} but ${still.join(', ')} still missing`);
    }
    if (attempt < 3) spawnSync('sleep', ['10']);
  }
  throw new SystemPackagesError(`could not install ${missing.join(' ')}; run: ${command}`);
}

module.exports = { ensureSystemPackages, missingPackages, SystemPackagesError, NEEDS };

if (require.main === module) {
  try {
    ensureSystemPackages(process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(NEEDS));
  } catch (err) {
    console.error(err instanceof SystemPackagesError ? `[quant-pairs] ${err.message}` : err);
    process.exit(1);
  }
}
