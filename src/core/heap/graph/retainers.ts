import type { HeapGraph } from './heapGraph';

/** One incoming edge: `from` holds `edge` pointing at the queried node. */
export interface RetainerView {
  from: number;
  edge: number;
  type: string;
  name: string;
}

/**
 * Retainers of a node, found by one pass over the edge columns (no index is kept: the engine
 * answers a few such queries per snapshot, and a reverse index would cost 8 bytes per edge).
 */
export function retainersOf(g: HeapGraph, target: number): RetainerView[] {
  const { firstEdge, edgeTo } = g.d;
  const out: RetainerView[] = [];
  let from = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    if (edgeTo[e] !== target) continue;
    while (firstEdge[from + 1] <= e) from++;
    out.push({ from, edge: e, type: g.edgeTypeName(e), name: g.edgeName(e) });
  }
  return out;
}
