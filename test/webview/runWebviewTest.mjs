#!/usr/bin/env node
// Loads the built webview bundle (dist/webview.js + dist/webview.css) in headless Chromium inside
// a page that behaves like VS Code's webview (harness.mjs), with a fake host that validates every
// message with the shared contract and answers page requests with the shared paging function, so
// this exercises the real wire protocol. Asserts on the DOM, writes
// media/screenshots/panel-{dark,dark-comparison,dark-running,dark-verified,light,high-contrast}.png,
// prints "N passed, M failed" and exits non-zero on failure.
/* global window, document, getComputedStyle -- used inside page.evaluate callbacks, which run in the browser */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { assert, check, contract, ensureBuilt, openPanel as open, results, root } from './harness.mjs';
import { buildClassGrowth, buildLeakReport, buildVerifyResult } from './sampleReport.mjs';
import { THEMES } from './themes.mjs';

const shotsDir = path.join(root, 'media', 'screenshots');

// ---------------------------------------------------------------------------------------------
// Test data: a real hunt report when one is committed, else the generated one.

function loadReport() {
  const dir = path.join(root, 'test', 'fixtures', 'reports');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort() : [];
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    if (r.verdict === 'leak' && r.suspects?.length) return { report: r, source: `test/fixtures/reports/${f}` };
  }
  return { report: buildLeakReport(), source: 'generated (test/webview/sampleReport.mjs)' };
}

const { report, source } = loadReport();
const rows = buildClassGrowth(4000, Math.max(2, report.snapshots.length)).map(contract.comparisonRowFromGrowth);
const { samples, ...fit } = report.trend;
const fullState = {
  type: 'state',
  protocol: contract.WEBVIEW_PROTOCOL_VERSION,
  status: { phase: 'done', message: 'Leak confirmed', elapsedSec: report.durationSec ?? samples.at(-1).t, target: (report.target?.command ?? []).join(' ') },
  report: {
    samples,
    trend: fit,
    verdict: report.verdict,
    snapshots: report.snapshots,
    suspects: report.suspects,
    comparison: { total: rows.length, rungs: report.snapshots.length, identity: 'object-id' },
    warnings: report.warnings,
  },
};

/** Every panel in this run pages through the same comparison; `initial` answers `ready`. */
const openPanel = (browser, theme, savedState, initial = fullState) => open(browser, { theme, savedState, initial, rows });

async function run() {
  ensureBuilt();
  console.log(`webview harness: report from ${source}, ${rows.length} comparison rows`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await darkRun(browser);
    await liveRun(browser);
    await verifiedRun(browser);
    await bigRun(browser);
    for (const theme of ['light', 'high-contrast']) await themeRun(browser, theme);
  } finally {
    await browser.close();
  }
}

