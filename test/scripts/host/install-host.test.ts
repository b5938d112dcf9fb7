// The host's nested npm must not inherit the outer npm's variables: started from `npm start` or
// `npm test`, code-server's postinstall read the outer `npm_config_user_agent` (node/v20) and refused.
// This runs the real situation: an npm script whose program starts a nested npm with nestedNpmEnv.
import assert from 'assert';
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const installHostModule = path.resolve(__dirname, '../../../scripts/host/install-host.js');

function makePackage(dir: string, name: string, scripts: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, scripts }));
}

describe('scripts/host/install-host nestedNpmEnv', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'qp-nested-npm-'));
    const inner = path.join(root, 'inner');
    const outer = path.join(root, 'outer');
    // The inner script prints the variables a postinstall would read.
    makePackage(inner, 'inner-pkg', { probe: 'node -e "console.log(JSON.stringify(process.env))"' });
    makePackage(outer, 'outer-pkg', { start: 'node start-nested.js' });
    fs.writeFileSync(
      path.join(outer, 'start-nested.js'),
      `const { spawnSync } = require('child_process');
const { nestedNpmEnv } = require(${JSON.stringify(installHostModule)});
const clean = process.argv[2] !== 'inherit';
const env = clean ? nestedNpmEnv(process.env) : process.env;
const res = spawnSync('npm', ['run', '--silent', 'probe'], { cwd: ${JSON.stringify(inner)}, env, encoding: 'utf8' });
process.stdout.write(res.stdout.trim().split('\\n').pop());
`,
    );
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  function nestedEnvSeen(mode: 'clean' | 'inherit'): Record<string, string> {
    // The outer npm is told a user agent no npm would produce, so an inherited one is recognisable.
    const res = spawnSync('npm', ['run', '--silent', 'start', '--', mode], {
      cwd: path.join(root, 'outer'),
      env: { ...process.env, npm_config_user_agent: 'outer-npm node/v20.0.0 marker', npm_config_registry: process.env.npm_config_registry ?? '' },
      encoding: 'utf8',
    });
    assert.strictEqual(res.status, 0, res.stderr);
    return JSON.parse(res.stdout) as Record<string, string>;
  }

  it('the nested npm reports its own user agent and package, none of the outer npm', () => {
    const env = nestedEnvSeen('clean');
    assert.ok(!/marker/.test(env.npm_config_user_agent ?? ''), `inherited user agent: ${env.npm_config_user_agent}`);
    assert.match(env.npm_config_user_agent, /^npm\/\d+/);
    assert.strictEqual(env.npm_package_name, 'inner-pkg');
    assert.strictEqual(env.npm_lifecycle_event, 'probe');
    assert.ok(!Object.values(env).some((v) => /outer-pkg|start-nested/.test(v)), 'an outer npm variable leaked into the nested npm');
  });

  it('(control) without it the outer user agent reaches the nested npm: the failure the guard prevents', () => {
    const env = nestedEnvSeen('inherit');
    assert.match(env.npm_config_user_agent, /marker/);
  });

  it('keeps where to fetch from and removes NODE, INIT_CWD and npm_* state', async () => {
    const { nestedNpmEnv } = (await import(installHostModule)) as typeof import('../../../scripts/host/install-host');
    const env = nestedNpmEnv(
      { PATH: '/bin', NODE: '/usr/bin/node20', INIT_CWD: '/x', npm_config_user_agent: 'a', npm_package_name: 'p', npm_config_registry: 'http://mirror.local/', npm_config_https_proxy: 'http://proxy.local:3128' },
      { npm_config_nodedir: '/n24' },
    );
    assert.deepStrictEqual(env, { PATH: '/bin', npm_config_registry: 'http://mirror.local/', npm_config_https_proxy: 'http://proxy.local:3128', npm_config_nodedir: '/n24' });
  });
});
