import { describe, test } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- tests run in Node's test runner, not in the webview
import assert from 'node:assert/strict';
import { MAX_PAGE_LIMIT, comparisonRowFromGrowth, formatRetainerPath, queryComparisonPage } from '../../../src/shared/webview';
import { explainHostMessage, explainWebviewMessage, isHostToWebviewMessage, isWebviewToHostMessage } from '../../../src/shared/webviewValidation';
import { row, samples, stateMessage, suspect } from '../test/builders';

const pageRequest = { type: 'requestComparisonPage', requestId: 3, offset: 0, limit: 200, sort: { key: 'retainedDelta', direction: 'desc' }, filter: '' };

describe('webview → host validation', () => {
  test('accepts every well-formed message', () => {
    const good = [
      { type: 'ready', protocol: 1 },
      pageRequest,
      { type: 'openLocation', location: { file: '/a.js', line: 1, column: 1 } },
      { type: 'copyRetainerPath', rank: 1, text: 'x' },
      { type: 'startHunt' },
      { type: 'verifyFix', rank: 2 },
      { type: 'applyFix', rank: 2 },
      { type: 'applyFix', rank: 2, alternative: 0 },
    ];
    for (const m of good) assert.equal(explainWebviewMessage(m), undefined, JSON.stringify(m));
  });

  test('rejects malformed messages and says where', () => {
    const cases: [unknown, RegExp][] = [
      [null, /expected an object/],
      ['ready', /expected an object/],
      [{ type: 'rm -rf' }, /unknown message type/],
      [{ type: 'toString' }, /unknown message type/],
      [{ type: 'openLocation', location: { file: '', line: 1, column: 1 } }, /location\.file/],
      [{ type: 'openLocation', location: { file: '/a.js', line: 0, column: 1 } }, /location\.line/],
      [{ type: 'openLocation', location: { file: '/a.js', line: 1.5, column: 1 } }, /location\.line/],
      [{ ...pageRequest, offset: -1 }, /offset/],
      [{ ...pageRequest, limit: MAX_PAGE_LIMIT + 1 }, /limit/],
      [{ ...pageRequest, limit: 0 }, /limit/],
      [{ ...pageRequest, sort: { key: 'constructor', direction: 'desc' } }, /sort\.key/],
      [{ ...pageRequest, sort: { key: 'countDelta', direction: 'up' } }, /sort\.direction/],
      [{ ...pageRequest, filter: 'x'.repeat(201) }, /filter/],
      [{ ...pageRequest, filter: 42 }, /filter/],
      [{ type: 'copyRetainerPath', rank: 1 }, /text/],
      [{ type: 'verifyFix', rank: '1' }, /rank/],
      [{ type: 'applyFix', rank: 1, alternative: -1 }, /alternative/],
      [{ type: 'applyFix', rank: 1, alternative: '0' }, /alternative/],
    ];
    for (const [m, why] of cases) {
      const problem = explainWebviewMessage(m);
      assert.ok(problem, `accepted ${JSON.stringify(m)}`);
      assert.match(problem, why);
      assert.equal(isWebviewToHostMessage(m), false);
    }
  });
});

describe('host → webview validation', () => {
  test('accepts a full state, samples, analysis, pages and errors', () => {
    const good: unknown[] = [
      stateMessage({ samples: samples(3), suspects: [suspect(1)], comparison: { total: 10, rungs: 3 } }),
      { type: 'status', status: { phase: 'sampling', elapsedSec: 3 } },
      { type: 'samples', samples: samples(2) },
      { type: 'snapshot', snapshot: { file: '/s.heapsnapshot', t: 3, heapUsed: 1 } },
      { type: 'analysis', verdict: 'leak', suspects: [suspect(1)], comparison: { total: 5, rungs: 3 } },
      { type: 'comparisonPage', requestId: 1, query: { offset: 0, limit: 2, sort: { key: 'className', direction: 'asc' }, filter: '' }, total: 2, rows: [row(1), row(2)] },
      { type: 'error', message: 'boom', requestId: 4 },
    ];
    for (const m of good) assert.equal(explainHostMessage(m), undefined, JSON.stringify(m).slice(0, 200));
  });

  test('rejects malformed state deep inside the report', () => {
    const bad = (mutate: (m: any) => void) => {
      const m: any = structuredClone(stateMessage({ samples: samples(3), suspects: [suspect(1)] }));
      mutate(m);
      return m;
    };
    const cases: [unknown, RegExp][] = [
      [bad(m => (m.report.samples[1].heapUsed = Number.NaN)), /samples\[1\]\.heapUsed/],
      [bad(m => (m.report.samples = 'lots')), /report\.samples/],
      [bad(m => (m.report.suspects[0].archetype = 'gremlin')), /suspects\[0\]\.archetype/],
      [bad(m => (m.report.suspects[0].retainerPath[1].edge = { toString: 'x' })), /retainerPath\[1\]\.edge/],
      [bad(m => (m.report.suspects[0].root.location.line = -3)), /root\.location\.line/],
      [bad(m => (m.report.trend = { slopeBytesPerSec: 1, ci95: [1], warmupEndsAt: 0, reason: '' })), /trend\.ci95/],
      [bad(m => (m.status.phase = 'napping')), /status\.phase/],
      [bad(m => (m.report.verdict = 'maybe')), /report\.verdict/],
      [{ type: 'comparisonPage', requestId: 1, query: {}, total: 0, rows: [] }, /query/],
      [{ type: 'comparisonPage', requestId: 1, query: pageRequest, total: 1, rows: [{ ...row(1), monotonic: 'yes' }] }, /rows\[0\]\.monotonic/],
      [{ type: 'error' }, /message/],
    ];
    for (const [m, why] of cases) {
      const problem = explainHostMessage(m);
      assert.ok(problem, `accepted ${JSON.stringify(m).slice(0, 200)}`);
      assert.match(problem, why);
      assert.equal(isHostToWebviewMessage(m), false);
    }
  });
});

describe('shared paging', () => {
  const rows = Array.from({ length: 50 }, (_, i) => row(i));

  test('filters case-insensitively, sorts with a stable tie-break, and slices', () => {
    const page = queryComparisonPage(rows, { offset: 0, limit: 3, sort: { key: 'countDelta', direction: 'desc' }, filter: 'class00004' });
    assert.equal(page.total, 10);
    assert.deepEqual(page.rows.map(r => r.className), ['Class000049', 'Class000048', 'Class000047']);
    const byMono = queryComparisonPage(rows, { offset: 0, limit: 50, sort: { key: 'monotonic', direction: 'desc' }, filter: '' });
    assert.ok(byMono.rows.slice(0, 25).every(r => r.monotonic));
    assert.equal(byMono.rows[0].className, 'Class000000', 'ties fall back to class name order');
  });

  test('deltas come from the first and last rung of a ClassGrowth', () => {
    const r = comparisonRowFromGrowth({ className: 'X', counts: [1, 5, 9], shallowSizes: [10, 20, 40], retainedSizes: [100, 90, 300], newCount: 8, monotonic: false });
    assert.deepEqual([r.countDelta, r.shallowDelta, r.retainedDelta], [8, 30, 200]);
  });

  test('a copied retainer path lists every hop from the root', () => {
    const text = formatRetainerPath(suspect(1).retainerPath);
    assert.deepEqual(text.split('\n').length, 2);
    assert.match(text, /cache \(context\) Map$/);
  });
});
