import type { CancellationToken } from '../../common/cancellation';
import { throwIfCancelled } from '../../common/cancellation';
import type { ProgressSink } from '../../common/progress';
import { HeapGraph } from '../graph/heapGraph';
import type { SnapshotData } from '../parse/snapshotData';
import { aggregateClasses, buildClassIndex, type ClassAggregate, type ClassIndex } from './classes';
import { computeDominators, essentialPredecessors, retainedSizes, type DominatorTree } from './dominators';
import { essentialEdges, markPageOwned } from './essentialEdges';
import { transferShallowSizes } from './shallowSizes';

/** A snapshot with DevTools' derived data: shallow and retained sizes, dominators, classes. */
export interface AnalyzedSnapshot {
  graph: HeapGraph;
  /** Per-edge 1 when the edge counts for dominators (and for retainer paths). */
  essential: Uint8Array;
  /** Shallow sizes after DevTools' transfer of owned hidden/array sizes to their owner. */
  shallow: Float64Array;
  retained: Float64Array;
  tree: DominatorTree;
  classes: ClassIndex;
  aggregates: ClassAggregate[];
  totalSize: number;
}

export interface AnalyzeOptions {
  token?: CancellationToken;
  progress?: ProgressSink;
}

/** Runs DevTools' init pipeline (page-owned flags, essential edges, shallow sizes, dominators, classes). */
export function analyzeSnapshot(data: SnapshotData, options: AnalyzeOptions = {}): AnalyzedSnapshot {
  const graph = new HeapGraph(data);
  const step = (phase: string): void => {
    throwIfCancelled(options.token);
    options.progress?.({ phase });
  };
  step('essential edges');
  const owned = markPageOwned(graph);
  const essential = essentialEdges(graph, owned);
  step('shallow sizes');
  const shallow = transferShallowSizes(graph);
  step('dominators');
  const preds = essentialPredecessors(graph, essential);
  const tree = computeDominators(graph, essential, preds);
  const retained = retainedSizes(tree, shallow, graph.root);
  step('classes');
  const classes = buildClassIndex(graph);
  const aggregates = aggregateClasses(graph, classes, shallow, retained, tree);
  let totalSize = 0;
  const self = data.selfSize;
  for (let i = 0; i < data.nodeCount; i++) totalSize += self[i];
  return { graph, essential, shallow, retained, tree, classes, aggregates, totalSize };
}
