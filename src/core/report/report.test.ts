import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../../shared/report';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { toSarif } from './sarif';
import { applyTextEdits } from '../fix/edits';

const report: Report = {
  schemaVersion: 1,
  verdict: 'leak',
  trend: { samples: [{ t: 0, heapUsed: 1e6, rss: 3e6 }, { t: 1, heapUsed: 1.2e6, rss: 3e6 }], slopeBytesPerSec: 2e5, ci95: [1.8e5, 2.2e5], warmupEndsAt: 2, reason: 'grows', pValue: 1e-6 },
  snapshots: [{ file: '/tmp/a.heapsnapshot', t: 10, heapUsed: 2e6 }],
  suspects: [
    {
      rank: 1, className: 'Map', archetype: 'unbounded-collection', countDelta: 100, retainedDelta: 1e6, growthBytesPerSec: 1e5,
      retainerPath: [{ edge: 'cache', edgeType: 'context', node: 'Map', nodeType: 'object' }],
      root: { name: 'cache', kind: 'module-variable', location: { file: '/nonexistent/app.js', line: 3, column: 7 } },
      growthSite: { location: { file: '/nonexistent/app.js', line: 9, column: 5 } },
      fix: { kind: 'lru-cap', title: 'Cap cache', edits: [{ file: '/nonexistent/app.js', startLine: 3, startColumn: 15, endLine: 3, endColumn: 18, newText: 'X' }] },
      alternatives: [{ kind: 'ttl', title: 'Expire cache entries', explanation: 'entries expire after 60 s', edits: [{ file: '/nonexistent/app.js', startLine: 3, startColumn: 15, endLine: 3, endColumn: 18, newText: 'T' }] }],
    },
  ],
};

test('JSON puts schemaVersion first and keeps the contract fields', () => {
  const parsed = JSON.parse(toJson(report));
  assert.deepEqual(Object.keys(parsed).slice(0, 5), ['schemaVersion', 'verdict', 'trend', 'snapshots', 'suspects']);
  assert.equal(parsed.suspects[0].root.location.line, 3);
});

test('Markdown has the four parts and the root at file:line', () => {
  const md = toMarkdown(report);
  for (const h of ['## 1. Evidence', '## 2. What leaks', '## 3. Root-cause fix', '## 4. After the fix']) assert.ok(md.includes(h), h);
  assert.match(md, /app\.js:3:7/);
  assert.match(md, /Other fixes that bound it[^]*- Expire cache entries \(`ttl`\): entries expire after 60 s/);
});

test('SARIF reports the root location and the fix as a replacement', () => {
  const sarif = JSON.parse(toSarif(report));
  const r = sarif.runs[0].results[0];
  assert.equal(r.ruleId, 'leak/unbounded-collection');
  assert.equal(r.locations[0].physicalLocation.region.startLine, 3);
  assert.equal(r.fixes[0].artifactChanges[0].replacements[0].deletedRegion.startColumn, 15);
  assert.deepEqual(r.fixes.map((f: { description: { text: string } }) => f.description.text), ['Cap cache', 'Expire cache entries']);
});

test('text edits are 1-based, end-exclusive, applied bottom-up', () => {
  const text = 'const a = new Map();\nfoo();\n';
  const out = applyTextEdits(text, [
    { file: 'f', startLine: 1, startColumn: 15, endLine: 1, endColumn: 18, newText: 'WeakMap' },
    { file: 'f', startLine: 2, startColumn: 7, endLine: 2, endColumn: 7, newText: ' // done' },
  ]);
  assert.equal(out, 'const a = new WeakMap();\nfoo(); // done\n');
  assert.throws(() => applyTextEdits(text, [
    { file: 'f', startLine: 1, startColumn: 1, endLine: 1, endColumn: 10, newText: '' },
    { file: 'f', startLine: 1, startColumn: 5, endLine: 1, endColumn: 12, newText: '' },
  ]), /overlapping/);
});
