import type { AnalyzeOptions, AnalyzedSnapshot } from '../analysis/analyzeSnapshot';
import { analyzeSnapshot } from '../analysis/analyzeSnapshot';
import { buildClassIndex, type ClassIndex } from '../analysis/classes';
import type { DominatorTree } from '../analysis/dominators';
import { HeapGraph } from '../graph/heapGraph';
import { fileChunks } from '../parse/byteSource';
import { parseSnapshot, type ParseOptions } from '../parse/parseSnapshot';
import { column } from '../parse/sinks';
import type { EngineWorker } from './engineWorker';
import * as fs from 'node:fs';
import { LeakHunterError } from '../../common/errors';
import { mark } from './phaseTrace';

/**
 * Parses and analyses a snapshot file on two threads: the worker parses the `edges` section
 * (about 60% of the bytes) while this thread parses nodes, strings and locations and builds the
 * class index; then the worker builds the dominator tree while this thread transfers shallow sizes.
 */
export async function loadSnapshotParallel(file: string, worker: EngineWorker, options: ParseOptions & AnalyzeOptions = {}): Promise<AnalyzedSnapshot> {
  let totalBytes: number;
  try {
    totalBytes = (await fs.promises.stat(file)).size;
  } catch (e) {
    throw new LeakHunterError('io', `Cannot read heap snapshot ${file}: ${(e as Error).message}`, { file });
  }
  let classes: ClassIndex | undefined;
  const data = await parseSnapshot(fileChunks(file), {
    ...options,
    totalBytes,
    shared: true,
    externalEdges: {
      start: async layout => {
        const cols = {
          edgeType: column(Uint8Array, layout.edgeCount, true),
          edgeName: column(Uint32Array, layout.edgeCount, true),
          edgeTo: column(Uint32Array, layout.edgeCount, true),
        };
        const res = await worker.call<{ start: number }>({ cmd: 'parseEdges', file, layout, ...cols });
        return { ...cols, start: res.start };
      },
      whileWaiting: partial => {
        mark('before classIndex');
        classes = buildClassIndex(new HeapGraph(partial));
        mark('classIndex');
      },
    },
  });
  return analyzeSnapshot(data, {
    ...options,
    classes,
    remote: {
      essential: async input => (await worker.call<{ essential: Uint8Array }>({ cmd: 'essential', ...input })).essential,
      dfs: async input => void (await worker.call({ cmd: 'dfs', ...input })),
      finish: async preds => (await worker.call<{ tree: DominatorTree }>({ cmd: 'finish', ...preds })).tree,
    },
  });
}
