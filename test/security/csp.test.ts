// The dashboard's Content Security Policy, read from the HTML the extension really generates.
import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { dashboardHtml } from '../../src/extension/dashboard/dashboardHtml';
import { scannerHtml } from '../../src/extension/scanner/scannerHtml';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const ROOT = `${CSP_SOURCE}/home/user/.vscode/extensions/quant-pairs`;
const input = { cspSource: CSP_SOURCE, scriptUri: `${ROOT}/dist/webview.js`, styleUri: `${ROOT}/media/dashboard.css`, title: 'Quant Pairs: BTCUSDT / ETHUSDT' };

/** `directive → sources` of the policy in the page's CSP meta tag. */
export function parseCsp(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  const policy = new Map<string, string[]>();
  for (const part of metas[0][1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!policy.has(name), `directive ${name} given twice`);
    policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

function nonceOf(html: string): string {
  const m = /script-src[^;"]*'nonce-([^']+)'/.exec(html);
  assert.ok(m, 'script-src has a nonce');
  return m[1];
}

describe('security: dashboard CSP', () => {
  const html = dashboardHtml(input);
  const csp = parseCsp(html);

  it("starts from default-src 'none'", () => {
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
  });

  it('allows scripts only by nonce: no unsafe-inline, unsafe-eval, wildcard or host source', () => {
    const scripts = csp.get('script-src');
    assert.ok(scripts, 'script-src is set (otherwise default-src applies, which would block the dashboard)');
    assert.equal(scripts.length, 1, `script-src has only the nonce: ${scripts.join(' ')}`);
    assert.match(scripts[0], /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    for (const directive of ['script-src-elem', 'script-src-attr', 'worker-src', 'connect-src', 'frame-src', 'object-src', 'base-uri']) {
      assert.ok(!csp.has(directive), `${directive} widens the policy`);
    }
    for (const sources of csp.values()) for (const s of sources) assert.ok(!/unsafe-eval|wasm-unsafe-eval|strict-dynamic/.test(s), `${s} in the policy`);
  });

  it("names no remote origin: only the webview's cspSource, 'self'-free keywords, data: for images", () => {
    for (const [directive, sources] of csp) {
      for (const s of sources) {
        if (s.startsWith("'")) continue;
        if (s === CSP_SOURCE) continue;
        if (directive === 'img-src' && s === 'data:') continue;
        assert.fail(`${directive} allows ${s}`);
      }
    }
  });

  it('every <script> carries the nonce and loads from the extension root; no inline handlers', () => {
    const nonce = nonceOf(html);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length >= 1);
    for (const [, attrs, body] of scripts) {
      assert.ok(attrs.includes(`nonce="${nonce}"`), `script without the nonce: ${attrs}`);
      assert.equal(body.trim(), '', 'inline script body');
      const src = /src="([^"]+)"/.exec(attrs)?.[1];
      assert.ok(src?.startsWith(`${ROOT}/dist/`), `script from ${src}`);
    }
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'inline event handler attribute');
    assert.ok(!/javascript:/i.test(html), 'javascript: URL');
  });

  it('loads resources only from the asWebviewUri roots (dist/ and media/)', () => {
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/gi)].map((m) => m[1]);
    assert.ok(refs.length >= 2);
    for (const ref of refs) assert.ok(ref.startsWith(`${ROOT}/dist/`) || ref.startsWith(`${ROOT}/media/`), `resource outside the roots: ${ref}`);
  });

  it('gives every render a fresh nonce', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => nonceOf(dashboardHtml(input))));
    assert.equal(nonces.size, 20);
    for (const n of nonces) assert.ok(n.length >= 16, `short nonce ${n}`);
  });

  it('escapes a hostile title instead of injecting markup', () => {
    const evil = dashboardHtml({ ...input, title: '</title><script>alert(1)</script>' });
    assert.equal([...evil.matchAll(/<script\b/gi)].length, 1);
  });
});

