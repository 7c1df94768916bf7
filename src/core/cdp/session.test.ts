import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDisposable } from '../common/disposable';
import type { CdpConnection } from './connection';
import { assertAllowed } from './connection';
import { oldGeneration, TargetSession } from './session';

/** A scripted CDP connection: `beats` is what the target's heartbeat counter reads, call by call. */
function fakeConnection(beats: number[], borrowed = false) {
  const sent: string[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  const conn: CdpConnection = {
    borrowed,
    closed: false,
    async send(method: string, params?: Record<string, unknown>): Promise<any> {
      assertAllowed(conn, method);
      sent.push(method);
      if (method === 'Runtime.evaluate' && String(params?.expression).includes('leakhunter.beat')) return { result: { value: beats.length > 1 ? beats.shift() : beats[0] } };
      if (method === 'Runtime.evaluate') return { result: { value: { heapUsed: 1, rss: 2, external: 3, arrayBuffers: 4 } } };
      return {};
    },
    on(event, l) {
      listeners.set(event, l);
      return toDisposable(() => listeners.delete(event));
    },
    onClose: () => toDisposable(() => undefined),
    dispose: () => undefined,
  };
  return { conn, sent, emit: (e: string) => listeners.get(e)?.({}) };
}

test('a target whose event loop stopped turning is waited for, and the wait is reported once', async () => {
  const { conn } = fakeConnection([5, 5, 5, 5, 6]);
  const s = new TargetSession(conn);
  await s.waitWhilePaused(undefined, () => undefined);
  let told = 0;
  await new Promise(r => setTimeout(r, 350));
  await s.waitWhilePaused(undefined, () => told++);
  assert.equal(told, 1);
  s.dispose();
});

test('Debugger.paused holds sampling until Debugger.resumed', async () => {
  const { conn, emit } = fakeConnection([1, 2, 3, 4, 5, 6]);
  const s = new TargetSession(conn);
  emit('Debugger.paused');
  assert.equal(s.paused, true);
  let done = false;
  const waiting = s.waitWhilePaused().then(() => (done = true));
  await new Promise(r => setTimeout(r, 50));
  assert.equal(done, false);
  emit('Debugger.resumed');
  await waiting;
  assert.equal(done, true);
  s.dispose();
});

test('on a borrowed (debugger-owned) session nothing state-changing is sent', async () => {
  const { conn, sent } = fakeConnection([1, 2, 3], true);
  const s = new TargetSession(conn);
  await s.initialize();
  await s.sample(0);
  assert.ok(sent.includes('JsDebug.subscribe'));
  assert.ok(!sent.some(m => /\.disable$|Debugger\.resume|setSkipAllPauses|Debugger\.enable/.test(m)), sent.join(','));
  await assert.rejects(conn.send('HeapProfiler.disable'), /must not be sent/);
  s.dispose();
});

test('the old generation is what runs out: young-generation reservation and use are left out', () => {
  const MiB = 1024 * 1024;
  // node --max-old-space-size=100 reports a 148 MiB heap_size_limit.
  const small = oldGeneration({ heapSizeLimit: 148 * MiB, usedHeapSize: 95 * MiB, youngUsedSize: 5 * MiB, totalAvailableSize: 50 * MiB });
  assert.equal(small.limit, 100 * MiB);
  assert.equal(small.used, 90 * MiB);
  assert.ok(small.fraction > 0.85, 'a snapshot here could crash the target');
  // On a default 4 GiB heap the correction is negligible.
  const big = oldGeneration({ heapSizeLimit: 4144 * MiB, usedHeapSize: 2000 * MiB, youngUsedSize: 0, totalAvailableSize: 0 });
  assert.ok(Math.abs(big.fraction - 2000 / 4096) < 1e-9);
});
