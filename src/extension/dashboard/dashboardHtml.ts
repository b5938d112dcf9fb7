// The dashboard's HTML shell: strict CSP (default-src 'none'), a fresh nonce per render, every resource
// through asWebviewUri from dist/ and media/. No remote loads.
import { randomBytes } from 'crypto';

export interface DashboardHtmlInput {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** The Content-Security-Policy of every Quant Pairs webview: nothing remote, scripts only with this render's nonce. */
export function webviewCsp(cspSource: string, nonce: string): string {
  // ApexCharts sets inline styles on its SVG nodes, hence style-src 'unsafe-inline' (styles only, never scripts).
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function dashboardHtml(input: DashboardHtmlInput, nonce = makeNonce()): string {
  const csp = webviewCsp(input.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${input.styleUri}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<div id="qp-root" data-qp-state="loading">
  <header id="qp-header">
    <h1 id="qp-title">${escapeHtml(input.title)}</h1>
    <span id="qp-status" data-status="loading">loading…</span>
    <div id="qp-controls"></div>
  </header>
  <section id="qp-summary"></section>
  <div id="qp-charts">
    <div class="qp-chart" id="chart-prices" data-chart="prices"></div>
    <div class="qp-chart" id="chart-spread" data-chart="spread"></div>
    <div class="qp-chart" id="chart-z" data-chart="z"></div>
    <div class="qp-chart" id="chart-corr" data-chart="corr"></div>
    <div class="qp-chart" id="chart-volume" data-chart="volume"></div>
    <div class="qp-chart" id="chart-equity" data-chart="equity"></div>
  </div>
  <section id="qp-stats"></section>
  <section id="qp-bars"></section>
</div>
<script nonce="${nonce}" src="${input.scriptUri}"></script>
</body>
</html>`;
}
