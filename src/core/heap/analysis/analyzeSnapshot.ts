import type { CancellationToken } from '../../common/cancellation';
import { throwIfCancelled } from '../../common/cancellation';
import type { ProgressSink } from '../../common/progress';
import { HeapGraph } from '../graph/heapGraph';
import type { SnapshotData } from '../parse/snapshotData';
import { aggregateClasses, buildClassIndex, type ClassAggregate, type ClassIndex } from './classes';
import { computeDominators, essentialPredecessors, retainedSizes, type DominatorInput, type DominatorTree } from './dominators';
import { essentialEdges, essentialInput, markPageOwned, type EssentialInput } from './essentialEdges';
import { transferShallowSizes } from './shallowSizes';
import { releaseScratch } from './scratch';
import { mark } from '../parallel/phaseTrace';

/** A snapshot with DevTools' derived data: shallow and retained sizes, dominators, classes. */
export interface AnalyzedSnapshot {
  graph: HeapGraph;
  /** Per-edge 1 when the edge counts for dominators (and for retainer paths). */
  essential: Uint8Array;
  /** Shallow sizes after DevTools' transfer of owned hidden/array sizes to their owner. */
  shallow: Uint32Array;
  retained: Float64Array;
  tree: DominatorTree;
  classes: ClassIndex;
  aggregates: ClassAggregate[];
  totalSize: number;
}

/** Steps a second thread can take on shared memory while this one does the rest. */
export interface RemoteSteps {
  essential(input: EssentialInput): Promise<Uint8Array>;
  dfs(input: DominatorInput): Promise<void>;
  finish(preds: { first: Uint32Array; from: Uint32Array }): Promise<DominatorTree>;
  /** The essential and DFS steps, when already requested (queued behind the worker's parse). */
  started?: { essential: Promise<Uint8Array>; dfs: Promise<void> };
}

export interface AnalyzeOptions {
  token?: CancellationToken;
  progress?: ProgressSink;
  /** Class index computed earlier (e.g. while another thread parsed edges). */
  classes?: ClassIndex;
  /** A worker for essential edges and Lengauer–Tarjan (data must be on SharedArrayBuffers). */
  remote?: RemoteSteps;
  /** Called when only the worker's last step is left, so a caller can start reading the next file. */
  onWorkerTail?: (graph: HeapGraph) => void;
}

/** Runs DevTools' init pipeline (page-owned flags, essential edges, shallow sizes, dominators, classes). */
export async function analyzeSnapshot(data: SnapshotData, options: AnalyzeOptions = {}): Promise<AnalyzedSnapshot> {
  const graph = new HeapGraph(data);
  const step = (phase: string): void => {
    throwIfCancelled(options.token);
    options.progress?.({ phase });
  };
  const remote = options.remote;
  step('essential edges');
  let essential: Uint8Array;
  let shallow: Uint32Array;
  let tree: DominatorTree;
  let classes = options.classes;
  if (remote) {
    // Worker: essential flags, DFS, Lengauer–Tarjan. Here: shallow sizes, predecessor lists.
    const essentialP = remote.started?.essential ?? remote.essential(essentialInput(graph, true));
    mark('essentialInput');
    shallow = transferShallowSizes(graph);
    mark('shallow');
    classes ??= buildClassIndex(graph);
    essential = await essentialP;
    mark('wait essential');
    step('dominators');
    const dInput: DominatorInput = { nodeCount: graph.nodeCount, root: graph.root, firstEdge: data.firstEdge, edgeTo: data.edgeTo, essential };
    const dfsP = remote.started?.dfs ?? remote.dfs(dInput);
    const preds = essentialPredecessors(dInput);
    mark('preds');
    await dfsP;
    mark('wait dfs');
    const finishP = remote.finish(preds);
    options.onWorkerTail?.(graph);
    mark('tail work');
    tree = await finishP;
    releaseScratch(preds.first, preds.from);
    mark('wait finish');
  } else {
    const input = essentialInput(graph);
    const pageOwned = markPageOwned(input);
    essential = essentialEdges(input, pageOwned);
    releaseScratch(pageOwned);
    shallow = transferShallowSizes(graph);
    classes ??= buildClassIndex(graph);
    step('dominators');
    const dInput: DominatorInput = { nodeCount: graph.nodeCount, root: graph.root, firstEdge: data.firstEdge, edgeTo: data.edgeTo, essential };
    const preds = essentialPredecessors(dInput);
    tree = computeDominators(dInput, preds);
    releaseScratch(preds.first, preds.from);
  }
  step('retained sizes');
  const retained = retainedSizes(tree, shallow, graph.root);
  mark('retained');
  const aggregates = aggregateClasses(graph, classes, shallow, retained, tree);
  mark('aggregate');
  let totalSize = 0;
  const self = data.selfSize;
  for (let i = 0; i < data.nodeCount; i++) totalSize += self[i];
  return { graph, essential, shallow, retained, tree, classes, aggregates, totalSize };
}