async function darkRun(browser) {
  console.log('dark theme');
  const { page, host, errors, close } = await openPanel(browser, 'dark');
  try {
    await check('posts ready once, with the protocol version, and nothing invalid', async () => {
      const ready = host.of('ready');
      assert(ready.length === 1, `ready posted ${ready.length} times`);
      assert(ready[0].protocol === contract.WEBVIEW_PROTOCOL_VERSION, 'wrong protocol version');
      assert(host.invalid.length === 0, `invalid messages: ${host.invalid.join('; ')}`);
    });
    await check('chart: SVG with heap, RSS and trend lines, band, warm-up and one marker per snapshot', async () => {
      const counts = await page.evaluate(() => {
        const fig = document.querySelector('[data-testid="memory-chart"]');
        const q = s => fig?.querySelectorAll(s).length ?? 0;
        return {
          svg: q('svg.recharts-surface'),
          lines: q('.recharts-line path.recharts-curve'),
          area: q('.recharts-area path.recharts-curve'),
          warmup: q('.recharts-reference-area'),
          markers: q('.recharts-reference-line'),
          // Recharts draws reference-line labels in a separate layer, so find them by their text.
          labels: [...(fig?.querySelectorAll('svg text') ?? [])].map(t => t.textContent).filter(t => /^S\d+$/.test(t ?? '')),
        };
      });
      assert(counts.svg >= 1, 'no chart SVG');
      assert(counts.lines >= 3, `expected 3 line paths, got ${counts.lines}`);
      assert(counts.area >= 1, 'no confidence band');
      assert(counts.warmup === 1, `warm-up areas: ${counts.warmup}`);
      assert(counts.markers === report.snapshots.length, `snapshot markers: ${counts.markers}`);
      assert(counts.labels.join(',') === report.snapshots.map((_, i) => `S${i + 1}`).join(','), `marker labels ${counts.labels}`);
    });
    await check('verdict badge names the verdict and the slope with its interval', async () => {
      const text = await page.textContent('[data-testid="verdict"]');
      assert(/^Leak/.test(text.trim()), `badge text: ${text}`);
      // Read the slope back from the badge, whatever unit it picked, and compare with the fit.
      const shown = /([+−]?[\d.]+) (B|kB|MB|GB)\/s/.exec(text);
      assert(shown, `no slope in: ${text}`);
      const scale = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[shown[2]];
      const value = Number(shown[1].replace('−', '-')) * scale;
      assert(Math.abs(value - fit.slopeBytesPerSec) <= Math.max(0.06 * Math.abs(fit.slopeBytesPerSec), 1), `badge says ${shown[0]}, fit is ${fit.slopeBytesPerSec} B/s`);
      assert(text.includes('±') && text.includes('95% CI'), `no interval in: ${text}`);
    });
    await check('suspects: one row per suspect, with root and file:line', async () => {
      const items = await page.$$eval('[data-testid="suspect"]', els => els.map(e => e.textContent));
      assert(items.length === report.suspects.length, `rows: ${items.length}`);
      report.suspects.forEach((s, i) => {
        assert(items[i].includes(s.root.name), `root name missing from suspect ${i + 1}`);
        const loc = s.root.location ?? s.growthSite?.location;
        if (loc) assert(items[i].includes(`${path.basename(loc.file)}:${loc.line}`), `file:line missing from suspect ${i + 1}`);
      });
    });
    await check('clicking a suspect posts openLocation with its root location', async () => {
      const i = report.suspects.findIndex(s => s.root.location);
      assert(i >= 0, 'no suspect in the report has a root location');
      await page.click(`[data-testid="suspect"] >> nth=${i} >> .lh-suspect-main`);
      const m = await host.waitFor(x => x.type === 'openLocation', 'openLocation');
      assert(JSON.stringify(m.location) === JSON.stringify(report.suspects[i].root.location), `posted ${JSON.stringify(m.location)}`);
    });
    await check('retainer path expands and copies', async () => {
      await page.click('[data-testid="suspect"] >> nth=0 >> text=/Show retainer path/');
      const steps = await page.$$eval('.lh-path li', els => els.length);
      assert(steps === report.suspects[0].retainerPath.length, `path steps shown: ${steps}`);
      await page.click('[data-testid="suspect"] >> nth=0 >> text=Copy path');
      const m = await host.waitFor(x => x.type === 'copyRetainerPath', 'copyRetainerPath');
      assert(m.rank === 1 && m.text.includes(report.suspects[0].root.name), 'copied text lacks the root');
    });
    await page.screenshot({ path: path.join(shotsDir, 'panel-dark.png'), fullPage: true });

    await check('comparison tab (keyboard): pages from the host, renders a window of rows', async () => {
      await page.focus('[role="tab"][aria-selected="true"]');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid="comparison-row"]');
      const req = host.of('requestComparisonPage')[0];
      assert(req && req.offset === 0 && req.sort.key === 'retainedDelta' && req.sort.direction === 'desc', `first request ${JSON.stringify(req)}`);
      const rendered = await page.$$eval('[data-testid="comparison-row"]', els => els.length);
      assert(rendered > 0 && rendered < 60, `rendered ${rendered} rows of ${rows.length}`);
      const rowcount = await page.getAttribute('[role="grid"]', 'aria-rowcount');
      assert(Number(rowcount) === rows.length + 1, `aria-rowcount ${rowcount}`);
      const top = contract.queryComparisonPage(rows, { offset: 0, limit: 1, sort: req.sort, filter: '' }).rows[0];
      const firstCell = await page.textContent('[data-testid="comparison-row"] [role="gridcell"]');
      assert(firstCell === top.className, `first row ${firstCell}, expected ${top.className}`);
    });
    await page.screenshot({ path: path.join(shotsDir, 'panel-dark-comparison.png'), fullPage: true });
    await check('sorting by Δ count asks the host for a new first page', async () => {
      const before = host.of('requestComparisonPage').length;
      await page.click('[role="columnheader"] >> text=Δ count');
      const m = await host.waitFor(x => x.type === 'requestComparisonPage' && x.sort.key === 'countDelta', 'a countDelta request');
      assert(m.offset === 0 && m.sort.direction === 'desc', JSON.stringify(m));
      assert(host.of('requestComparisonPage').length > before, 'no new request');
      const sortAttr = await page.getAttribute('[role="columnheader"][aria-sort]', 'aria-sort');
      assert(sortAttr === 'descending', `aria-sort ${sortAttr}`);
    });
    await check('scrolling to the end requests the last page and renders the last row', async () => {
      await page.$eval('[data-testid="virtual-list"]', el => (el.scrollTop = el.scrollHeight));
      const lastOffset = Math.floor((rows.length - 1) / 200) * 200;
      await host.waitFor(x => x.type === 'requestComparisonPage' && x.offset === lastOffset && x.sort.key === 'countDelta', `offset ${lastOffset}`);
      await page.waitForSelector(`[data-testid="comparison-row"][aria-rowindex="${rows.length + 1}"]`, { timeout: 5000 });
    });
    await check('filtering sends the filter text and shows the filtered count', async () => {
      await page.fill('input[type="search"]', 'session');
      const m = await host.waitFor(x => x.type === 'requestComparisonPage' && x.filter === 'session', 'a filtered request');
      const expected = contract.queryComparisonPage(rows, { offset: 0, limit: 1, sort: m.sort, filter: 'session' }).total;
      await page.waitForFunction(n => document.querySelector('[data-testid="row-count"]')?.textContent?.startsWith(n), expected.toLocaleString('en-US'));
      // The count arrives with the page's total, a render before the page's rows: wait for rows.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="comparison-row"]').length > 0);
      const classes = await page.$$eval('[data-testid="comparison-row"] [role="gridcell"]:first-child', els => els.map(e => e.textContent));
      assert(classes.length > 0 && classes.every(c => c.toLowerCase().includes('session')), `rows not filtered: ${classes.slice(0, 5)}`);
    });
    await check('live samples extend the chart', async () => {
      const last = samples.at(-1);
      const more = [1, 2, 3].map(i => ({ t: last.t + i * 1.5, heapUsed: last.heapUsed + i * 150_000, rss: last.rss + i * 150_000 }));
      await host.send({ type: 'samples', samples: more });
      await page.waitForFunction(n => document.querySelector('figcaption')?.textContent?.includes(`${n} samples`), samples.length + 3);
    });
    await check('a malformed host message shows an error instead of breaking the panel', async () => {
      await host.send({ type: 'samples', samples: [{ t: 'soon', heapUsed: 1, rss: 1 }] });
      const alert = await page.waitForSelector('.lh-error[role="alert"]', { timeout: 3000 });
      assert((await alert.textContent()).includes('samples[0].t'), 'the reason is not shown');
      assert(await page.$('[data-testid="memory-chart"] svg'), 'chart vanished');
    });
    await check('no CSP violations, page errors or console errors', async () => {
      const csp = await page.evaluate(() => window.__cspViolations);
      assert(csp.length === 0, `CSP: ${csp.join('; ')}`);
      assert(errors.length === 0, errors.join('\n'));
    });
    await check('clearing the filter and scrolling saves the scroll position', async () => {
      await page.fill('input[type="search"]', '');
      await host.waitFor(x => x.type === 'requestComparisonPage' && x.filter === '' && x.sort.key === 'countDelta', 'an unfiltered request');
      await page.waitForFunction(n => document.querySelector('[data-testid="row-count"]')?.textContent?.startsWith(n), rows.length.toLocaleString('en-US'));
      await page.$eval('[data-testid="virtual-list"]', el => (el.scrollTop = 100 * 24));
      const end = Date.now() + 3000;
      while (host.savedState?.scrollTop !== 2400 && Date.now() < end) await new Promise(r => setTimeout(r, 25));
      assert(host.savedState?.scrollTop === 2400, `saved scrollTop ${host.savedState?.scrollTop}`);
    });
    const saved = host.savedState;
    await close();

    console.log('dark theme, after a reload with the saved state');
    const again = await openPanel(browser, 'dark', saved);
    try {
      await check('UI state survives a reload and the data is requested again', async () => {
        assert(saved && saved.tab === 'comparison' && saved.sort.key === 'countDelta', `saved state ${JSON.stringify(saved)}`);
        await again.page.waitForSelector('[role="tab"][aria-selected="true"] >> text=/Comparison/');
        const m = await again.host.waitFor(x => x.type === 'requestComparisonPage', 'a page request');
        assert(m.sort.key === 'countDelta' && m.sort.direction === 'desc', `request after reload ${JSON.stringify(m)}`);
        await again.page.waitForSelector('[data-testid="comparison-row"][aria-rowindex="102"]', { timeout: 5000 });
        const top = await again.page.$eval('[data-testid="virtual-list"]', el => el.scrollTop);
        assert(top === 2400, `scrollTop after reload ${top}`);
      });
    } finally {
      await again.close();
    }
  } finally {
    await close().catch(() => undefined);
  }
}

