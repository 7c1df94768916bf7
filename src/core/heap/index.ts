/**
 * The heap engine: streaming .heapsnapshot reader, DevTools-compatible dominators and retained
 * sizes, class aggregation, retainer paths, retaining roots and the ladder diff.
 */
export * from './model';
export { createLocalAnalyzer, loadSnapshot, analyzeLadderFiles, type LoadOptions } from './localAnalyzer';
export { parseSnapshot, parseSnapshotFile, type ParseOptions } from './parse/parseSnapshot';
export type { SnapshotChunks } from './parse/byteSource';
export type { SnapshotData } from './parse/snapshotData';
export { analyzeSnapshot, type AnalyzedSnapshot } from './analysis/analyzeSnapshot';
export { summarize, type SnapshotSummary } from './summary';
export { diffLadder } from './ladder/ladderDiff';
export { retainerPathTo, type RetainerPathResult } from './pathQuery';
export { HeapGraph } from './graph/heapGraph';
export { Locations } from './graph/locations';
export { computeDistances, BASE_SYSTEM_DISTANCE, NO_DISTANCE } from './analysis/distances';
export { retainersOf, type RetainerView } from './graph/retainers';
export { classNameOf } from './analysis/classes';
export { collectionSize, type CollectionSize } from './analysis/collections';
