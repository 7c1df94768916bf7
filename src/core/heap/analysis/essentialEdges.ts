import type { HeapGraph } from '../graph/heapGraph';
import type { StringTable } from '../parse/stringTable';
import { releaseScratch, scratchU32, scratchU8 } from './scratch';

const EPHEMERON = /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/;

/** What page-owned marking and essential-edge flags read; plain arrays so a worker can run them. */
export interface EssentialInput {
  nodeCount: number;
  root: number;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  nodeId: Uint32Array;
  edgeWeak: number;
  edgeShortcut: number;
  edgeInternal: number;
  edgeElement: number;
  /** Per string index: 1 + the WeakMap table id an ephemeron edge name refers to, or 0. */
  ephemeronTable: Float64Array;
  /** Synthetic `(Document DOM trees)` nodes (browser snapshots), which are page roots too. */
  domTreeRoots: number[];
}

/**
 * Per string index, 1 + the table id in WeakMap ephemeron edge names
 * ("<i> / part of key (… @k) -> value (… @v) pair in WeakMap (table @t)"), else 0 (so the
 * array needs no filling: only pages with an ephemeron name are ever touched). Only long
 * strings starting with a digit are decoded.
 */
export function ephemeronTable(strings: StringTable, shared = false): Float64Array {
  const n = strings.count;
  const out = new Float64Array(shared ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) {
    const first = strings.firstByte(i);
    if (first < 48 || first > 57 || strings.rawLength(i) < 60) continue;
    const m = EPHEMERON.exec(strings.get(i));
    if (m) out[i] = Number(m[1]) + 1;
  }
  return out;
}

/** The inputs above for a graph on this thread. */
export function essentialInput(g: HeapGraph, shared = false): EssentialInput {
  const d = g.d;
  const domTreeRoots: number[] = [];
  for (let i = 0; i < d.nodeCount; i++) {
    if (d.nodeType[i] === g.t.synthetic && g.name(i) === '(Document DOM trees)') domTreeRoots.push(i);
  }
  return {
    nodeCount: d.nodeCount,
    root: d.rootOrdinal,
    firstEdge: d.firstEdge,
    edgeType: d.edgeType,
    edgeName: d.edgeName,
    edgeTo: d.edgeTo,
    nodeId: d.nodeId,
    edgeWeak: g.t.edgeWeak,
    edgeShortcut: g.t.edgeShortcut,
    edgeInternal: g.t.edgeInternal,
    edgeElement: g.t.edgeElement,
    ephemeronTable: ephemeronTable(d.strings, shared),
    domTreeRoots,
  };
}

/**
 * Marks nodes reachable (non-weak) from the root's shortcut edges (the global objects) and
 * from `(Document DOM trees)` roots: DevTools' "page-owned" flag. The flags are scratch memory
 * (see scratch.ts): hand them back with releaseScratch once essentialEdges has read them.
 */
export function markPageOwned(g: EssentialInput): Uint8Array {
  const { firstEdge, edgeType, edgeTo } = g;
  const flags = scratchU8(g.nodeCount);
  const stack = scratchU32(g.nodeCount);
  let sp = 0;
  const r = g.root;
  const domRoots = new Set(g.domTreeRoots);
  for (let e = firstEdge[r]; e < firstEdge[r + 1]; e++) {
    const to = edgeTo[e];
    if (edgeType[e] === g.edgeElement) {
      if (!domRoots.has(to)) continue;
    } else if (edgeType[e] !== g.edgeShortcut) {
      continue;
    }
    if (!flags[to]) {
      flags[to] = 1;
      stack[sp++] = to;
    }
  }
  const weak = g.edgeWeak;
  while (sp > 0) {
    const n = stack[--sp];
    for (let e = firstEdge[n], end = firstEdge[n + 1]; e < end; e++) {
      const to = edgeTo[e];
      if (flags[to] || edgeType[e] === weak) continue;
      flags[to] = 1;
      stack[sp++] = to;
    }
  }
  releaseScratch(stack);
  return flags;
}

/**
 * DevTools' essential edges for the dominator tree: not weak, not a self edge, not the WeakMap
 * table→value half of an ephemeron, shortcuts only from the root, and never an edge from a
 * non-page-owned node into a page-owned one (e.g. debugger handles).
 */
export function essentialEdges(g: EssentialInput, pageOwned: Uint8Array, shared = false): Uint8Array {
  const { firstEdge, edgeType, edgeTo, edgeName, nodeId, ephemeronTable: eph } = g;
  const edgeCount = firstEdge[g.nodeCount];
  const out = new Uint8Array(shared ? new SharedArrayBuffer(edgeCount) : new ArrayBuffer(edgeCount));
  const root = g.root;
  const weak = g.edgeWeak;
  const shortcut = g.edgeShortcut;
  const internal = g.edgeInternal;
  for (let n = 0; n < g.nodeCount; n++) {
    const own = pageOwned[n];
    const isRoot = n === root;
    for (let e = firstEdge[n], end = firstEdge[n + 1]; e < end; e++) {
      const type = edgeType[e];
      if (type === weak) continue;
      const to = edgeTo[e];
      if (to === n) continue;
      if (type === internal && eph[edgeName[e]] === nodeId[n] + 1) continue;
      if (!isRoot) {
        if (type === shortcut) continue;
        if (pageOwned[to] && !own) continue;
      }
      out[e] = 1;
    }
  }
  return out;
}
