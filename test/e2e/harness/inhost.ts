// Runs test/inhost/suite.ts inside code-server's Node extension host. The web workbench reads
// extensionDevelopmentPath / extensionTestsPath from its `payload` query parameter (as @vscode/test-web
// passes them) when the smoke-test driver is on (code-server: --vscode-option enable-smoke-test-driver);
// `vscode-remote://host:port/…` URIs send both to the remote (Node) extension host. The result comes
// back through window.codeAutomationExit(code) and the host's console through codeAutomationLog.
// The driver lets a URL load code into the extension host: only ever on a private 127.0.0.1 instance.
import esbuild from 'esbuild';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT, extensionId, readManifest } from './extensionInstall';
import { startSession } from './session';

export interface InHostResult {
  /** 0 when the in-host runner resolved, 1 when it rejected (failures) or never started. */
  exitCode: number;
  passed: number;
  failed: number;
  /** The in-host reporter's lines ("[inhost] pass: …", "[inhost] FAIL: …"). */
  lines: string[];
}

const SUITE_ENTRY = path.join(REPO_ROOT, 'test', 'inhost', 'suite.ts');

/** Bundles the suite (mocha included, `vscode` external) into one CommonJS file with a run() export. */
export async function bundleInHostSuite(outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quant-pairs-inhost-'))): Promise<string> {
  const outfile = path.join(outDir, 'suite.js');
  await esbuild.build({
    entryPoints: [SUITE_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // mocha's parallel-mode files are required by path; the in-host run is serial and never loads them.
    logLevel: 'error',
  });
  return outfile;
}

function remoteUri(codeServerUrl: string, file: string): string {
  return `vscode-remote://${new URL(codeServerUrl).host}${file}`;
}

export async function runInHostSuite(options: { deliberateFailure?: boolean; settings?: Record<string, unknown>; timeoutMs?: number } = {}): Promise<InHostResult> {
  const suite = await bundleInHostSuite();
  const lines: string[] = [];
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const manifest = readManifest();
  let developmentPath = '';
  const session = await startSession({
    settings: options.settings,
    codeServerArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    codeServerEnv: options.deliberateFailure ? { QUANT_PAIRS_INHOST_DELIBERATE_FAILURE: '1' } : {},
    async beforeOpen(page) {
      await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
        for (const arg of Array.isArray(args) ? args : [args]) {
          for (const line of String(arg).split('\n')) if (line.includes('[inhost]')) lines.push(line.slice(line.indexOf('[inhost]')));
        }
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => exit(Number(code)));
    },
    workbenchQuery(codeServerUrl, workspaceDir) {
      // The installed .vsix is the extension under test (the development path overrides nothing else).
      developmentPath = path.join(path.dirname(workspaceDir), 'extensions', `${extensionId(manifest)}-${manifest.version}`);
      const payload = [
        ['extensionDevelopmentPath', remoteUri(codeServerUrl, developmentPath)],
        ['extensionTestsPath', remoteUri(codeServerUrl, suite)],
        ['skipWelcome', 'true'],
      ];
      return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
  });
  try {
    const timeoutMs = options.timeoutMs ?? 300_000;
    const code = await Promise.race([
      exited,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs)),
    ]);
    if (code === -1) {
      throw new Error(
        `the in-host suite did not report within ${timeoutMs / 1000} s (development path ${developmentPath}); lines so far:\n${lines.join('\n')}\n` +
          `extension host log tail:\n${session.extensionHostLog().slice(-3000)}`,
      );
    }
    const summary = lines.map((l) => /\[inhost\] (\d+) passed, (\d+) failed/.exec(l)).find(Boolean);
    return { exitCode: code, passed: summary ? Number(summary[1]) : 0, failed: summary ? Number(summary[2]) : 0, lines };
  } finally {
    await session.dispose();
  }
}
