import * as path from 'path';
import { Worker } from 'worker_threads';
import type { LadderOptions, LadderResult } from '../core/heap/model';
import type { ProgressReport } from '../core/common/progress';
import { CancelledError } from '../core/common/errors';

/** Messages between the server and an analysis worker. */
export type WorkerRequest = { files: string[]; options: Omit<LadderOptions, 'token' | 'progress'> };
export type WorkerMessage =
  | { type: 'progress'; report: ProgressReport }
  | { type: 'result'; result: LadderResult }
  | { type: 'error'; message: string; code?: string };

/**
 * Runs each ladder analysis in its own worker thread, so the server keeps answering (pages,
 * diagnostics) while a snapshot parses, and cancelling is a terminate away.
 */
export class AnalysisHost {
  private readonly running = new Map<string, Worker>();

  constructor(private readonly workerFile = path.join(__dirname, 'analysisWorker.js')) {}

  /** Analyses the ladder for `huntId`; rejects with CancelledError when cancel(huntId) is called. */
  analyze(huntId: string, request: WorkerRequest, onProgress: (r: ProgressReport) => void): Promise<LadderResult> {
    this.cancel(huntId);
    const worker = new Worker(this.workerFile, { workerData: request });
    this.running.set(huntId, worker);
    return new Promise<LadderResult>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (this.running.get(huntId) === worker) this.running.delete(huntId);
        fn();
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') onProgress(m.report);
        else if (m.type === 'result') finish(() => resolve(m.result));
        else finish(() => reject(Object.assign(new Error(m.message), { code: m.code })));
      });
      worker.on('error', e => finish(() => reject(e)));
      worker.on('exit', code =>
        finish(() =>
          reject(code === 1 && !this.running.has(huntId) ? new CancelledError('Analysis cancelled') : new Error(`The analysis worker stopped unexpectedly (exit code ${code}).`)),
        ),
      );
    });
  }

  cancel(huntId: string): void {
    const worker = this.running.get(huntId);
    if (worker) {
      this.running.delete(huntId);
      void worker.terminate();
    }
  }

  dispose(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }
}
