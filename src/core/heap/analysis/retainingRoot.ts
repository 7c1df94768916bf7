import type { RetainingRoot } from '../model';
import type { AnalyzedSnapshot } from './analyzeSnapshot';
import { classNameOf } from './classes';
import { isUserScript, Locations } from '../graph/locations';

type Candidate = Omit<RetainingRoot, 'pathIndex'> & { rawIndex: number; userCode: boolean };

/**
 * The retaining root on a raw path (nodes from the root, edges between them): walking up from
 * the target, the first user-code owner (module or closure variable, class field, listener
 * registration, timer callback), else the nearest variable or global property.
 */
export function findRetainingRoot(
  a: AnalyzedSnapshot,
  locations: Locations,
  raw: { nodes: number[]; edges: number[] },
): (Omit<RetainingRoot, 'pathIndex'> & { rawIndex: number }) | undefined {
  const candidates: Candidate[] = [];
  for (let i = 0; i < raw.edges.length; i++) {
    const c = classify(a, locations, raw, i);
    if (c) candidates.push(c);
  }
  // The owner nearest to the target wins: `this.sessions` rather than the module variable that
  // holds the store, `cache` rather than `module.exports`.
  candidates.reverse();
  const chosen = candidates.find(c => c.userCode) ?? candidates.find(c => c.kind !== 'other' && c.kind !== 'global') ?? candidates[0];
  if (!chosen) return undefined;
  const { userCode: _unused, ...root } = chosen;
  void _unused;
  return root;
}

function classify(a: AnalyzedSnapshot, locations: Locations, raw: { nodes: number[]; edges: number[] }, i: number): Candidate | undefined {
  const g = a.graph;
  const t = g.t;
  const e = raw.edges[i];
  const from = raw.nodes[i];
  const to = raw.nodes[i + 1];
  const type = g.d.edgeType[e];
  if (type === t.edgeContext) {
    const closure = closureOfContext(a, from);
    const location = closure >= 0 ? locations.of(closure) : undefined;
    const prev = g.child(from, t.edgeInternal, 'previous');
    const moduleScope = prev >= 0 && g.name(prev) === 'system / NativeContext';
    return {
      name: g.edgeName(e),
      kind: moduleScope ? 'module-variable' : 'closure-variable',
      location,
      rawIndex: i,
      userCode: isUserScript(location?.scriptName),
    };
  }
  if (type !== t.edgeProperty) return undefined;
  const prop = g.edgeName(e);
  const fromClass = classNameOf(g, from);
  if (fromClass === 'Timeout' && prop === '_onTimeout' && g.d.nodeType[to] === t.closure) {
    const location = locations.of(to);
    return { name: g.name(to) || '_onTimeout', kind: 'timer', location, holderClass: 'Timeout', rawIndex: i, userCode: isUserScript(location?.scriptName) };
  }
  if (prop === '_events' && i + 1 < raw.edges.length) {
    const eventEdge = raw.edges[i + 1];
    const listeners = raw.nodes[i + 2];
    const fn = firstListener(a, listeners);
    const location = fn >= 0 ? locations.of(fn) : undefined;
    return {
      name: g.edgeName(eventEdge),
      kind: 'listener',
      location,
      holderClass: fromClass,
      rawIndex: i + 1,
      userCode: isUserScript(location?.scriptName),
    };
  }
  const global = globalObject(a);
  if (from === global) return { name: prop, kind: 'global', rawIndex: i, userCode: true };
  const ctorLocation = g.d.nodeType[from] === t.object ? locations.of(from) : undefined;
  if (ctorLocation) {
    return { name: prop, kind: 'class-field', location: ctorLocation, holderClass: fromClass, rawIndex: i, userCode: isUserScript(ctorLocation.scriptName) };
  }
  return undefined;
}

/** The object the root's first shortcut edge points at: the global object. */
export function globalObject(a: AnalyzedSnapshot): number {
  const g = a.graph;
  const { firstEdge, edgeType, edgeTo } = g.d;
  for (let e = firstEdge[g.root]; e < firstEdge[g.root + 1]; e++) if (edgeType[e] === g.t.edgeShortcut) return edgeTo[e];
  return -1;
}

const contextClosures = new WeakMap<AnalyzedSnapshot, Map<number, number>>();

/** A closure whose `context` edge points at `context` (so the hunt can walk scopes outward), or -1. */
export function closureOfContext(a: AnalyzedSnapshot, context: number): number {
  let map = contextClosures.get(a);
  if (!map) {
    map = new Map();
    const g = a.graph;
    const { firstEdge, edgeType, edgeTo, edgeName, nodeType } = g.d;
    const internal = g.t.edgeInternal;
    const closure = g.t.closure;
    let contextName = -1;
    for (let v = 0; v < g.nodeCount; v++) {
      if (nodeType[v] !== closure) continue;
      for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
        if (edgeType[e] !== internal) continue;
        if (contextName < 0 && g.d.strings.get(edgeName[e]) === 'context') contextName = edgeName[e];
        if (edgeName[e] !== contextName) continue;
        const prev = map.get(edgeTo[e]);
        // Prefer a closure with a source location (user functions have one).
        if (prev === undefined || (!g.hasLocation(prev) && g.hasLocation(v))) map.set(edgeTo[e], v);
      }
    }
    contextClosures.set(a, map);
  }
  return map.get(context) ?? -1;
}

/** The listener function behind an `_events[name]` value: the closure itself or the array's first element. */
function firstListener(a: AnalyzedSnapshot, n: number): number {
  const g = a.graph;
  if (g.d.nodeType[n] === g.t.closure) return n;
  const { firstEdge, edgeType, edgeTo, nodeType } = g.d;
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
    if (edgeType[e] === g.t.edgeElement && nodeType[edgeTo[e]] === g.t.closure) return edgeTo[e];
  }
  // JS arrays keep their elements in a backing store.
  const elements = g.child(n, g.t.edgeInternal, 'elements');
  if (elements >= 0) {
    for (let e = firstEdge[elements]; e < firstEdge[elements + 1]; e++) {
      if (nodeType[edgeTo[e]] === g.t.closure) return edgeTo[e];
    }
  }
  return -1;
}
