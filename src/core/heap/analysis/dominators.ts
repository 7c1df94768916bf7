
import { releaseScratch, scratchU32 } from './scratch';

/** The dominator tree over essential edges, and DFS order for top-down and bottom-up passes. */
export interface DominatorTree {
  /** Immediate dominator ordinal per node (the root dominates itself). */
  idom: Uint32Array;
  /** Node ordinals in DFS preorder: every node comes after its dominator. */
  order: Uint32Array;
  /** Nodes that only weak (non-essential) edges reach, reported as DevTools does. */
  unreachable: number;
}

/** The graph columns dominators need; plain arrays so a worker thread can run this on shared memory. */
export interface DominatorInput {
  nodeCount: number;
  root: number;
  firstEdge: Uint32Array;
  edgeTo: Uint32Array;
  essential: Uint8Array;
}

/** Predecessor lists over essential edges only, as a CSR (first[n]..first[n+1] into `from`); shared scratch memory. */
export function essentialPredecessors(g: DominatorInput): { first: Uint32Array; from: Uint32Array } {
  const { firstEdge, edgeTo, essential } = g;
  const n = g.nodeCount;
  const edgeCount = firstEdge[n];
  const first = scratchU32(n + 1);
  let count = 0;
  for (let e = 0; e < edgeCount; e++) {
    if (essential[e]) {
      first[edgeTo[e] + 1]++;
      count++;
    }
  }
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const from = scratchU32(count);
  // first[t] serves as t's fill cursor, ending at t's end = the next list's start; shift back after.
  for (let v = 0; v < n; v++) {
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      if (essential[e]) from[first[edgeTo[e]]++] = v;
    }
  }
  for (let i = n; i > 0; i--) first[i] = first[i - 1];
  first[0] = 0;
  return { first, from };
}

/** Lengauer–Tarjan state after the DFS from the root (vertices numbered from 1; 0 = none). */
export interface DfsState {
  parent: Uint32Array;
  semi: Uint32Array;
  vertex: Uint32Array;
  label: Uint32Array;
  scratch: Uint32Array;
  n: number;
}

/** Iterative DFS over essential edges from `start`, numbering vertices in preorder. */
function dfs(g: DominatorInput, st: DfsState, start: number): void {
  const { firstEdge, edgeTo, essential } = g;
  const { parent, semi, vertex, label } = st;
  const nextEdge = st.scratch;
  let n = st.n;
  nextEdge[start] = firstEdge[start - 1];
  let v = start;
  while (v !== 0) {
    if (semi[v] === 0) {
      semi[v] = ++n;
      vertex[n] = label[v] = v;
    }
    let vNext = parent[v];
    const end = firstEdge[v];
    let e = nextEdge[v];
    for (; e < end; e++) {
      if (essential[e] === 0) continue;
      const w = edgeTo[e] + 1;
      if (semi[w] === 0) {
        parent[w] = v;
        nextEdge[w] = firstEdge[w - 1];
        vNext = w;
        break;
      }
    }
    nextEdge[v] = e < end ? e + 1 : end;
    v = vNext;
  }
  st.n = n;
}

/** First half of Lengauer–Tarjan: the DFS from the root (needs no predecessor lists). */
export function dfsFromRoot(g: DominatorInput): DfsState {
  const size = g.nodeCount + 1;
  const st: DfsState = {
    parent: new Uint32Array(size),
    semi: scratchU32(size),
    vertex: new Uint32Array(size),
    label: scratchU32(size),
    scratch: scratchU32(size),
    n: 0,
  };
  dfs(g, st, g.root + 1);
  return st;
}

/**
 * Second half of the dominator computation, with DevTools' handling of nodes the root does not
 * reach: those with no essential retainer are searched from the root as extra DFS roots; what is
 * still unreached (cliques) hangs directly off the root. Semidominators as in Lengauer–Tarjan
 * (simple eval/link, iterative); immediate dominators then by semi-NCA (no buckets: two fewer
 * arrays and a cheaper pass), or by Lengauer–Tarjan's buckets when cliques were hung off the
 * root without a DFS, where the spanning tree is not a DFS tree and semi-NCA's premise fails.
 */
