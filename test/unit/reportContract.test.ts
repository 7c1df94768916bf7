// The report contract's `alternatives` field: additive, so reports written before it still load,
// and the webview's validator accepts well-formed alternatives and rejects malformed ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fix, Suspect } from '../../src/shared/report';
import { explainHostMessage } from '../../src/shared/webviewValidation';

const fix = (kind: Fix['kind'], title: string): Fix => ({
  kind,
  title,
  explanation: 'why',
  edits: [{ file: '/app.js', startLine: 3, startColumn: 19, endLine: 3, endColumn: 22, newText: 'LruMap' }],
});

const suspect = (extra: Partial<Suspect> = {}): Suspect => ({
  rank: 1,
  className: 'Map',
  archetype: 'unbounded-collection',
  countDelta: 10,
  retainedDelta: 1000,
  growthBytesPerSec: 100,
  retainerPath: [{ edge: 'cache', edgeType: 'context', node: 'Map', nodeType: 'object' }],
  root: { name: 'cache', kind: 'module-variable', location: { file: '/app.js', line: 3, column: 7 } },
  fix: fix('lru-cap', 'Cap `cache`'),
  ...extra,
});

const analysis = (s: unknown) => ({ type: 'analysis', verdict: 'leak', suspects: [s], comparison: { total: 1, rungs: 3 } });

test('a report written before alternatives existed still validates', () => {
  const old = JSON.parse(JSON.stringify(suspect()));
  assert.equal('alternatives' in old, false);
  assert.equal(explainHostMessage(analysis(old)), undefined);
});

test('alternatives are fixes: accepted when well formed, rejected with their path otherwise', () => {
  assert.equal(explainHostMessage(analysis(suspect({ alternatives: [fix('ttl', 'Expire'), fix('weakmap', 'Weak')] }))), undefined);
  const bad = suspect({ alternatives: [fix('ttl', 'Expire'), { ...fix('ttl', 'x'), kind: 'gremlin' as Fix['kind'] }] });
  assert.match(explainHostMessage(analysis(bad)) ?? '', /alternatives\[1\]\.kind/);
  assert.match(explainHostMessage(analysis({ ...suspect(), alternatives: 'ttl' })) ?? '', /alternatives: expected an array/);
});
