import type { PathStep } from '../model';
import type { AnalyzedSnapshot } from './analyzeSnapshot';
import { classNameOf } from './classes';
import { Locations } from '../graph/locations';
import { releaseScratch, scratchU32 } from './scratch';

/** Shortest essential path tree from the root: parent edge per node (edge ordinal + 1, 0 = none). */
export interface PathTree {
  parentEdge: Uint32Array;
}

/**
 * BFS from the root over essential edges (no weak, no non-root shortcuts, page-owned rule).
 * With `targets`, stops once all of them are reached: owners sit a few hops from the root, so
 * most of the graph is never visited (nodes not reached have no parent edge either way). With
 * `scratch`, the tree is on scratch memory the caller hands back (releaseScratch).
 */
export function buildPathTree(a: AnalyzedSnapshot, targets?: number[], scratch = false): PathTree {
  const g = a.graph;
  const parentEdge = scratch ? scratchU32(g.nodeCount) : new Uint32Array(g.nodeCount);
  pathTreeBfs({ firstEdge: g.d.firstEdge, edgeTo: g.d.edgeTo, essential: a.essential, root: g.root, nodeCount: g.nodeCount }, parentEdge, targets);
  return { parentEdge };
}

/** The graph columns the path-tree BFS reads (plain arrays, so a worker thread can run it). */
export interface PathTreeInput {
  firstEdge: Uint32Array;
  edgeTo: Uint32Array;
  essential: Uint8Array;
  root: number;
  nodeCount: number;
}

/** buildPathTree's BFS, filling a zeroed `parentEdge`. */
export function pathTreeBfs(g: PathTreeInput, parentEdge: Uint32Array, targets?: number[]): void {
  const { firstEdge, edgeTo, essential, root } = g;
  const queue = scratchU32(g.nodeCount);
  const wanted = targets ? new Set(targets.filter(t => t !== root)) : undefined;
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  while (head < tail && (!wanted || wanted.size > 0)) {
    const v = queue[head++];
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      if (!essential[e]) continue;
      const w = edgeTo[e];
      if (parentEdge[w] !== 0 || w === root) continue;
      parentEdge[w] = e + 1;
      queue[tail++] = w;
      wanted?.delete(w);
    }
  }
  releaseScratch(queue);
}

/** The node owning edge `e` (binary search over the first-edge offsets). */
function edgeOwner(firstEdge: Uint32Array, nodeCount: number, e: number): number {
  let lo = 0;
  let hi = nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (firstEdge[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Node ordinals and edges from the root to `target` (edges[i] leads into nodes[i + 1]); undefined when unreachable. */
export function rawPath(a: AnalyzedSnapshot, tree: PathTree, target: number): { nodes: number[]; edges: number[] } | undefined {
  const g = a.graph;
  if (target !== g.root && tree.parentEdge[target] === 0) return undefined;
  const nodes = [target];
  const edges: number[] = [];
  let v = target;
  while (v !== g.root) {
    const e = tree.parentEdge[v] - 1;
    edges.push(e);
    v = edgeOwner(g.d.firstEdge, g.nodeCount, e);
    nodes.push(v);
  }
  nodes.reverse();
  edges.reverse();
  return { nodes, edges };
}

/** Edge label as a person reads it: `name`, `[3]` for elements, `<hidden 2>` style kept terse. */
export function edgeLabel(a: AnalyzedSnapshot, e: number): string {
  const g = a.graph;
  const type = g.d.edgeType[e];
  if (type === g.t.edgeElement) return `[${g.d.edgeName[e]}]`;
  if (type === g.t.edgeHidden) return `(${g.d.edgeName[e]})`;
  return g.edgeName(e);
}

/** One readable step for `edge` into `node`. */
export function pathStep(a: AnalyzedSnapshot, locations: Locations, e: number, node: number): PathStep {
  const g = a.graph;
  const step: PathStep = {
    edge: edgeLabel(a, e),
    edgeType: g.edgeTypeName(e),
    node: classNameOf(g, node),
    nodeType: g.type(node),
    nodeId: g.id(node),
    selfSize: a.shallow[node],
    retainedSize: a.retained[node],
  };
  const loc = locations.of(node);
  if (loc) step.location = loc;
  return step;
}

/** True for nodes a reader does not need to see: V8 backing stores between an owner and its entries. */
export function isFoldable(a: AnalyzedSnapshot, n: number): boolean {
  const g = a.graph;
  const type = g.d.nodeType[n];
  return type === g.t.array || (type === g.t.hidden && !g.name(n).startsWith('system / Context'));
}

/**
 * Readable retainer path from the GC root side to `target`: backing stores are folded into the
 * next hop (`table → 67` becomes one step named after both edges). `stepOfRaw[i]` is the
 * readable step that shows raw edge i.
 */
export function readablePath(
  a: AnalyzedSnapshot,
  raw: { nodes: number[]; edges: number[] },
  locations: Locations,
): { steps: PathStep[]; stepOfRaw: number[] } {
  const steps: PathStep[] = [];
  const stepOfRaw: number[] = [];
  let pendingEdge = '';
  for (let i = 0; i < raw.edges.length; i++) {
    const node = raw.nodes[i + 1];
    const step = pathStep(a, locations, raw.edges[i], node);
    if (pendingEdge) step.edge = `${pendingEdge} → ${step.edge}`;
    pendingEdge = '';
    stepOfRaw.push(steps.length);
    if (i < raw.edges.length - 1 && isFoldable(a, node) && i > 0) {
      pendingEdge = step.edge;
      continue;
    }
    steps.push(step);
  }
  return { steps, stepOfRaw };
}
