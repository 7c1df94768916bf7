import type { HeapGraph } from '../graph/heapGraph';
import { releaseScratch, scratchU32 } from './scratch';

const UNVISITED = 0xffffffff;
const MULTIPLE = 0xfffffffe;

/** True when the root has an edge to a non-synthetic node (a global object): DevTools' "user roots". */
export function hasUserRoots(g: HeapGraph): boolean {
  const { firstEdge, edgeTo, nodeType } = g.d;
  for (let e = firstEdge[g.root]; e < firstEdge[g.root + 1]; e++) {
    const to = edgeTo[e];
    if (nodeType[to] !== g.t.synthetic) return true;
    if (g.name(to) === '(Document DOM trees)') return true;
  }
  return false;
}

/**
 * DevTools' shallow sizes: `hidden` and `array` nodes (and ExternalStringData) owned by exactly
 * one other node give their self size to that owner, so a Map shows its table's bytes. Returns
 * a new array; the file's sizes stay untouched in `g.d.selfSize`.
 */
export function transferShallowSizes(g: HeapGraph): Uint32Array {
  const sizes = g.d.selfSize.slice();
  if (!hasUserRoots(g)) return sizes;
  const { firstEdge, edgeType, edgeTo, nodeType } = g.d;
  const t = g.t;
  const n = g.nodeCount;
  const owners = scratchU32(n);
  const work = scratchU32(n * 2 + 1);
  let sp = 0;
  for (let i = 0; i < n; i++) {
    const type = nodeType[i];
    if (type === t.hidden || type === t.array || (type === t.native && g.name(i) === 'system / ExternalStringData')) {
      owners[i] = UNVISITED;
    } else {
      owners[i] = i;
      work[sp++] = i;
    }
  }
  // Each node enters the worklist at most twice (unvisited → owner → multiple), so 2n bounds it.
  const weak = t.edgeWeak;
  while (sp > 0) {
    const id = work[--sp];
    const owner = owners[id];
    for (let e = firstEdge[id], end = firstEdge[id + 1]; e < end; e++) {
      if (edgeType[e] === weak) continue;
      const to = edgeTo[e];
      const cur = owners[to];
      if (cur === UNVISITED) {
        owners[to] = owner;
        work[sp++] = to;
      } else if (cur !== to && cur !== owner && cur !== MULTIPLE) {
        owners[to] = MULTIPLE;
        work[sp++] = to;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const o = owners[i];
    if (o === UNVISITED || o === MULTIPLE || o === i) continue;
    if (nodeType[o] === t.synthetic || o === g.root) continue;
    sizes[o] += sizes[i];
    sizes[i] = 0;
  }
  releaseScratch(owners, work);
  return sizes;
}
