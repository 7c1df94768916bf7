import type { AnalyzeOptions, AnalyzedSnapshot, RemoteSteps } from '../analysis/analyzeSnapshot';
import { essentialInput } from '../analysis/essentialEdges';
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
  let cols: { edgeType: Uint8Array; edgeName: Uint32Array; edgeTo: Uint32Array } | undefined;
  let started: RemoteSteps['started'];
  const data = await parseSnapshot(fileChunks(file), {
    ...options,
    totalBytes,
    shared: true,
    externalEdges: {
      start: async layout => {
        const columns = {
          edgeType: column(Uint8Array, layout.edgeCount, true),
          edgeName: column(Uint32Array, layout.edgeCount, true),
          edgeTo: column(Uint32Array, layout.edgeCount, true),
        };
        cols = columns;
        const res = await worker.call<{ start: number }>({ cmd: 'parseEdges', file, layout, ...columns });
        return { ...columns, start: res.start };
      },
      whileWaiting: partial => {
        // Queue the essential-edge and DFS steps behind the worker's parse now (they need the
        // edges plus strings and nodes, which this thread has), so the worker goes straight on.
        if (cols) {
          const input = essentialInput(new HeapGraph({ ...partial, ...cols }), true);
          const essential = worker.call<{ essential: Uint8Array }>({ cmd: 'essential', ...input }).then(r => r.essential);
          const dfs = worker.call({ cmd: 'dfs', nodeCount: input.nodeCount, root: input.root, firstEdge: input.firstEdge, edgeTo: input.edgeTo }).then(() => undefined);
          essential.catch(() => undefined);
          dfs.catch(() => undefined);
          started = { essential, dfs };
        }
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
      started,
      essential: async input => (await worker.call<{ essential: Uint8Array }>({ cmd: 'essential', ...input })).essential,
      dfs: async input => void (await worker.call({ cmd: 'dfs', ...input })),
      finish: async preds => (await worker.call<{ tree: DominatorTree }>({ cmd: 'finish', ...preds })).tree,
    },
  });
}
