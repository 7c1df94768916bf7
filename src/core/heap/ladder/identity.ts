import type { AnalyzedSnapshot } from '../analysis/analyzeSnapshot';
import { globalObject } from '../analysis/retainingRoot';
import { IdSet } from '../graph/idSet';

/**
 * Decides whether heap object ids are comparable across the rungs. With canary ids, each rung
 * must still hold its canary; without, the global object (created at startup, so only a reset
 * of ids — HeapProfiler.disable — changes it) must keep one id.
 */
export function idsSurvived(rungs: AnalyzedSnapshot[], canaryIds?: (number | undefined)[]): boolean {
  if (canaryIds && canaryIds.some(id => id !== undefined)) {
    const first = canaryIds.find(id => id !== undefined);
    for (let i = 0; i < rungs.length; i++) {
      const id = canaryIds[i] ?? first;
      if (id === undefined) continue;
      if (canaryIds[i] !== undefined && first !== undefined && canaryIds[i] !== first) return false;
      if (rungs[i].graph.ordinalOfId(id) < 0) return false;
    }
    return true;
  }
  let expected: number | undefined;
  for (const r of rungs) {
    const g = globalObject(r);
    if (g < 0) return false;
    const id = r.graph.id(g);
    if (expected === undefined) expected = id;
    else if (expected !== id) return false;
  }
  return true;
}

/** A path written as (edge type, edge name) pairs from the root, to find the same owner in another rung. */
export type PathKey = { type: number; name: string }[];

/** The path key of raw root→target edges. */
export function pathKey(a: AnalyzedSnapshot, edges: number[]): PathKey {
  return edges.map(e => ({ type: a.graph.d.edgeType[e], name: a.graph.edgeName(e) }));
}

/** Follows a path key from the root of another rung; -1 when some hop is missing. */
export function followPath(a: AnalyzedSnapshot, key: PathKey): number {
  const g = a.graph;
  const { firstEdge, edgeType, edgeTo } = g.d;
  let v = g.root;
  for (const hop of key) {
    let next = -1;
    for (let e = firstEdge[v]; e < firstEdge[v + 1] && next < 0; e++) {
      if (edgeType[e] === hop.type && g.edgeName(e) === hop.name) next = edgeTo[e];
    }
    if (next < 0) return -1;
    v = next;
  }
  return v;
}

/** Per node of the last rung, 1 when its heap object id is not among the first rung's ids. */
export function newObjectFlags(firstIds: Uint32Array, lastIds: Uint32Array): Uint8Array {
  const first = new IdSet(firstIds);
  const flags = new Uint8Array(lastIds.length);
  for (let v = 0; v < lastIds.length; v++) flags[v] = first.has(lastIds[v]) ? 0 : 1;
  return flags;
}