export function finishDominators(g: DominatorInput, st: DfsState, preds: { first: Uint32Array; from: Uint32Array }): DominatorTree {
  const nodeCount = g.nodeCount;
  const size = nodeCount + 1;
  const { parent, semi, vertex, label } = st;
  const r = g.root + 1;
  let unreachable = 0;
  const pf = preds.first;
  if (st.n < nodeCount) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] === 0 && pf[v - 1] === pf[v]) {
        unreachable++;
        parent[v] = r;
        dfs(g, st, v);
      }
    }
  }
  let n = st.n;
  const cliques = n < nodeCount;
  if (cliques) {
    for (let v = 1; v <= nodeCount; v++) {
      if (semi[v] === 0) {
        unreachable++;
        parent[v] = r;
        semi[v] = ++n;
        vertex[n] = label[v] = v;
      }
    }
  }
  const ancestor = scratchU32(size);
  const stack = st.scratch;
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

  // dom[v] is only written once v's own iteration is over, when parent[v] is no longer read.
  const dom = parent;
  const bucketHead = cliques ? scratchU32(size) : undefined;
  const bucketNext = cliques ? scratchU32(size) : undefined;
  const from = preds.from;
  const semiRoot = semi[r];
  for (let i = n; i >= 2; i--) {
    const w = vertex[i];
    const wo = w - 1;
    let s = semi[w];
    const pEnd = pf[wo + 1];
    if (pf[wo] === pEnd) {
      s = semiRoot;
    } else {
      for (let p = pf[wo]; p < pEnd; p++) {
        const v = from[p] + 1;
        let u = v;
        if (ancestor[v] !== 0) {
          if (ancestor[ancestor[v]] !== 0) compress(v);
          u = label[v];
        }
        if (semi[u] < s) s = semi[u];
      }
    }
    semi[w] = s;
    const pw = parent[w];
    ancestor[w] = pw;
    if (!bucketHead || !bucketNext) continue;
    const b = vertex[s];
    bucketNext[w] = bucketHead[b];
    bucketHead[b] = w;
    let v = bucketHead[pw];
    bucketHead[pw] = 0;
    while (v !== 0) {
      let u = v;
      if (ancestor[v] !== 0) {
        if (ancestor[ancestor[v]] !== 0) compress(v);
        u = label[v];
      }
      dom[v] = semi[u] < semi[v] ? u : pw;
      v = bucketNext[v];
    }
  }
  dom[r] = r;
  if (cliques) {
    for (let i = 2; i <= n; i++) {
      const w = vertex[i];
      if (dom[w] !== vertex[semi[w]]) dom[w] = dom[dom[w]];
    }
  } else {
    // Semi-NCA: idom(w) is the nearest ancestor of parent(w) in the dominator tree whose DFS
    // number is at most semi(w); nodes are taken in DFS order, so every idom walked is final.
    // `label` is free now and holds each node's DFS number.
    const num = label;
    for (let i = 1; i <= n; i++) num[vertex[i]] = i;
    for (let i = 2; i <= n; i++) {
      const w = vertex[i];
      const s = semi[w];
      let d = parent[w];
      while (num[d] > s) d = dom[d];
      dom[w] = d;
    }
  }
  // Back to 0-based ordinals in place (reading index k, writing k - 1), to save two arrays.
  for (let i = 1; i <= n; i++) vertex[i - 1] = vertex[i] - 1;
  for (let v = 1; v <= nodeCount; v++) dom[v - 1] = dom[v] - 1;
  releaseScratch(semi, label, st.scratch, ancestor, bucketHead, bucketNext);
  return { idom: dom.subarray(0, nodeCount), order: vertex.subarray(0, nodeCount), unreachable };
}

/** Lengauer–Tarjan over essential edges, DevTools' orphan rules included (single thread). */
export function computeDominators(g: DominatorInput, preds: { first: Uint32Array; from: Uint32Array }): DominatorTree {
  return finishDominators(g, dfsFromRoot(g), preds);
}

/** Retained size per node: shallow sizes summed bottom-up over the dominator tree. */
export function retainedSizes(tree: DominatorTree, shallow: Uint32Array, root: number): Float64Array {
  const retained = new Float64Array(shallow.length);
  retained.set(shallow);
  const { idom, order } = tree;
  for (let i = order.length - 1; i > 0; i--) {
    const v = order[i];
    if (v !== root) retained[idom[v]] += retained[v];
  }
  return retained;
}