/** A hunt in progress: warm-up, samples streaming, snapshots, then the analysis lands. */
async function liveRun(browser) {
  console.log('dark theme, live hunt');
  const budgetSec = 240;
  const status = (phase, t, extra = {}) => ({ phase, elapsedSec: t, budgetSec, target: fullState.status.target, ...extra });
  const initial = {
    type: 'state',
    protocol: contract.WEBVIEW_PROTOCOL_VERSION,
    status: status('warmup', samples[4].t),
    report: { samples: samples.slice(0, 5), snapshots: [], suspects: [] },
  };
  const { page, host, errors, close } = await openPanel(browser, 'dark', undefined, initial);
  try {
    await check('running: phase, progress and "Measuring…", no restart button', async () => {
      const statusText = await page.textContent('[role="status"]');
      assert(statusText.includes('Warming up'), statusText);
      assert(await page.$('progress.lh-progress'), 'no progress bar');
      assert((await page.textContent('[data-testid="verdict"]')).includes('Measuring'), 'badge not pending');
      assert(!(await page.$('text=/Hunt again/')), 'restart offered while running');
    });
    await check('streamed samples, status and snapshots reach the chart', async () => {
      const upTo = samples.findIndex(x => x.t >= report.snapshots[1].t) + 1;
      for (let i = 5; i < upTo; i += 8) {
        const batch = samples.slice(i, Math.min(i + 8, upTo));
        await host.send({ type: 'samples', samples: batch });
        await host.send({ type: 'status', status: status(batch.at(-1).t < fit.warmupEndsAt ? 'warmup' : 'sampling', batch.at(-1).t) });
      }
      for (const snapshot of report.snapshots.slice(0, 2)) await host.send({ type: 'snapshot', snapshot });
      await host.send({ type: 'status', status: status('snapshotting', samples[upTo - 1].t, { snapshotsTaken: 2, snapshotsPlanned: report.snapshots.length }) });
      await page.waitForFunction(n => document.querySelector('figcaption')?.textContent?.includes(`${n} samples, 2 snapshots`), upTo);
      assert((await page.textContent('[role="status"]')).includes('snapshots 2/3'), 'snapshot progress missing');
    });
    await page.screenshot({ path: path.join(shotsDir, 'panel-dark-running.png'), fullPage: true });
    await check('the analysis turns the badge into a verdict and lists the suspects', async () => {
      await host.send({ type: 'samples', samples: samples.filter(x => x.t > report.snapshots[1].t) });
      await host.send({ type: 'snapshot', snapshot: report.snapshots[2] });
      await host.send({ type: 'status', status: status('analyzing', samples.at(-1).t) });
      await host.send({ type: 'analysis', verdict: report.verdict, trend: fit, suspects: report.suspects, comparison: fullState.report.comparison });
      await host.send({ type: 'status', status: { ...fullState.status } });
      await page.waitForFunction(() => /^Leak/.test(document.querySelector('[data-testid="verdict"]')?.textContent?.trim() ?? ''));
      const n = await page.$$eval('[data-testid="suspect"]', els => els.length);
      assert(n === report.suspects.length, `suspects ${n}`);
      assert(await page.$('text=/Hunt again/'), 'no restart button when done');
      assert(errors.length === 0 && host.invalid.length === 0, [...errors, ...host.invalid].join('\n'));
    });
  } finally {
    await close();
  }
}

