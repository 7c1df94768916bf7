import type { HeapGraph } from '../graph/heapGraph';

/** The dominator tree over essential edges, and DFS order for top-down and bottom-up passes. */
export interface DominatorTree {
  /** Immediate dominator ordinal per node (the root dominates itself). */
  idom: Uint32Array;
  /** Node ordinals in DFS preorder: every node comes after its dominator. */
  order: Uint32Array;
  /** Nodes that only weak (non-essential) edges reach, reported as DevTools does. */
  unreachable: number;
}

/** Predecessor lists over essential edges only, as a CSR (first[n]..first[n+1] into `from`). */
export function essentialPredecessors(g: HeapGraph, essential: Uint8Array): { first: Uint32Array; from: Uint32Array } {
  const { firstEdge, edgeTo } = g.d;
  const n = g.nodeCount;
  const first = new Uint32Array(n + 1);
  let count = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    if (essential[e]) {
      first[edgeTo[e] + 1]++;
      count++;
    }
  }
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const fill = first.slice(0, n);
  const from = new Uint32Array(count);
  for (let v = 0; v < n; v++) {
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      if (essential[e]) from[fill[edgeTo[e]]++] = v;
    }
  }
  return { first, from };
}

/**
 * Lengauer–Tarjan (simple eval/link, iterative) over essential edges, with DevTools' handling of
 * nodes the root does not reach: those with no essential retainer are searched from the root
 * as extra DFS roots; what is still unreached (cliques) hangs directly off the root.
 * Vertices are numbered from 1 so 0 can mean "none".
 */
export function computeDominators(g: HeapGraph, essential: Uint8Array, preds: { first: Uint32Array; from: Uint32Array }): DominatorTree {
  const { firstEdge, edgeTo } = g.d;
  const nodeCount = g.nodeCount;
  const size = nodeCount + 1;
  const parent = new Uint32Array(size);
  const semi = new Uint32Array(size);
  const vertex = new Uint32Array(size);
  const label = new Uint32Array(size);
  const ancestor = new Uint32Array(size);
  let scratch = new Uint32Array(size);
  let n = 0;

  // Iterative DFS; scratch[v] is the next edge of v to look at.
  const dfs = (start: number): void => {
    const nextEdge = scratch;
    nextEdge[start] = firstEdge[start - 1];
    let v = start;
    while (v !== 0) {
      if (semi[v] === 0) {
        semi[v] = ++n;
        vertex[n] = label[v] = v;
      }
      let vNext = parent[v];
      const end = firstEdge[v];
      for (let e = nextEdge[v]; e < end; e++) {
        if (!essential[e]) continue;
        const w = edgeTo[e] + 1;
        if (semi[w] === 0) {
          parent[w] = v;
          nextEdge[v] = e + 1;
          nextEdge[w] = firstEdge[w - 1];
          vNext = w;
          break;
        }
      }
      if (vNext === parent[v]) nextEdge[v] = end;
      v = vNext;
    }
  };

  const r = g.root + 1;
  dfs(r);
  let unreachable = 0;
  const pf = preds.first;
  if (n < nodeCount) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] === 0 && pf[v - 1] === pf[v]) {
        unreachable++;
        parent[v] = r;
        dfs(v);
      }
    }
  }
  if (n < nodeCount) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] === 0) {
        unreachable++;
        parent[v] = r;
        semi[v] = ++n;
        vertex[n] = label[v] = v;
      }
    }
  }

  const stack = scratch;
  const compress = (v0: number): void => {
    let sp = 0;
    let v = v0;
    while (ancestor[ancestor[v]] !== 0) {
      stack[++sp] = v;
      v = ancestor[v];
    }
    while (sp > 0) {
      const w = stack[sp--];
      const a = ancestor[w];
      if (semi[label[a]] < semi[label[w]]) label[w] = label[a];
      ancestor[w] = ancestor[a];
    }
  };

  const dom = new Uint32Array(size);
  const bucketHead = new Uint32Array(size);
  const bucketNext = new Uint32Array(size);
  const from = preds.from;
  for (let i = n; i >= 2; i--) {
    const w = vertex[i];
    const wo = w - 1;
    let s = semi[w];
    const pEnd = pf[wo + 1];
    if (pf[wo] === pEnd) {
      s = semi[r];
    } else {
      for (let p = pf[wo]; p < pEnd; p++) {
        const v = from[p] + 1;
        let u = v;
        if (ancestor[v] !== 0) {
          compress(v);
          u = label[v];
        }
        if (semi[u] < s) s = semi[u];
      }
    }
    semi[w] = s;
    const b = vertex[s];
    bucketNext[w] = bucketHead[b];
    bucketHead[b] = w;
    const pw = parent[w];
    ancestor[w] = pw;
    let v = bucketHead[pw];
    bucketHead[pw] = 0;
    while (v !== 0) {
      let u = v;
      if (ancestor[v] !== 0) {
        compress(v);
        u = label[v];
      }
      dom[v] = semi[u] < semi[v] ? u : pw;
      v = bucketNext[v];
    }
  }
  dom[r] = r;
  for (let i = 2; i <= n; i++) {
    const w = vertex[i];
    if (dom[w] !== vertex[semi[w]]) dom[w] = dom[dom[w]];
  }
  scratch = new Uint32Array(0);
  const idom = new Uint32Array(nodeCount);
  const order = new Uint32Array(nodeCount);
  for (let i = 1; i <= n; i++) order[i - 1] = vertex[i] - 1;
  for (let v = 1; v <= nodeCount; v++) idom[v - 1] = dom[v] - 1;
  return { idom, order, unreachable };
}

/** Retained size per node: shallow sizes summed bottom-up over the dominator tree. */
export function retainedSizes(tree: DominatorTree, shallow: Float64Array, root: number): Float64Array {
  const retained = shallow.slice();
  const { idom, order } = tree;
  for (let i = order.length - 1; i > 0; i--) {
    const v = order[i];
    if (v !== root) retained[idom[v]] += retained[v];
  }
  return retained;
}
