import { parentPort, workerData } from 'worker_threads';
import { createLocalAnalyzer } from '../core/heap';
import { LeakHunterError, errorMessage } from '../core/common/errors';
import type { WorkerMessage, WorkerRequest } from './analysisHost';

// Worker-thread entry: one ladder analysis, then exit. Errors are sent as messages so the
// server can show them; the thread never takes the server down.
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('analysisWorker must run in a worker thread');
  const post = (m: WorkerMessage) => port.postMessage(m);
  const { files, options } = workerData as WorkerRequest;
  const analyzer = createLocalAnalyzer();
  try {
    const result = await analyzer.analyzeLadder(files, { ...options, progress: report => post({ type: 'progress', report }) });
    post({ type: 'result', result });
  } catch (e) {
    post({ type: 'error', message: errorMessage(e), code: e instanceof LeakHunterError ? e.code : undefined });
  } finally {
    analyzer.dispose?.();
  }
}

void main();