/** After "Verify fix": the post-fix run shows its own verdict and plateau. */
async function verifiedRun(browser) {
  console.log('dark theme, fix verified');
  const verify = report.verify ?? buildVerifyResult(fit);
  const state = { ...fullState, report: { ...fullState.report, verify } };
  const { page, errors, close } = await openPanel(browser, 'dark', undefined, state);
  try {
    await check('the verified fix shows its verdict, both slopes and a second chart', async () => {
      const section = await page.waitForSelector('section[aria-label="Fix verification"]');
      const text = await section.textContent();
      const label = { leak: 'Leak', 'no-leak': 'No leak', inconclusive: 'Inconclusive' }[verify.verdict];
      assert(text.includes(`After the fix (LRU cap)${label}`), text);
      assert(await section.$('svg.recharts-surface'), 'no post-fix chart');
      assert(errors.length === 0, errors.join('\n'));
    });
    await page.screenshot({ path: path.join(shotsDir, 'panel-dark-verified.png'), fullPage: true });
  } finally {
    await close();
  }
}

/** The comparison at the size the table is built for: 100k classes, paged and windowed. */
async function bigRun(browser) {
  console.log('dark theme, 100k-class comparison');
  const bigRows = buildClassGrowth(100_000, 3).map(contract.comparisonRowFromGrowth);
  const state = { ...fullState, report: { ...fullState.report, comparison: { total: bigRows.length, rungs: 3 } } };
  const saved = { v: 1, tab: 'comparison', sort: { key: 'retainedDelta', direction: 'desc' }, filter: '', scrollTop: 0, expanded: [] };
  const { page, host, errors, close } = await open(browser, { theme: 'dark', savedState: saved, initial: state, rows: bigRows });
  try {
    await check('100k rows: the DOM holds a window, pages come as the view moves', async () => {
      await page.waitForSelector('[data-testid="comparison-row"]');
      const t0 = Date.now();
      await page.$eval('[data-testid="virtual-list"]', el => (el.scrollTop = 60_000 * 24));
      await page.waitForSelector(`[data-testid="comparison-row"][aria-rowindex="${60_000 + 2}"]`, { timeout: 5000 });
      const ms = Date.now() - t0;
      const inDom = await page.$$eval('.lh-vrow', els => els.length);
      assert(inDom < 60, `${inDom} rows in the DOM`);
      const offsets = host.of('requestComparisonPage').map(m => m.offset);
      assert(offsets.length <= 4 && offsets.includes(60_000), `requests at offsets ${offsets.join(', ')}`);
      console.log(`      (jump to row 60,000 rendered in ${ms} ms with ${inDom} rows in the DOM; ${offsets.length} page requests)`);
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await close();
  }
}

async function themeRun(browser, theme) {
  console.log(`${theme} theme`);
  const { page, errors, close } = await openPanel(browser, theme);
  try {
    await check(`${theme}: chart, verdict and suspects render with the theme's colours`, async () => {
      const info = await page.evaluate(() => {
        const stroke = document.querySelector('.recharts-line path.recharts-curve')?.getAttribute('stroke');
        return {
          bodyClass: document.body.className,
          svg: !!document.querySelector('[data-testid="memory-chart"] svg'),
          verdict: document.querySelector('[data-testid="verdict"]')?.textContent ?? '',
          suspects: document.querySelectorAll('[data-testid="suspect"]').length,
          stroke,
          bg: getComputedStyle(document.body).backgroundColor,
        };
      });
      assert(info.bodyClass.includes(THEMES[theme].bodyClass), info.bodyClass);
      assert(info.svg && info.verdict.startsWith('Leak') && info.suspects === report.suspects.length, JSON.stringify(info));
      assert(info.stroke?.startsWith('var(--vscode-charts-'), `line stroke ${info.stroke}`);
      const hex = THEMES[theme].vars['editor-background'];
      const rgb = `rgb(${[1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
      assert(info.bg === rgb, `body background ${info.bg}, expected ${rgb}`);
      assert(errors.length === 0, errors.join('\n'));
    });
    await page.screenshot({ path: path.join(shotsDir, `panel-${theme}.png`), fullPage: true });
  } finally {
    await close();
  }
}

fs.mkdirSync(shotsDir, { recursive: true });
try {
  await run();
} catch (e) {
  results.failed++;
  console.error(`harness error: ${e?.stack ?? e}`);
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
