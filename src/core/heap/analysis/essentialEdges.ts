import type { HeapGraph } from '../graph/heapGraph';

const EPHEMERON = /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/;

/**
 * Per string index: the WeakMap table id named by an ephemeron edge name, or -1. Only names
 * starting with a digit are decoded, so the common internal names cost one byte compare.
 */
export class EphemeronNames {
  private cache: Float64Array;

  constructor(private readonly g: HeapGraph) {
    this.cache = new Float64Array(g.d.strings.count).fill(-2);
  }

  tableId(nameIndex: number): number {
    const c = this.cache[nameIndex];
    if (c !== -2) return c;
    let id = -1;
    const first = this.g.d.strings.firstByte(nameIndex);
    if (first >= 48 && first <= 57) {
      const m = EPHEMERON.exec(this.g.d.strings.get(nameIndex));
      if (m) id = Number(m[1]);
    }
    this.cache[nameIndex] = id;
    return id;
  }
}

/**
 * Marks nodes reachable (non-weak) from the root's shortcut edges (the global objects) and
 * from `(Document DOM trees)` roots: DevTools' "page-owned" flag.
 */
export function markPageOwned(g: HeapGraph): Uint8Array {
  const { firstEdge, edgeType, edgeTo, nodeType } = g.d;
  const t = g.t;
  const flags = new Uint8Array(g.nodeCount);
  const stack = new Uint32Array(g.nodeCount);
  let sp = 0;
  const r = g.root;
  for (let e = firstEdge[r]; e < firstEdge[r + 1]; e++) {
    const to = edgeTo[e];
    if (edgeType[e] === t.edgeElement) {
      if (nodeType[to] !== t.synthetic || g.name(to) !== '(Document DOM trees)') continue;
    } else if (edgeType[e] !== t.edgeShortcut) {
      continue;
    }
    if (!flags[to]) {
      flags[to] = 1;
      stack[sp++] = to;
    }
  }
  const weak = t.edgeWeak;
  while (sp > 0) {
    const n = stack[--sp];
    for (let e = firstEdge[n], end = firstEdge[n + 1]; e < end; e++) {
      const to = edgeTo[e];
      if (flags[to] || edgeType[e] === weak) continue;
      flags[to] = 1;
      stack[sp++] = to;
    }
  }
  return flags;
}

/**
 * DevTools' essential edges for the dominator tree: not weak, not a self edge, not the WeakMap
 * table→value half of an ephemeron, shortcuts only from the root, and never an edge from a
 * non-page-owned node into a page-owned one (e.g. debugger handles).
 */
export function essentialEdges(g: HeapGraph, pageOwned: Uint8Array): Uint8Array {
  const { firstEdge, edgeType, edgeTo, edgeName, nodeId } = g.d;
  const t = g.t;
  const out = new Uint8Array(g.edgeCount);
  const eph = new EphemeronNames(g);
  const root = g.root;
  const weak = t.edgeWeak;
  const shortcut = t.edgeShortcut;
  const internal = t.edgeInternal;
  for (let n = 0; n < g.nodeCount; n++) {
    const own = pageOwned[n];
    const isRoot = n === root;
    for (let e = firstEdge[n], end = firstEdge[n + 1]; e < end; e++) {
      const type = edgeType[e];
      if (type === weak) continue;
      const to = edgeTo[e];
      if (to === n) continue;
      if (type === internal && eph.tableId(edgeName[e]) === nodeId[n]) continue;
      if (!isRoot) {
        if (type === shortcut) continue;
        if (pageOwned[to] && !own) continue;
      }
      out[e] = 1;
    }
  }
  return out;
}
