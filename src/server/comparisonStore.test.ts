import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComparisonStore } from './comparisonStore';
import type { ClassGrowth } from '../core/heap/model';

const growth = (className: string, first: number, last: number): ClassGrowth => ({
  className,
  counts: [first, Math.round((first + last) / 2), last],
  shallowSizes: [first * 32, 0, last * 32],
  retainedSizes: [first * 100, 0, last * 100],
  newCount: last - first,
  monotonic: last > first,
});

const query = { offset: 0, limit: 2, sort: { key: 'retainedDelta' as const, direction: 'desc' as const }, filter: '' };

test('pages are sorted and filtered, and totals count the filtered rows', () => {
  const store = new ComparisonStore();
  store.put('h', [growth('Map', 1, 10), growth('Array', 5, 500), growth('Timeout', 3, 3), growth('MapIterator', 0, 40)], 3);
  const first = store.page('h', query);
  assert.equal(first.total, 4);
  assert.equal(first.rungs, 3);
  assert.deepEqual(first.rows.map(r => r.className), ['Array', 'MapIterator']);
  assert.deepEqual(store.page('h', { ...query, offset: 2 }).rows.map(r => r.className), ['Map', 'Timeout']);
  const maps = store.page('h', { ...query, filter: 'map', limit: 10 });
  assert.deepEqual(maps.rows.map(r => r.className), ['MapIterator', 'Map']);
  assert.equal(maps.total, 2);
});

test('a hunt evicted from memory (or after a restart) is reloaded from its persisted file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lh-cmp-')), 'comparison.json');
  new ComparisonStore().put('old', [growth('Leaky', 1, 99)], 3, file);
  const store = new ComparisonStore(1);
  store.put('other', [growth('X', 1, 2)], 2);
  assert.throws(() => store.page('old', query), /No snapshot comparison/);
  const page = store.page('old', query, file);
  assert.equal(page.rows[0].className, 'Leaky');
  assert.equal(page.rows[0].countDelta, 98);
});
