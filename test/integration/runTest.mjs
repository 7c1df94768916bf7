#!/usr/bin/env node
// One command for the integration tests: mocha suites run inside a real VS Code extension host
// and this process exits with their result.
//   LEAK_HUNTER_VSCODE=code-server (default on Linux): code-server + headless Chromium, offline-safe.
//   LEAK_HUNTER_VSCODE=electron: @vscode/test-electron, for machines that can download VS Code.
import { spawnSync } from 'node:child_process';
import util from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, CODE_SERVER, makeRunDir, startCodeServer, launchChromium, workbenchUrl } from './harness.mjs';
import { buildIntegrationTests } from './build.mjs';

const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 600_000);
const SCREENSHOT_DIR = process.env.LEAK_HUNTER_SCREENSHOTS ? path.resolve(process.env.LEAK_HUNTER_SCREENSHOTS) : undefined;
const t0 = Date.now();
const log = (...a) => console.log(`[integration +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

function chooseRuntime() {
  const asked = process.env.LEAK_HUNTER_VSCODE;
  if (asked === 'electron' || asked === 'code-server') return asked;
  if (asked) throw new Error(`LEAK_HUNTER_VSCODE must be "code-server" or "electron", got "${asked}"`);
  return process.platform === 'linux' ? 'code-server' : 'electron';
}

function ensureCodeServer() {
  if (fs.existsSync(path.join(CODE_SERVER, 'out', 'node', 'entry.js'))) return;
  log('code-server is missing: running scripts/setup-code-server.sh');
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('code-server setup failed; see the output above');
}

async function runInCodeServer(testsEntry, resultFile) {
  ensureCodeServer();
  const runDir = makeRunDir();
  const cs = await startCodeServer(runDir, { LEAK_HUNTER_TEST_RESULT: resultFile, LEAK_HUNTER_TEST_GREP: process.env.LEAK_HUNTER_TEST_GREP || '' });
  log(`code-server on 127.0.0.1:${cs.port} (logs in ${runDir})`);
  let browser;
  try {
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    let onExit;
    const exited = new Promise(r => (onExit = r));
    // The workbench reports the test module's outcome and the host's console through these.
    await page.exposeFunction('codeAutomationExit', code => onExit(code));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      // The host forwards console calls as (format, ...args), the way util.format takes them.
      const text = Array.isArray(args) ? util.format(...args) : String(args);
      // A test asks for a picture of the whole workbench (README screenshots of the real panel).
      const shot = /\[lh:screenshot\] ([\w-]+)/.exec(text);
      if (shot && SCREENSHOT_DIR) {
        fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
        void page.screenshot({ path: path.join(SCREENSHOT_DIR, `${shot[1]}.png`) }).then(() => log(`screenshot ${shot[1]}.png`));
      }
      if (process.env.VERBOSE || /^\s*(\[lh\]|✔|✓|\d+\)|passing|failing|pending|Error|AssertionError| {2})/.test(text)) console.log(text);
    });
    page.on('pageerror', e => process.env.VERBOSE && console.log('[pageerror]', e.message));
    await page.goto(workbenchUrl(cs.port, { folder: WORKSPACE, extensionDevelopmentPath: ROOT, extensionTestsPath: testsEntry }));
    let timer;
    const code = await Promise.race([exited, new Promise(r => (timer = setTimeout(() => r(124), TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (code === 124) {
      log(`timed out after ${TIMEOUT_MS / 1000} s`);
      await page.screenshot({ path: path.join(runDir, 'timeout.png') }).catch(() => undefined);
    }
    return code;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await cs.stop();
  }
}

async function runInElectron(testsEntry, resultFile) {
  const { runTests } = await import('@vscode/test-electron');
  process.env.LEAK_HUNTER_TEST_RESULT = resultFile;
  try {
    await runTests({ extensionDevelopmentPath: ROOT, extensionTestsPath: testsEntry, launchArgs: [WORKSPACE, '--disable-workspace-trust'] });
    return 0;
  } catch (e) {
    console.error(e);
    return 1;
  }
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  const testsEntry = await buildIntegrationTests();
  const resultFile = path.join(ROOT, '.vscode-test', `result-${process.pid}.json`);
  fs.mkdirSync(path.dirname(resultFile), { recursive: true });
  fs.rmSync(resultFile, { force: true });
  const runtime = chooseRuntime();
  log(`runtime: ${runtime}`);
  const code = runtime === 'electron' ? await runInElectron(testsEntry, resultFile) : await runInCodeServer(testsEntry, resultFile);
  let passed = 0;
  let failed = code === 0 ? 0 : 1;
  if (fs.existsSync(resultFile)) {
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    passed = r.passes;
    failed = r.failures;
    for (const f of r.failed ?? []) console.log(`  ✗ ${f.title}\n    ${f.error}`);
  }
  if (code !== 0 && failed === 0) failed = 1;
  log(`extension host exit code ${code}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return code === 0 && failed === 0 ? 0 : 1;
}

main().then(c => process.exit(c), e => { console.error(e); console.log('integration: 0 passed, 1 failed'); process.exit(1); });
