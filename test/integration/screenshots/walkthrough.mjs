#!/usr/bin/env node
/* global document, getComputedStyle -- page.evaluate callbacks run in the browser */
// Opens the real VS Code (code-server + headless Chromium) with the extension, shows the
// "Find and fix a memory leak" walkthrough and screenshots each step, then F5s a leak-hunt
// configuration on leaky-cache.js and screenshots the Debug Console. Writes PNGs to
// media/screenshots/. Needs `npm run build` first. Usage: node test/integration/screenshots/walkthrough.mjs
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeRunDir, startCodeServer, launchChromium, workbenchUrl } from '../harness.mjs';

const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const OUT = path.join(ROOT, 'media', 'screenshots');
const log = (...a) => console.log('[shots]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function command(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await sleep(800);
  await page.keyboard.press('Enter');
}

async function checkThemed(page) {
  for (const f of page.frames()) {
    if (!(await f.content().catch(() => '')).includes('<svg')) continue;
    const fill = await f.evaluate(() => getComputedStyle(document.querySelector('svg rect')).fill);
    log('walkthrough picture background', fill);
    if (fill === 'rgb(0, 0, 0)') throw new Error('the walkthrough SVG is unstyled (black): its colours must be presentation attributes');
    return;
  }
  throw new Error('no walkthrough SVG webview found');
}

async function main() {
  const runDir = makeRunDir();
  const settings = path.join(runDir, 'user-data', 'User', 'settings.json');
  // Dark+ and an open Debug Console for the F5 shot; otherwise the harness's quiet settings.
  fs.writeFileSync(settings, JSON.stringify({ ...JSON.parse(fs.readFileSync(settings, 'utf8')), 'workbench.colorTheme': 'Default Dark Modern', 'debug.internalConsoleOptions': 'openOnSessionStart' }, null, 2));
  const cs = await startCodeServer(runDir);
  const launchJson = path.join(WORKSPACE, '.vscode', 'launch.json');
  const hadVscodeDir = fs.existsSync(path.dirname(launchJson));
  let browser;
  try {
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
    await page.goto(workbenchUrl(cs.port, { folder: WORKSPACE, extensionDevelopmentPath: ROOT }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await sleep(6000);
    await command(page, 'View: Close Primary Side Bar');
    await sleep(500);
    await command(page, 'Welcome: Open Walkthrough...');
    await sleep(800);
    await page.keyboard.type('Find and fix a memory leak');
    await sleep(800);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.getting-started-step', { timeout: 20_000 });
    await sleep(1500);
    const steps = await page.$$('.getting-started-step');
    log(`walkthrough with ${steps.length} steps`);
    if (steps.length !== 4) throw new Error(`expected 4 walkthrough steps, found ${steps.length}`);
    for (let i = 0; i < steps.length; i++) {
      await steps[i].click();
      // The step's picture is drawn in a webview: give it time to load and paint.
      await sleep(5000);
      // The SVG is drawn in a webview whose CSP blocks <style>: unstyled shapes would be black.
      if (i === 0) await checkThemed(page);
      const file = path.join(OUT, `walkthrough-step-${i + 1}.png`);
      await page.screenshot({ path: file });
      log('wrote', path.relative(ROOT, file));
    }

    if (!process.env.SHOTS_SKIP_F5 && !fs.existsSync(launchJson)) {
      fs.mkdirSync(path.dirname(launchJson), { recursive: true });
      fs.writeFileSync(launchJson, JSON.stringify({ version: '0.2.0', configurations: [{ type: 'leak-hunt', request: 'launch', name: 'Leak Hunt: leaky-cache.js', program: '${workspaceFolder}/leaky-cache.js', workload: 'none', timeBudget: 60, sampleInterval: 500 }] }, null, 2));
      await sleep(1500);
      await command(page, 'View: Close All Editors');
      // F5 itself: typing "debug " in the palette switches to the launch-configuration picker.
      await page.keyboard.press('F5');
      log('F5 on the leak-hunt configuration');
      for (let waited = 0; ; waited += 5) {
        const text = await page.evaluate(() => document.querySelector('.repl')?.textContent ?? '');
        if (/Exit code \d/.test(text)) break;
        if (waited % 30 === 0) {
          log(`${waited} s: console has ${text.length} chars`);
          await page.screenshot({ path: path.join(runDir, `f5-${waited}.png`) });
        }
        if (waited > 180) throw new Error(`no exit code in the Debug Console after 180 s; see ${runDir}`);
        await sleep(5000);
      }
      await sleep(3000);
      await command(page, 'Debug Console: Focus on Debug Console View');
      await sleep(1500);
      const file = path.join(OUT, 'leak-hunt-debug-console.png');
      await page.screenshot({ path: file });
      log('wrote', path.relative(ROOT, file));
    } else {
      log('test/fixtures/workspace/.vscode/launch.json exists: skipped the F5 shot rather than touch it');
    }
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await cs.stop();
    if (!hadVscodeDir) fs.rmSync(path.dirname(launchJson), { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });
