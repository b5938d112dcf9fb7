// Builds the CLI bundle once into a temp dir (as esbuild.js does, without the other bundles, which may be
// mid-edit) and runs the statistics commands through it.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { build } from 'esbuild';

export const ROOT = join(__dirname, '../..');
export const MACRODATA = join(ROOT, 'test/fixtures/statsmodels/macrodata.csv');

export interface StatsCli {
  dir: string;
  run(...args: string[]): { code: number | null; stdout: string; stderr: string };
  /** Writes a scratch input file in the temp dir and returns its path. */
  file(name: string, content: string): string;
  dispose(): void;
}

export async function buildStatsCli(prefix: string): Promise<StatsCli> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cli = join(dir, 'cli.js');
  await build({ entryPoints: [join(ROOT, 'src/cli/cli.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  return {
    dir,
    run(...args) {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
