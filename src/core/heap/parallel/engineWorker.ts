import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LeakHunterError } from '../../common/errors';

/** Name of the worker script next to the bundle (esbuild entry `heapEngineWorker`). */
export const WORKER_BUNDLE_NAME = 'heapEngineWorker.js';

/** How to start the worker: the bundled script in dist/, or the TypeScript source under tsx. */
function workerSource(): { code: string; eval: boolean } | undefined {
  const bundled = path.join(__dirname, WORKER_BUNDLE_NAME);
  if (fs.existsSync(bundled)) return { code: bundled, eval: false };
  const source = path.join(__dirname, 'heapEngineWorker.ts');
  if (__filename.endsWith('.ts') && fs.existsSync(source)) {
    try {
      const tsx = require.resolve('tsx/cjs');
      return { code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A second thread for one analysis at a time; requests are answered in order. */
export class EngineWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; ok: boolean; error?: { message: string; code?: string; details?: Record<string, unknown> } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.ok) p.resolve(m as unknown as Record<string, unknown>);
      else p.reject(m.error?.code ? new LeakHunterError(m.error.code, m.error.message, m.error.details) : new Error(m.error?.message));
    });
    const failAll = (e: Error) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', code => failAll(new Error(`heap engine worker exited (${code})`)));
    worker.unref();
  }

  /** A worker, or undefined when threads are disabled (LEAK_HUNTER_HEAP_THREADS=1) or the script is missing. */
  static create(): EngineWorker | undefined {
    if (process.env.LEAK_HUNTER_HEAP_THREADS === '1') return undefined;
    const src = workerSource();
    if (!src) return undefined;
    try {
      return new EngineWorker(new Worker(src.code, { eval: src.eval }));
    } catch {
      return undefined;
    }
  }

  /** Sends a request; shared arrays are shared, `transfer` buffers are moved. */
  call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: v => resolve(v as T), reject });
      // Keep the process alive while an answer is owed; idle workers never hold it open.
      this.worker.ref();
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  terminate(): void {
    void this.worker.terminate();
  }
}
