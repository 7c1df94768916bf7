/**
 * The hunt's view of a target over any CDP connection: evaluation that retains nothing,
 * pause tracking (never sample while paused), forced GC and memory samples, heap limits,
 * and the canary object whose heap id tells whether ids were reset between snapshots.
 */
import type { MemorySample } from '../../shared/report';
import { formatBytes } from '../../shared/format';
import { delay, type CancellationToken } from '../common/cancellation';
import { DisposableStore, IDisposable } from '../common/disposable';
import { LeakHunterError } from '../common/errors';
import type { CdpConnection } from './connection';

const GROUP = 'leak-hunter';
const CANARY = "globalThis[Symbol.for('leakhunter.canary')] ??= { leakHunterCanary: true }";
// A counter the target's event loop advances; a paused (or blocked) target stops counting, which
// catches pauses our own session cannot see (it skips pauses so `debugger;` never stops the program).
const HEARTBEAT =
  "(globalThis[Symbol.for('leakhunter.beat')] ??= (() => { const s = { n: 0 }; const t = setInterval(() => { s.n++; }, 50); t.unref?.(); return s; })()).n";

export interface HeapLimits {
  usedHeapSize: number;
  heapSizeLimit: number;
  totalAvailableSize: number;
  /** Bytes used in the young generation (new space and new large objects). */
  youngUsedSize: number;
}

// V8's heap_size_limit is the old-generation limit (--max-old-space-size) plus the young
// generation's reservation: three 16 MiB semi-spaces on 64-bit (Node 20, any heap size). A program runs out of
// memory when its *old* generation reaches its limit, which on a small heap is far below
// heap_size_limit (100 MiB of 148 MiB with --max-old-space-size=100).
const YOUNG_RESERVATION = 48 * 1024 * 1024;

/** The old generation's use and limit: what decides whether the target is about to run out of memory. */
export function oldGeneration(l: HeapLimits): { used: number; limit: number; fraction: number } {
  const limit = l.heapSizeLimit > 2 * YOUNG_RESERVATION ? l.heapSizeLimit - YOUNG_RESERVATION : l.heapSizeLimit;
  const used = Math.max(0, l.usedHeapSize - l.youngUsedSize);
  return { used, limit, fraction: limit > 0 ? used / limit : 0 };
}

export class TargetSession implements IDisposable {
  private readonly store = new DisposableStore();
  private pausedState = false;
  private lastBeat?: { n: number; at: number };
  private resumeWaiters: (() => void)[] = [];

  constructor(readonly conn: CdpConnection) {
    this.store.add(conn.on('Debugger.paused', () => (this.pausedState = true)));
    this.store.add(
      conn.on('Debugger.resumed', () => {
        this.pausedState = false;
        for (const w of this.resumeWaiters.splice(0)) w();
      }),
    );
  }

  get paused(): boolean {
    return this.pausedState;
  }

