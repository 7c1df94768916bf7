/** Heap snapshot capture, streamed chunk by chunk to a file, with a pre-flight memory check. */
import fs from 'node:fs';
import { formatBytes } from '../../shared/format';
import type { CancellationToken } from '../common/cancellation';
import { LeakHunterError } from '../common/errors';
import type { ProgressSink } from '../common/progress';
import { oldGeneration, type TargetSession } from './session';

export interface CapturedSnapshot {
  file: string;
  bytes: number;
  /** Canary heap id read right after the snapshot (ids reset when it changes). */
  canaryId?: number;
  durationMs: number;
}

/** Refuses a snapshot that needs more headroom than the heap has; returns a warning when it is tight. */
export async function checkSnapshotHeadroom(session: TargetSession): Promise<string | undefined> {
  const l = await session.heapLimits();
  // Serialising needs roughly the heap again; V8 allocates the snapshot graph outside the JS heap,
  // but a heap near its limit can still die, so refuse well before it.
  const old = oldGeneration(l);
  if (old.fraction > 0.85) {
    throw new LeakHunterError(
      'heap-limit',
      `the target uses ${formatBytes(old.used)} of its ~${formatBytes(old.limit)} heap limit: a snapshot could crash it. Restart it with a larger --max-old-space-size, or hunt earlier.`,
    );
  }
  if (old.fraction > 0.5) return `the target's heap (${formatBytes(old.used)}) is over half its limit (~${formatBytes(old.limit)}): snapshots may be slow or risky`;
  return undefined;
}


/** Takes a heap snapshot through `session` and streams its chunks into `file`. */
export async function captureSnapshot(session: TargetSession, file: string, options: { token?: CancellationToken; progress?: ProgressSink; phase?: string } = {}): Promise<CapturedSnapshot> {
  const started = Date.now();
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let writeError: Error | undefined;
  out.on('error', e => (writeError = e));
  const chunkSub = session.conn.on('HeapProfiler.addHeapSnapshotChunk', (p: { chunk: string }) => {
    bytes += p.chunk.length;
    out.write(p.chunk);
  });
  const progressSub = session.conn.on('HeapProfiler.reportHeapSnapshotProgress', (p: { done: number; total: number }) => {
    options.progress?.({ phase: options.phase ?? 'snapshot', fraction: p.total ? p.done / p.total : undefined });
  });
  const gone = new Promise<never>((_, reject) => {
    session.conn.onClose(() => reject(new LeakHunterError('target-gone', 'the target went away during a heap snapshot')));
  });
  try {
    await session.conn.send('HeapProfiler.collectGarbage');
    await Promise.race([session.conn.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true, captureNumericValue: false }), gone]);
  } finally {
    chunkSub.dispose();
    progressSub.dispose();
    await new Promise<void>(resolve => out.end(resolve));
  }
  if (writeError) throw new LeakHunterError('snapshot-write', `cannot write ${file}: ${writeError.message}`);
  if (bytes === 0) {
    throw new LeakHunterError('snapshot-empty', 'the snapshot arrived empty: on a shared debugger session, HeapProfiler events must be subscribed (JsDebug.subscribe)');
  }
  const canaryId = await session.canaryId().catch(() => undefined);
  return { file, bytes, canaryId, durationMs: Date.now() - started };
}