describe('security: Pair Scanner CSP', () => {
  const html = scannerHtml({ cspSource: CSP_SOURCE, scriptUri: `${ROOT}/dist/scanner.js`, styleUri: `${ROOT}/media/scanner.css` });

  it("is the dashboard's policy (one owner), with this render's own nonce", () => {
    const policy = parseCsp(html);
    const dashboard = parseCsp(dashboardHtml(input));
    const withoutNonce = (p: Map<string, string[]>) => [...p].map(([d, s]) => `${d} ${d === 'script-src' ? '' : s.join(' ')}`);
    assert.deepEqual(withoutNonce(policy), withoutNonce(dashboard));
    assert.match(policy.get('script-src')![0], /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
  });

  it('loads one nonce-carrying script and its stylesheet from the extension root; no inline code', () => {
    const nonce = nonceOf(html);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0][1].includes(`nonce="${nonce}"`));
    assert.equal(scripts[0][2].trim(), '');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/gi)].map((m) => m[1]);
    assert.deepEqual(refs.sort(), [`${ROOT}/dist/scanner.js`, `${ROOT}/media/scanner.css`]);
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'inline event handler attribute');
  });
});

for (const name of ['webview.js', 'scanner.js']) describe(`security: built webview bundle dist/${name}`, () => {
  const bundle = path.resolve(__dirname, '../../dist', name);

  it('has no eval / new Function outside the vendored ApexCharts 4.7.0 code', function () {
    if (!existsSync(bundle)) this.skip(); // built by `npm test` before the unit tests
    const text = readFileSync(bundle, 'utf8');
    const hits = [...text.matchAll(/\beval\s*\(|new\s+Function\s*\(/g)].map((m) => text.slice(Math.max(0, m.index! - 60), m.index! + 60));
    // ApexCharts 4.7.0 contains no eval/new Function either (checked: node_modules/apexcharts/dist/apexcharts.common.js);
    // any hit would be new code and must be understood first.
    assert.deepEqual(hits, []);
  });

  it('webview: no network API (fetch, XHR, WebSocket, beacon, dynamic import) and no remote URL outside comments and messages', function () {
    if (!existsSync(bundle)) this.skip();
    const text = readFileSync(bundle, 'utf8');
    assert.deepEqual(text.match(/\bfetch\(|XMLHttpRequest|new WebSocket\b|sendBeacon|importScripts|\bimport\(/g) ?? [], []);
    const hosts = new Set([...text.matchAll(/\b(?:https?|wss?):\/\/([a-zA-Z0-9.-]+)/g)].map((m) => m[1]));
    // w3.org: SVG / XLink namespace names; the others appear only in comments and a help message.
    for (const h of hosts) assert.ok(['www.w3.org', 'github.com', 'developer.mozilla.org', 'vscode-elements.github.io'].includes(h), `URL host ${h} in the webview bundle`);
  });
});

describe('security: built extension bundle (no telemetry, no remote code)', () => {
  const bundle = path.resolve(__dirname, '../../dist/extension.js');

  it('talks only to the Binance endpoints by default and runs no code it did not ship', function () {
    if (!existsSync(bundle)) this.skip();
    const text = readFileSync(bundle, 'utf8');
    const hosts = new Set([...text.matchAll(/\b(?:https?|wss?):\/\/([a-zA-Z0-9.-]+)/g)].map((m) => m[1]));
    assert.deepEqual([...hosts].sort(), ['fapi.binance.com', 'fstream.binance.com']);
    assert.deepEqual(text.match(/\beval\s*\(|new\s+Function\s*\(|require\("(?:child_process|vm)"\)|createTelemetryLogger|applicationinsights/gi) ?? [], []);
    // worker_threads: only the pair scanner's pool, running the shipped dist/scanWorker.js (never eval'd code outside tsx).
    if (/require\("worker_threads"\)/.test(text)) assert.match(text, /scanWorker\.js/);
  });
});

