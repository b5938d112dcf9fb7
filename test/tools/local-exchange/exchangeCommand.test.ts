// `cli exchange`: starts, prints its URLs, serves REST, stops on SIGTERM; clear errors for bad input.
import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { exchangeCommand } from '../../../src/cli/commands/exchange';
import { FIXTURE, T0, writeRecording } from './helpers';

const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'cli.ts');

describe('exchange CLI command', () => {
  const fixture = writeRecording(FIXTURE);
  after(() => fixture.cleanup());

  it('prints the base URLs, answers REST with the original times under --no-rebase, and exits on SIGTERM', async function () {
    this.timeout(20000);
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', CLI, 'exchange', '--speed', '1000', '--no-rebase', fixture.file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const restBase = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /REST\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m && out.includes('Ctrl-C')) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      assert.match(out, /WebSocket\s+ws:\/\/127\.0\.0\.1:\d+\/market/);
      assert.match(out, /ws:\/\/127\.0\.0\.1:\d+\/public/);
      const rows = (await (await fetch(`${restBase}/fapi/v1/aggTrades?symbol=BTCUSDT&limit=1&startTime=${T0}`)).json()) as { T: number }[];
      assert.equal(rows[0].T, T0 + 100);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  const UNIVERSE = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'klines', 'universe-1h');
  (existsSync(UNIVERSE) ? it : it.skip)('--universe DIR leaves out the symbols the recording trades (one symbol, one source)', async function () {
    this.timeout(20000);
    const dir = mkdtempSync(path.join(tmpdir(), 'qp-universe-'));
    for (const s of ['BTCUSDT', 'SOLUSDT']) copyFileSync(path.join(UNIVERSE, `${s}.csv.gz`), path.join(dir, `${s}.csv.gz`));
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', CLI, 'exchange', '--speed', '1000', '--universe', dir, fixture.file], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const restBase = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /REST\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m && out.includes('Ctrl-C')) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}${err}`)));
      });
      assert.match(out, /universe {3}1 symbols of klines/);
      const klines = async (symbol: string) => ((await (await fetch(`${restBase}/fapi/v1/klines?symbol=${symbol}&interval=1h&limit=1000`)).json()) as unknown[]).length;
      assert.equal(await klines('SOLUSDT'), 1000);
      // BTCUSDT trades on the fixture's tape: its hours are the tape's (one), never the file's 1000.
      assert.ok((await klines('BTCUSDT')) <= 2);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an unreadable file', async () => {
    await assert.rejects(exchangeCommand.run(['/nonexistent/recording.gz']), /Cannot read \/nonexistent\/recording\.gz: ENOENT/);
  });

  it('refuses a bad speed, a bad port and unknown options', async () => {
    await assert.rejects(exchangeCommand.run(['--speed', 'fast', fixture.file]), /--speed must be a positive number/);
    await assert.rejects(exchangeCommand.run(['--port', '70000', fixture.file]), /--port must be an integer/);
    await assert.rejects(exchangeCommand.run(['--turbo', fixture.file]), /unknown option --turbo/);
  });
});
