import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MemorySample } from '../../shared/report';
import { assessTrend, finalVerdict } from './verdict';
import { theilSen } from './robust';

/** Deterministic noise so the series are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function series(durationSec: number, f: (t: number) => number, noiseBytes = 60_000, seed = 7): MemorySample[] {
  const r = rng(seed);
  const out: MemorySample[] = [];
  for (let t = 0; t <= durationSec; t += 0.5) {
    const heapUsed = 8e6 + f(t) + r() * 2 * noiseBytes;
    out.push({ t, heapUsed, rss: heapUsed * 3 });
  }
  return out;
}

test('Theil–Sen recovers a slope and its interval contains it', () => {
  const s = series(30, t => 100_000 * t);
  const fit = theilSen(s.map(x => x.t), s.map(x => x.heapUsed));
  assert.ok(Math.abs(fit.slope - 100_000) < 5_000, `slope ${fit.slope}`);
  assert.ok(fit.ci95[0] < 100_000 && fit.ci95[1] > 100_000);
  assert.ok(fit.pValue < 1e-6);
});

test('a steady 100 KB/s leak is a leak once the minimum duration has passed', () => {
  assert.equal(assessTrend(series(12, t => 100_000 * t)).decision, 'undecided');
  const a = assessTrend(series(31, t => 100_000 * t));
  assert.equal(a.decision, 'leak', a.reason);
  assert.ok(a.slopeBytesPerSec > 80_000 && a.slopeBytesPerSec < 120_000);
});

test('a cache or pool that fills for 12 s, then stays flat, is not a leak', () => {
  const a = assessTrend(series(31, t => 200_000 * Math.min(t, 12)));
  assert.equal(a.decision, 'no-leak', a.reason);
  assert.ok(a.warmupEndsAt >= 6, `warm-up ends at ${a.warmupEndsAt}`);
});

test('a 22 s warm-up is not a leak', () => {
  const a = assessTrend(series(31, t => 150_000 * Math.min(t, 22)));
  assert.notEqual(a.decision, 'leak', a.reason);
  const later = assessTrend(series(36, t => 150_000 * Math.min(t, 22)));
  assert.equal(later.decision, 'no-leak', later.reason);
});

test('a TTL sawtooth (fill for 5 s, expire) is not a leak', () => {
  const a = assessTrend(series(31, t => 400_000 * (t % 5)));
  assert.equal(a.decision, 'no-leak', a.reason);
});

test('heavy garbage churn (large noise, no trend) is not a leak', () => {
  const a = assessTrend(series(31, () => 0, 1_500_000, 3));
  assert.equal(a.decision, 'no-leak', a.reason);
});

test('a noisy 40 KB/s drift is never called a plateau; if undecided it says how long it needs', () => {
  const a = assessTrend(series(31, t => 40_000 * t, 400_000, 11));
  if (a.decision === 'undecided') {
    assert.equal(finalVerdict(a), 'inconclusive');
    assert.ok((a.needMoreSeconds ?? 0) > 0);
  } else {
    assert.notEqual(a.decision, 'no-leak');
  }
});
