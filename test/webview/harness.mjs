// The VS Code-like page and the fake extension host behind it, for runWebviewTest.mjs.
// The page mimics what VS Code gives a webview: theme variables and the body class set by script,
// a nonce CSP, resources from one origin, and `acquireVsCodeApi` (callable once). The host side
// runs here in Node: it validates every message with the shared contract and answers `ready` and
// page requests the way the extension does.
/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { THEMES } from './themes.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
/** The wire contract, loaded from its TypeScript source so host and page agree by construction. */
export const contract = {
  ...(await tsImport('../../src/shared/webview.ts', import.meta.url)),
  ...(await tsImport('../../src/shared/webviewValidation.ts', import.meta.url)),
};

// ---------------------------------------------------------------------------------------------
// Build when the bundle is missing or older than any webview source.

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureBuilt() {
  const bundle = path.join(dist, 'webview.js');
  const sources = Math.max(
    newestMtime(path.join(root, 'webview-ui', 'src')),
    ...['webview.ts', 'report.ts'].map(f => fs.statSync(path.join(root, 'src', 'shared', f)).mtimeMs),
  );
  const fresh = () => fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= sources;
  if (fresh()) return;
  console.log('building the webview bundle (node esbuild.config.mjs)…');
  const r = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, encoding: 'utf8' });
  // The config builds every runtime; another part failing to build must not hide a good webview.
  if (!fresh()) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error('dist/webview.js was not rebuilt; see the build output above');
  }
}

// ---------------------------------------------------------------------------------------------
// The page, served from loopback like the webview's resource origin.

function pageHtml(theme, nonce, origin) {
  const csp = [
    "default-src 'none'",
    `img-src ${origin} data:`,
    `style-src ${origin}`,
    `font-src ${origin}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  // VS Code applies the theme by script (not a style attribute), so the CSP needs no 'unsafe-inline'.
  const init = `
    const vars = ${JSON.stringify(theme.vars)};
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty('--vscode-' + k, v);
    document.body.classList.add(${JSON.stringify(theme.bodyClass)});
    document.body.dataset.vscodeThemeKind = ${JSON.stringify(theme.kind)};
    window.__posted = [];
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    let state = window.__initialState;
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return {
        postMessage: m => { window.__posted.push(m); window.__hostReceive(JSON.stringify(m)); },
        getState: () => state,
        setState: s => { state = s; window.__saveState(JSON.stringify(s)); },
      };
    };`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${origin}/webview.css">
<link rel="icon" href="data:,">
<title>Leak Hunter</title></head>
<body><script nonce="${nonce}">${init}</script><div id="root"></div>
<script nonce="${nonce}" src="${origin}/webview.js"></script></body></html>`;
}

function serve(themeName) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const origin = `http://${req.headers.host}`;
    if (url.pathname === '/') {
      const nonce = crypto.randomBytes(16).toString('base64');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(pageHtml(THEMES[themeName], nonce, origin));
    }
    const file = { '/webview.js': 'webview.js', '/webview.css': 'webview.css' }[url.pathname];
    if (!file) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' });
    fs.createReadStream(path.join(dist, file)).pipe(res);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
// A fake extension host: validates, records, answers.

/** `rows`: the comparison the host pages through (ComparisonRow[]). */
export function makeHost(page, initial, rows) {
  const host = { received: [], invalid: [], savedState: undefined, answerPages: true };
  host.send = message => page.evaluate(m => window.postMessage(m, '*'), message);
  host.onMessage = async json => {
    const m = JSON.parse(json);
    const problem = contract.explainWebviewMessage(m);
    if (problem) return void host.invalid.push(problem);
    host.received.push(m);
    if (m.type === 'ready') await host.send(initial);
    if (m.type === 'requestComparisonPage' && host.answerPages) {
      const query = { offset: m.offset, limit: m.limit, sort: m.sort, filter: m.filter };
      // Like the server's comparison store: sort once per (sort, filter), then slice pages.
      const key = JSON.stringify([m.sort, m.filter]);
      if (host.sorted?.key !== key) host.sorted = { key, rows: contract.queryComparisonPage(rows, { ...query, offset: 0, limit: rows.length }).rows };
      const page = { total: host.sorted.rows.length, rows: host.sorted.rows.slice(m.offset, m.offset + m.limit) };
      await host.send({ type: 'comparisonPage', requestId: m.requestId, query, total: page.total, rows: page.rows });
    }
  };
  host.of = type => host.received.filter(m => m.type === type);
  host.waitFor = async (pred, what, timeout = 5000) => {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const hit = host.received.find(pred);
      if (hit) return hit;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`the host never received ${what}`);
  };
  return host;
}

// ---------------------------------------------------------------------------------------------
// Counting checks.

export const results = { passed: 0, failed: 0 };
export async function check(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log(`  ✓ ${name}`);
  } catch (e) {
    results.failed++;
    console.log(`  ✗ ${name}\n      ${String(e?.message ?? e).split('\n').join('\n      ')}`);
  }
}
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Opens the panel in a fresh browser context; the host answers `ready` with `initial`. */
export async function openPanel(browser, { theme: themeName, savedState, initial, rows }) {
  const server = await serve(themeName);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
  page.on('console', m => m.type() === 'error' && errors.push(`console: ${m.text()} ${m.location()?.url ?? ''}`));
  const host = makeHost(page, initial, rows);
  host.savedState = savedState;
  await page.exposeFunction('__hostReceive', json => host.onMessage(json));
  await page.exposeFunction('__saveState', json => (host.savedState = JSON.parse(json)));
  await page.addInitScript(s => (window.__initialState = s), savedState ?? null);
  await page.goto(origin + '/');
  await page.waitForSelector('[data-testid="verdict"]', { timeout: 10000 });
  const close = async () => {
    await context.close();
    await new Promise(r => server.close(r));
  };
  return { page, host, errors, close };
}