  /** Enables what the hunt needs. Own sessions skip pauses so a `debugger;` statement never stops the program. */
  async initialize(): Promise<void> {
    if (this.conn.borrowed) {
      await this.conn.send('JsDebug.subscribe', { events: ['HeapProfiler.*', 'Debugger.paused', 'Debugger.resumed'] }).catch(() => undefined);
    } else {
      await this.conn.send('Debugger.enable').catch(() => undefined);
      await this.conn.send('Debugger.setSkipAllPauses', { skip: true }).catch(() => undefined);
    }
    await this.conn.send('HeapProfiler.enable');
    // The canary must exist before the first snapshot, or its absence there looks like an id reset.
    await this.conn.send('Runtime.evaluate', { expression: CANARY, objectGroup: GROUP, silent: true });
    await this.conn.send('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
    await this.evaluate(HEARTBEAT).catch(() => undefined);
  }

  /** Evaluates in the target and returns the value by copy; nothing stays referenced by the debugger. */
  async evaluate<T>(expression: string, options: { awaitPromise?: boolean; sideEffects?: boolean } = {}): Promise<T> {
    const r = await this.conn.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: options.awaitPromise ?? false,
      objectGroup: GROUP,
      includeCommandLineAPI: false,
      silent: true,
    });
    if (r.exceptionDetails) {
      throw new LeakHunterError('evaluate', `evaluation failed in the target: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    }
    return r.result.value as T;
  }

  /** Reads the heartbeat: false when the target's event loop has not turned since the last read. */
  private async loopTurned(): Promise<boolean> {
    const n = await this.evaluate<number>(HEARTBEAT);
    const now = Date.now();
    const prev = this.lastBeat;
    this.lastBeat = { n, at: now };
    return !prev || n !== prev.n || now - prev.at < 300;
  }

  /** Waits while the target is paused (breakpoint events, or a heartbeat that stopped); `onWait` is told once. */
  async waitWhilePaused(token?: CancellationToken, onWait?: () => void, maxWaitMs = 600_000): Promise<void> {
    const started = Date.now();
    let told = false;
    const tell = () => {
      if (!told) onWait?.();
      told = true;
    };
    while (this.pausedState && Date.now() - started < maxWaitMs) {
      tell();
      await Promise.race([new Promise<void>(r => this.resumeWaiters.push(r)), delay(1000, token)]);
    }
    while (!(await this.loopTurned()) && Date.now() - started < maxWaitMs) {
      tell();
      // A loop that stops turning with a nearly full heap is a collector thrashing before an
      // out-of-memory crash, not a breakpoint: waiting for it would only wait for the crash.
      await this.throwIfThrashing(Date.now() - started);
      await delay(250, token);
    }
  }

  private async throwIfThrashing(blockedMs: number): Promise<void> {
    if (blockedMs < 2000) return;
    const limits = await this.heapLimits().catch(() => undefined);
    const old = limits && oldGeneration(limits);
    if (old && old.fraction > 0.9) {
      throw new LeakHunterError(
        'heap-limit',
        `the target's event loop has been stuck for ${(blockedMs / 1000).toFixed(0)} s with its heap at ${formatBytes(old.used)} of its ~${formatBytes(old.limit)} heap limit: it is spending its time in garbage collection and will likely run out of memory. Restart it with a larger --max-old-space-size, or hunt earlier.`,
      );
    }
  }

  /** Releases what the debugger may hold for us: console entries and our object group. */
  async releaseRetention(): Promise<void> {
    await this.conn.send('Runtime.discardConsoleEntries').catch(() => undefined);
    await this.conn.send('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
  }

  /** Forces a full GC, then reads process.memoryUsage(). */
  async sample(t: number): Promise<MemorySample> {
    await this.releaseRetention();
    await this.conn.send('HeapProfiler.collectGarbage');
    const m = await this.evaluate<{ heapUsed: number; rss: number; external: number; arrayBuffers: number }>(
      '(() => { const m = process.memoryUsage(); return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers }; })()',
    );
    return { t, heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers };
  }

  /** V8 heap statistics, to refuse a snapshot that could run the target out of memory. */
  async heapLimits(): Promise<HeapLimits> {
    return this.evaluate<HeapLimits>(
      "(() => { const v8 = (process.getBuiltinModule?.('v8') ?? process.mainModule?.require('v8')); const s = v8.getHeapStatistics(); " +
        "const young = v8.getHeapSpaceStatistics().filter(x => x.space_name.startsWith('new_')).reduce((a, x) => a + x.space_used_size, 0); " +
        'return { usedHeapSize: s.used_heap_size, heapSizeLimit: s.heap_size_limit, totalAvailableSize: s.total_available_size, youngUsedSize: young }; })()',
    );
  }

  /** Node version and pid of the target. */
  async describe(): Promise<{ nodeVersion: string; pid: number; argv: string[]; cwd: string }> {
    return this.evaluate("({ nodeVersion: process.version, pid: process.pid, argv: process.argv.slice(), cwd: process.cwd() })");
  }

  /** Heap object id of the canary (creating it on first use); undefined when ids are unknown. */
  async canaryId(): Promise<number | undefined> {
    const r = await this.conn.send<{ result: { objectId?: string } }>('Runtime.evaluate', { expression: CANARY, objectGroup: GROUP, silent: true });
    if (!r.result.objectId) return undefined;
    try {
      const { heapSnapshotObjectId } = await this.conn.send<{ heapSnapshotObjectId: string }>('HeapProfiler.getHeapObjectId', { objectId: r.result.objectId });
      const id = Number(heapSnapshotObjectId);
      return id > 0 ? id : undefined;
    } finally {
      await this.conn.send('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
    }
  }

  dispose(): void {
    for (const w of this.resumeWaiters.splice(0)) w();
    this.store.dispose();
  }
}

