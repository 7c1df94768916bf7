import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatLocation, formatRate, formatSeconds, formatSignedCount } from '../../src/shared/format';

test('bytes and rates are SI, signed where they are deltas', () => {
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(234_400), '234 kB');
  assert.equal(formatBytes(1_670_000), '1.7 MB');
  assert.equal(formatRate(75_100), '+75.1 kB/s');
  assert.equal(formatRate(-473), '−473 B/s');
  assert.equal(formatRate(0), '0 B/s');
  assert.equal(formatBytes(Number.NaN), '–');
  assert.equal(formatSignedCount(-1200), '−1,200');
  assert.equal(formatSeconds(150), '2 min 30 s');
});

test('locations are relative to the base only when inside it, on either separator', () => {
  const loc = { file: '/work/app/src/cache.js', line: 12, column: 7 };
  assert.equal(formatLocation(loc, '/work/app'), 'src/cache.js:12:7');
  assert.equal(formatLocation(loc, '/work/app/'), 'src/cache.js:12:7');
  assert.equal(formatLocation(loc, '/work/ap'), '/work/app/src/cache.js:12:7');
  assert.equal(formatLocation({ file: 'C:\\proj\\a.js', line: 1, column: 1 }, 'C:\\proj'), 'a.js:1:1');
  assert.equal(formatLocation(undefined), '(location unknown)');
});
