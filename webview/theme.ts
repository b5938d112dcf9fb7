// Chart colours and fonts read from VS Code's CSS variables at render time.
export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ChartTheme {
  foreground: string;
  /** The editor background the webview is painted on (text on coloured labels). */
  background: string;
  grid: string;
  font: string;
  mode: 'light' | 'dark';
  colors: { blue: string; orange: string; green: string; red: string; purple: string; yellow: string; muted: string };
}

export function readTheme(): ChartTheme {
  const cls = document.body.classList;
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    grid: cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
    mode: cls.contains('vscode-light') || cls.contains('vscode-high-contrast-light') ? 'light' : 'dark',
    colors: {
      blue: cssVar('--vscode-charts-blue', '#3794ff'),
      orange: cssVar('--vscode-charts-orange', '#d18616'),
      green: cssVar('--vscode-charts-green', '#89d185'),
      red: cssVar('--vscode-charts-red', '#f14c4c'),
      purple: cssVar('--vscode-charts-purple', '#b180d7'),
      yellow: cssVar('--vscode-charts-yellow', '#cca700'),
      muted: cssVar('--vscode-descriptionForeground', '#999999'),
    },
  };
}

/**
 * Calls `onChange` once per colour theme change: VS Code swaps the body class (vscode-light, vscode-dark,
 * vscode-high-contrast, vscode-high-contrast-light) and rewrites the --vscode-* variables on <html>.
 */
export function onThemeChange(onChange: (theme: ChartTheme) => void): () => void {
  let last = JSON.stringify(readTheme());
  let frame = 0;
  const check = () => {
    frame = 0;
    const theme = readTheme();
    const key = JSON.stringify(theme);
    if (key === last) return;
    last = key;
    onChange(theme);
  };
  // Both mutations come together: looked at once, on the next frame, after both.
  const observer = new MutationObserver(() => {
    if (!frame) frame = requestAnimationFrame(check);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
