import type { PathStep } from '../model';
import type { AnalyzedSnapshot } from './analyzeSnapshot';
import { classNameOf } from './classes';
import { Locations } from '../graph/locations';
import { releaseScratch, scratchU32 } from './scratch';

/** Shortest essential path tree from the root: parent edge per node (edge ordinal + 1, 0 = none). */
export interface PathTree {
  parentEdge: Uint32Array;
  parentNode: Uint32Array;
  distance: Uint32Array;
}

/** BFS from the root over essential edges (no weak, no non-root shortcuts, page-owned rule). */
export function buildPathTree(a: AnalyzedSnapshot): PathTree {
  const g = a.graph;
  const { firstEdge, edgeTo } = g.d;
  const essential = a.essential;
  const n = g.nodeCount;
  const parentEdge = new Uint32Array(n);
  const parentNode = new Uint32Array(n);
  const distance = new Uint32Array(n).fill(0xffffffff);
  const queue = scratchU32(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = g.root;
  distance[g.root] = 0;
  while (head < tail) {
    const v = queue[head++];
    const d = distance[v] + 1;
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      if (!essential[e]) continue;
      const w = edgeTo[e];
      if (distance[w] !== 0xffffffff) continue;
      distance[w] = d;
      parentEdge[w] = e + 1;
      parentNode[w] = v;
      queue[tail++] = w;
    }
  }
  releaseScratch(queue);
  return { parentEdge, parentNode, distance };
}

/** Node ordinals and edges from the root to `target` (edges[i] leads into nodes[i + 1]); undefined when unreachable. */
export function rawPath(a: AnalyzedSnapshot, tree: PathTree, target: number): { nodes: number[]; edges: number[] } | undefined {
  if (tree.distance[target] === 0xffffffff) return undefined;
  const nodes = [target];
  const edges: number[] = [];
  let v = target;
  while (v !== a.graph.root) {
    edges.push(tree.parentEdge[v] - 1);
    v = tree.parentNode[v];
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
