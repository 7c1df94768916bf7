import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MemorySample } from '../../shared/report';
import { assessTrend } from '../leak/verdict';
import { HuntClock } from './huntClock';

function fakeWall(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: ms => void (t += ms) };
}

test('frozen spans (snapshots, also failed ones) and excluded waits are not running time', async () => {
  const wall = fakeWall();
  const clock = new HuntClock(wall.now);
  wall.advance(2000);
  assert.equal(clock.now(), 2);
  await clock.frozen(async () => wall.advance(120_000));
  assert.equal(clock.now(), 2);
  await assert.rejects(clock.frozen(async () => {
    wall.advance(5000);
    throw new Error('target went away mid-snapshot');
  }));
  // A breakpoint held for 3 s of a 3.5 s wait.
  wall.advance(3500);
  clock.exclude(3000);
  assert.equal(clock.now(), 2.5);
  assert.equal(clock.frozenSec, 128);
});

/**
 * A leak sampled around three two-minute snapshot freezes (the program makes no progress while V8
 * writes it). On the wall-clock axis the freezes are long flat stretches that dominate the series, so
 * the recent window looks flat; on the running-time axis the growth is continuous.
 */
test('long snapshot freezes do not turn a leak into a plateau or an inconclusive trend', async () => {
  const wall = fakeWall();
  const clock = new HuntClock(wall.now);
  const onClock: MemorySample[] = [];
  const onWall: MemorySample[] = [];
  const t0 = wall.now();
  let heap = 50e6;
  const take = () => {
    onClock.push({ t: clock.now(), heapUsed: heap, rss: 3 * heap });
    onWall.push({ t: (wall.now() - t0) / 1000, heapUsed: heap, rss: 3 * heap });
  };
  for (let i = 0; i < 80; i++) {
    // The ladder: three snapshots a few seconds apart, each freezing the target for two minutes.
    if (i === 50 || i === 60 || i === 70) await clock.frozen(async () => wall.advance(120_000));
    wall.advance(500);
    heap += 40_000 + ((i * 7919) % 13) * 1000;
    take();
  }
  const running = assessTrend(onClock);
  assert.equal(running.decision, 'leak', running.reason);
  assert.ok(running.slopeBytesPerSec > 80_000 && running.slopeBytesPerSec < 120_000, `${running.slopeBytesPerSec}`);
  const walled = assessTrend(onWall);
  assert.notEqual(walled.decision, 'leak', 'the wall-clock axis should have hidden the leak, or this test shows nothing');
});
