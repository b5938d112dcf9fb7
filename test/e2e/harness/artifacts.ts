// What a failed test leaves behind for whoever reads the CI log: a screenshot, the extension host's
// log, the extension's output channel, code-server's own output and the notifications seen.
import fs from 'fs';
import path from 'path';
import { Page } from 'playwright-core';
import { extensionHostLogDir } from '../../../scripts/host/codeServer';
import { REPO_ROOT } from './extensionInstall';

export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export function artifactDir(testTitle: string): string {
  const slug = testTitle.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100) || 'test';
  const dir = path.join(RESULTS_DIR, slug);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page: Page | undefined, dir: string, name: string): Promise<string | undefined> {
  if (!page || page.isClosed()) return undefined;
  const file = path.join(dir, name);
  await page.screenshot({ path: file, fullPage: true, timeout: 15_000 }).catch(() => undefined);
  return fs.existsSync(file) ? file : undefined;
}

export interface FailureContext {
  page?: Page;
  userDataDir?: string;
  codeServerOutput?: string;
  notifications?: unknown;
}

/** Saves everything that helps explain a failure; never throws (it runs while a test is already failing). */
export async function saveFailureArtifacts(testTitle: string, ctx: FailureContext): Promise<string> {
  const dir = artifactDir(testTitle);
  try {
    await screenshot(ctx.page, dir, 'screenshot.png');
    if (ctx.userDataDir) {
      const logDir = extensionHostLogDir(ctx.userDataDir);
      // exthost1/ holds remoteexthost.log and one folder per extension with its output channel files.
      if (logDir) fs.cpSync(logDir, path.join(dir, 'exthost'), { recursive: true });
    }
    if (ctx.codeServerOutput) fs.writeFileSync(path.join(dir, 'code-server.log'), ctx.codeServerOutput);
    if (ctx.notifications) fs.writeFileSync(path.join(dir, 'notifications.json'), JSON.stringify(ctx.notifications, null, 2));
  } catch (err) {
    fs.writeFileSync(path.join(dir, 'artifact-error.txt'), String(err));
  }
  return dir;
}
