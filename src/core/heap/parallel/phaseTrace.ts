import { isMainThread } from 'node:worker_threads';

const on = process.env.LEAK_HUNTER_HEAP_TRACE === '1';
let last = performance.timeOrigin + performance.now();

/** Writes `phase` with the time since this thread's previous mark to stderr when LEAK_HUNTER_HEAP_TRACE=1. */
export function mark(phase: string): void {
  if (!on) return;
  const now = performance.timeOrigin + performance.now();
  process.stderr.write(`${(now % 100000).toFixed(0).padStart(6)} ${isMainThread ? 'main  ' : 'worker'} +${(now - last).toFixed(0).padStart(5)} ${phase}\n`);
  last = now;
}
