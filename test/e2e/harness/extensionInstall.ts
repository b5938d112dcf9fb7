// Installs the packaged extension (.vsix) into a session's extensions folder, the way a user installs it.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { HostInstall } from '../../../scripts/host/install-host';
import { vsixPath } from '../../../scripts/package';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface ExtensionManifest {
  name: string;
  publisher: string;
  version: string;
  displayName?: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[];
    viewsContainers?: Record<string, { id: string; title: string }[]>;
    views?: Record<string, { id: string; name: string }[]>;
  };
}

export function readManifest(root = REPO_ROOT): ExtensionManifest {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as ExtensionManifest;
}

/** Setting names the extension declares (contributes.configuration). */
export function declaredSettings(manifest: ExtensionManifest): Set<string> {
  const conf = manifest.contributes?.configuration;
  const list = Array.isArray(conf) ? conf : conf ? [conf] : [];
  return new Set(list.flatMap((c) => Object.keys(c.properties ?? {})));
}

export function extensionId(manifest: ExtensionManifest): string {
  return `${manifest.publisher}.${manifest.name}`;
}

/**
 * The packaged artifact a user gets, installed once per suite run by code-server itself
 * (`--install-extension FILE.vsix`) into a template extensions folder; each session copies that
 * installed folder, so every test runs the .vsix and not the build tree.
 */
let installedTemplate: string | undefined;

export function installedVsixTemplate(host: HostInstall): string {
  if (installedTemplate && fs.existsSync(installedTemplate)) return installedTemplate;
  const vsix = process.env.QUANT_PAIRS_VSIX || vsixPath();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: the e2e runner packages it first (npm run package)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quant-pairs-vsix-'));
  const extensionsDir = path.join(dir, 'extensions');
  const res = spawnSync(
    host.nodeBin,
    [host.codeServerEntry, '--config', host.configFile, '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const manifest = readManifest();
  const installed = path.join(extensionsDir, `${extensionId(manifest)}-${manifest.version}`);
  if (res.status !== 0 || !fs.existsSync(path.join(installed, 'package.json'))) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  }
  installedTemplate = extensionsDir;
  return extensionsDir;
}

/** Gives a session's extensions folder the installed .vsix (a copy of the template installation). */
export function installExtension(extensionsDir: string, host: HostInstall): string {
  const template = installedVsixTemplate(host);
  fs.cpSync(template, extensionsDir, { recursive: true });
  const manifest = readManifest();
  return path.join(extensionsDir, `${extensionId(manifest)}-${manifest.version}`);
}
