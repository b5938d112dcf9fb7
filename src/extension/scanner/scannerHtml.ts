// The Pair Scanner's HTML shell: the dashboard's CSP (nonce-only scripts, nothing remote), a fresh nonce per
// render, the script and stylesheet from dist/ and media/ through asWebviewUri.
import { escapeHtml, makeNonce, webviewCsp } from '../dashboard/dashboardHtml';

export interface ScannerHtmlInput {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

export function scannerHtml(input: ScannerHtmlInput, nonce = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${webviewCsp(input.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${input.styleUri}">
<title>${escapeHtml('Pair Scanner')}</title>
</head>
<body>
<div id="qp-scanner" data-qp-state="loading">
  <header id="qp-scan-header">
    <h1>Pair Scanner</h1>
    <span id="qp-scan-status">loading…</span>
    <div id="qp-scan-controls"></div>
  </header>
  <section id="qp-scan-summary"></section>
  <section id="qp-scan-heatmap-box">
    <div id="qp-scan-heatmap-controls"></div>
    <div id="qp-scan-heatmap"></div>
  </section>
  <section id="qp-scan-table-box">
    <div id="qp-scan-filters"></div>
    <table id="qp-scan-table"><thead></thead><tbody></tbody></table>
  </section>
</div>
<script nonce="${nonce}" src="${input.scriptUri}"></script>
</body>
</html>`;
}
