// Chart colours and fonts read from VS Code's CSS variables at render time.
function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ChartTheme {
  foreground: string;
  grid: string;
  font: string;
  mode: 'light' | 'dark';
  colors: { blue: string; orange: string; green: string; red: string; purple: string; yellow: string; muted: string };
}

export function readTheme(): ChartTheme {
  const cls = document.body.classList;
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
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
