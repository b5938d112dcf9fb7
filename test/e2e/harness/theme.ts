// The colour theme and other workspace settings in e2e scenarios, set as a user does (workspace settings.json),
// and how readable chart texts are against the editor background the webview is painted on.
import fs from 'fs';
import path from 'path';
import type { Frame } from 'playwright-core';

export const SETTINGS_FILE = '.vscode/settings.json';

/**
 * The lowest WCAG contrast ratio of chart titles, axis labels and legend texts against the editor background
 * the webview is painted on, per kind, and the body's theme class.
 */
export async function chartTextContrast(frame: Frame, root = '#qp-charts'): Promise<{ theme: string; title: number; xaxis: number; yaxis: number; legend: number; counts: Record<string, number> }> {
  return frame.evaluate(`(() => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const probe = document.createElement('div');
    probe.style.background = 'var(--vscode-editor-background)';
    document.body.append(probe);
    const bg = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const ratio = (c) => { const a = lum(c), b = lum(bg); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
    const kinds = { title: '.apexcharts-title-text', xaxis: '.apexcharts-xaxis-label', yaxis: '.apexcharts-yaxis-label', legend: '.apexcharts-legend-text' };
    const out = { theme: document.body.className, counts: {} };
    for (const [kind, sel] of Object.entries(kinds)) {
      const els = Array.from(document.querySelectorAll(${JSON.stringify(root)} + ' ' + sel)).filter((e) => (e.textContent || '').trim() !== '');
      out.counts[kind] = els.length;
      out[kind] = els.length ? Math.min(...els.map((e) => { const s = getComputedStyle(e); return ratio(e instanceof SVGElement ? s.fill : s.color); })) : 0;
    }
    return out;
  })()`);
}

/** Writes the workspace's colour theme as a user does in settings.json; the workbench applies it at once. */
export function setColorTheme(workspaceDir: string, theme: string): void {
  setWorkspaceSetting(workspaceDir, 'workbench.colorTheme', theme);
}

/** Writes one setting into the workspace's .vscode/settings.json as a user editing it does (the rest kept). */
export function setWorkspaceSetting(workspaceDir: string, key: string, value: unknown): void {
  const file = path.join(workspaceDir, SETTINGS_FILE);
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...current, [key]: value }, null, 2));
}
