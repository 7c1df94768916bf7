import type { AnalyzedSnapshot } from './analysis/analyzeSnapshot';

/** The figures `inspect` shows, comparable with Chrome DevTools' summary view. */
export interface SnapshotSummary {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
  /** Nodes only weak edges reach (DevTools reports them as unreachable). */
  unreachableNodes: number;
  topClasses: { className: string; count: number; shallowSize: number; retainedSize: number }[];
}

/** Counts, total size and the top classes by retained size (classes with one name merged). */
export function summarize(a: AnalyzedSnapshot, top = 20): SnapshotSummary {
  const byName = new Map<string, { className: string; count: number; shallowSize: number; retainedSize: number }>();
  for (const c of a.aggregates) {
    const row = byName.get(c.name) ?? { className: c.name, count: 0, shallowSize: 0, retainedSize: 0 };
    row.count += c.count;
    row.shallowSize += c.shallowSize;
    row.retainedSize += c.retainedSize;
    byName.set(c.name, row);
  }
  const topClasses = [...byName.values()].sort((x, y) => y.retainedSize - x.retainedSize).slice(0, top);
  return {
    nodeCount: a.graph.nodeCount,
    edgeCount: a.graph.edgeCount,
    totalSize: a.totalSize,
    unreachableNodes: a.tree.unreachable,
    topClasses,
  };
}
