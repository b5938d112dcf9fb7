// Installs the built extension into a fresh extensions folder as `publisher.name-version/`
// (package.json + dist + media), which code-server picks up at start like an installed .vsix.
import fs from 'fs';
import path from 'path';

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

export function installExtension(extensionsDir: string, root = REPO_ROOT): string {
  const manifest = readManifest(root);
  const main = path.join(root, 'dist', 'extension.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
  const target = path.join(extensionsDir, `${extensionId(manifest)}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(target, 'package.json'));
  for (const dir of ['dist', 'media']) {
    const from = path.join(root, dir);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, dir), { recursive: true });
  }
  for (const file of ['README.md', 'LICENSE']) {
    if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(target, file));
  }
  return target;
}
