/**
 * Scratch memory reused between the phases of an analysis on one thread. Faulting in fresh
 * pages is a large share of the engine's time (on some VMs about 3.5 ms per MB, more than the
 * work done on them), so temporaries of one phase are handed back here and reused by the next
 * phase or the next snapshot instead of being left to the garbage collector.
 */
const pool: SharedArrayBuffer[] = [];
/** Bytes kept at most; more is left to the garbage collector. */
const LIMIT = 512 * 1024 * 1024;

/**
 * A pooled buffer of at least `bytes` (its old contents left), or a new zero-filled one. All are
 * shared memory, so one phase's worklists can become the next phase's predecessor lists, which a
 * worker thread reads.
 */
function take(bytes: number): { buffer: SharedArrayBuffer; reused: boolean } {
  let best = -1;
  for (let i = 0; i < pool.length; i++) {
    const b = pool[i];
    if (b.byteLength >= bytes && (best < 0 || b.byteLength < pool[best].byteLength)) best = i;
  }
  if (best < 0) {
    // A quarter more than asked: the next snapshot of a ladder is usually larger (it leaks), and
    // pages never written cost nothing.
    const size = Math.ceil((bytes * 1.25) / 65536) * 65536;
    return { buffer: new SharedArrayBuffer(size), reused: false };
  }
  const buffer = pool[best];
  pool.splice(best, 1);
  return { buffer, reused: true };
}

/** A zero-filled Uint32Array of `length` (on shared memory), from the pool when a large enough buffer is free. */
export function scratchU32(length: number): Uint32Array {
  const { buffer, reused } = take(Math.max(4, length * 4));
  const a = new Uint32Array(buffer, 0, length);
  // Only reused memory needs clearing; writing zeros to new memory would fault in all of it.
  if (reused) a.fill(0);
  return a;
}

/** A zero-filled Uint8Array of `length` (on shared memory), from the pool when a large enough buffer is free. */
export function scratchU8(length: number): Uint8Array {
  const { buffer, reused } = take(Math.max(1, length));
  const a = new Uint8Array(buffer, 0, length);
  if (reused) a.fill(0);
  return a;
}

/** Hands arrays back (the caller must not use them afterwards). */
export function releaseScratch(...arrays: (ArrayBufferView | undefined)[]): void {
  for (const a of arrays) {
    if (!a || a.byteLength < 1 << 16) continue;
    const b = a.buffer;
    if (!(b instanceof SharedArrayBuffer) || pool.includes(b)) continue;
    pool.push(b);
  }
  let total = pool.reduce((s, b) => s + b.byteLength, 0);
  while (total > LIMIT) {
    pool.sort((x, y) => x.byteLength - y.byteLength);
    total -= (pool.shift() as SharedArrayBuffer).byteLength;
  }
}

/** Drops everything kept (at the end of an analysis, so an idle process holds no scratch). */
export function clearScratch(): void {
  pool.length = 0;
}
