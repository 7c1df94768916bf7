import { LeakHunterError } from '../common/errors';
import { throwIfCancelled, type CancellationToken } from '../common/cancellation';
import type { ProgressSink } from '../common/progress';
import type { LadderOptions, LadderResult, SnapshotAnalyzer } from './model';
import { analyzeSnapshot, type AnalyzedSnapshot } from './analysis/analyzeSnapshot';
import { parseSnapshotFile } from './parse/parseSnapshot';
import { diffLadder } from './ladder/ladderDiff';
import { EngineWorker } from './parallel/engineWorker';
import { loadSnapshotParallel } from './parallel/parallelLoad';
import { clearScratch } from './analysis/scratch';
import type { HeapGraph } from './graph/heapGraph';
import { newObjectFlags } from './ladder/identity';
import type { PathTree } from './analysis/retainerPaths';
import { mark } from './parallel/phaseTrace';

export interface LoadOptions {
  token?: CancellationToken;
  progress?: ProgressSink;
  /** A second thread to use; by default one is started for this call (none with LEAK_HUNTER_HEAP_THREADS=1). */
  worker?: EngineWorker | null;
  /** Called when this thread is free while the worker finishes (see AnalyzeOptions.onWorkerTail). */
  onWorkerTail?: (graph: HeapGraph) => void;
}

/** Parses and analyses one snapshot file (plain or .gz): DevTools' dominators, retained sizes, classes. */
export async function loadSnapshot(file: string, options: LoadOptions = {}): Promise<AnalyzedSnapshot> {
  const own = options.worker === undefined && !file.endsWith('.gz') ? EngineWorker.create() : undefined;
  const worker = options.worker ?? own;
  try {
    if (worker && !file.endsWith('.gz')) return await loadSnapshotParallel(file, worker, options);
    const data = await parseSnapshotFile(file, options);
    throwIfCancelled(options.token);
    return await analyzeSnapshot(data, options);
  } finally {
    own?.terminate();
    // A standalone call keeps no scratch memory; a ladder clears it once all rungs are done.
    if (options.worker === undefined) clearScratch();
  }
}

/** Diffs 2..N snapshot files (oldest first) into the LadderResult the hunt consumes. */
export async function analyzeLadderFiles(files: string[], options: LadderOptions = {}): Promise<LadderResult> {
  if (files.length < 2) throw new LeakHunterError('usage', `A ladder needs at least 2 snapshots, got ${files.length}`);
  const rungs: AnalyzedSnapshot[] = [];
  const worker = files.some(f => !f.endsWith('.gz')) ? EngineWorker.create() : undefined;
  // Rung i+1 starts parsing on this thread while the worker finishes rung i's dominator tree;
  // during the last rung's, this thread marks which of its objects are new since the first rung.
  const pending: (Promise<AnalyzedSnapshot> | undefined)[] = [];
  let newFlags: Uint8Array | undefined;
  // The worker builds the last rung's path tree after its dominators, while this thread sums sizes.
  let lastPathTree: Promise<PathTree | undefined> | undefined;
  const launch = (i: number): void => {
    if (i >= files.length || pending[i]) return;
    const label = `snapshot ${i + 1}/${files.length}`;
    const p = loadSnapshot(files[i], {
      token: options.token,
      worker: worker ?? null,
      onWorkerTail: graph => {
        if (i + 1 < files.length) {
          launch(i + 1);
          return;
        }
        const d = graph.d;
        lastPathTree = worker
          ?.call<{ parentEdge: Uint32Array }>({ cmd: 'pathTree', firstEdge: d.firstEdge, edgeTo: d.edgeTo, root: d.rootOrdinal, nodeCount: d.nodeCount })
          .then(r => ({ parentEdge: r.parentEdge }), () => undefined);
        if (rungs[0] && i > 0) newFlags = newObjectFlags(rungs[0].graph.d.nodeId, graph.d.nodeId);
      },
      progress: options.progress && (r => options.progress?.({ ...r, phase: `${label}: ${r.phase}` })),
    });
    p.catch(() => undefined);
    pending[i] = p;
  };
  let pathTree: PathTree | undefined;
  try {
    for (let i = 0; i < files.length; i++) {
      launch(i);
      rungs.push(await (pending[i] as Promise<AnalyzedSnapshot>));
    }
    // Before the worker goes: its path tree arrives right after the last rung's dominators.
    pathTree = await lastPathTree;
  } finally {
    worker?.terminate();
  }
  try {
    throwIfCancelled(options.token);
    options.progress?.({ phase: 'diff' });
    mark('rungs loaded');
    const result = diffLadder(files, rungs, { topOwners: options.topOwners, canaryIds: options.canaryIds, newFlags, lastPathTree: pathTree });
    mark('diff');
    return result;
  } finally {
    clearScratch();
  }
}

/** The in-process analyzer (CLI, tests, the server's worker thread). */
export function createLocalAnalyzer(): SnapshotAnalyzer {
  return {
    analyzeLadder: (files, options) => analyzeLadderFiles(files, options),
    dispose: () => undefined,
  };
}
