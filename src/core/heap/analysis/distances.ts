import type { AnalyzedSnapshot } from './analyzeSnapshot';

/** DevTools' distance of unreachable nodes and the base added to nodes reached only from system roots. */
export const BASE_SYSTEM_DISTANCE = 100_000_000;
export const NO_DISTANCE = -5;
const EPHEMERON_PART = /^\d+( \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @\d+\))$/;
const MAP_DESCRIPTORS_SKIP = (index: number) => !(index < 2 || index % 3 !== 1);

/**
 * DevTools' node distances: BFS (weak edges skipped) first from the user roots (the global
 * objects the root's edges point at) at distance 1, then from the root for the rest, at
 * BASE_SYSTEM_DISTANCE. Like DevTools, skips `sloppy_function_map` of the native context,
 * descriptor-array value links, and the first edge of each duplicated WeakMap ephemeron pair
 * (so a value's distance is max(table, key) + 1).
 */
export function computeDistances(a: AnalyzedSnapshot): Int32Array {
  const g = a.graph;
  const { firstEdge, edgeType, edgeTo, edgeName, nodeType, nodeName } = g.d;
  const t = g.t;
  const n = g.nodeCount;
  const dist = new Int32Array(n).fill(NO_DISTANCE);
  const queue = new Uint32Array(n);
  const strings = g.d.strings;
  const nameIndex = (s: string): number => {
    for (let i = 0; i < strings.count; i++) if (strings.rawLength(i) === s.length && strings.get(i) === s) return i;
    return -1;
  };
  const nativeContext = nameIndex('system / NativeContext');
  const sloppy = nameIndex('sloppy_function_map');
  const descriptors = nameIndex('(map descriptors)');
  const pending = new Set<string>();
  // Per string index: 1 = not an ephemeron name, else the cached duplicated part.
  const notEphemeron = new Uint8Array(strings.count);
  const ephemeronParts = new Map<number, string>();
  const ephemeronKey = (idx: number): string | undefined => {
    if (notEphemeron[idx]) return undefined;
    const cached = ephemeronParts.get(idx);
    if (cached !== undefined) return cached;
    const first = strings.firstByte(idx);
    const m = first >= 48 && first <= 57 && strings.rawLength(idx) > 60 ? EPHEMERON_PART.exec(strings.get(idx)) : null;
    if (!m) {
      notEphemeron[idx] = 1;
      return undefined;
    }
    ephemeronParts.set(idx, m[1]);
    return m[1];
  };
  const pass = (from: number, e: number): boolean => {
    const type = edgeType[e];
    if (nodeType[from] === t.hidden && edgeName[e] === sloppy && nodeName[from] === nativeContext && type !== t.edgeElement && type !== t.edgeHidden) return false;
    if (nodeType[from] === t.array && nodeName[from] === descriptors) {
      const idx = g.edgeHasIndex(e) ? edgeName[e] : Number(strings.get(edgeName[e]));
      if (MAP_DESCRIPTORS_SKIP(idx)) return false;
    }
    if (type === t.edgeInternal) {
      const key = ephemeronKey(edgeName[e]);
      if (key !== undefined && !pending.delete(key)) {
        pending.add(key);
        return false;
      }
    }
    return true;
  };
  const bfs = (head0: number, tail0: number): void => {
    let head = head0;
    let tail = tail0;
    while (head < tail) {
      const v = queue[head++];
      const d = dist[v] + 1;
      for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
        if (edgeType[e] === t.edgeWeak) continue;
        const w = edgeTo[e];
        if (dist[w] !== NO_DISTANCE || !pass(v, e)) continue;
        dist[w] = d;
        queue[tail++] = w;
      }
    }
  };
  let tail = 0;
  const r = g.root;
  for (let e = firstEdge[r]; e < firstEdge[r + 1]; e++) {
    const w = edgeTo[e];
    const user = nodeType[w] !== t.synthetic || g.name(w) === '(Document DOM trees)';
    if (user && dist[w] === NO_DISTANCE) {
      dist[w] = 1;
      queue[tail++] = w;
    }
  }
  const users = tail;
  bfs(0, tail);
  dist[r] = users > 0 ? BASE_SYSTEM_DISTANCE : 0;
  queue[0] = r;
  bfs(0, 1);
  return dist;
}
