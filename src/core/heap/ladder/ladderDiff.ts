import type { ClassGrowth, GrowingOwner, LadderResult, OwnerKind, RetainingRoot } from '../model';
import type { AnalyzedSnapshot } from '../analysis/analyzeSnapshot';
import { classNameOf } from '../analysis/classes';
import { collectionSize } from '../analysis/collections';
import { buildPathTree, rawPath, readablePath, type PathTree } from '../analysis/retainerPaths';
import { findRetainingRoot } from '../analysis/retainingRoot';
import { releaseScratch } from '../analysis/scratch';
import { mark } from '../parallel/phaseTrace';
import { Locations } from '../graph/locations';
import { followPath, idsSurvived, newObjectFlags, pathKey, type PathKey } from './identity';
import { attributeNewObjects, type OwnerGrowth } from './owners';

export interface LadderDiffOptions {
  topOwners?: number;
  canaryIds?: (number | undefined)[];
  /** newObjectFlags(first rung's ids, last rung's ids) when already computed (e.g. while a worker finished the last rung). */
  newFlags?: Uint8Array;
  /** The last rung's full path tree when already built (on shared memory: it is handed to the scratch pool after use). */
  lastPathTree?: PathTree;
}

const CANDIDATES = 40;

/** Per-class rows across rungs, by class name, with counts of objects new since the first rung. */
function classGrowth(rungs: AnalyzedSnapshot[], isNew: Uint8Array | undefined): ClassGrowth[] {
  const rows = new Map<string, ClassGrowth>();
  const k = rungs.length;
  rungs.forEach((r, i) => {
    for (const agg of r.aggregates) {
      let row = rows.get(agg.name);
      if (!row) {
        row = { className: agg.name, counts: new Array<number>(k).fill(0), shallowSizes: new Array<number>(k).fill(0), retainedSizes: new Array<number>(k).fill(0), newCount: 0, monotonic: false };
        rows.set(agg.name, row);
      }
      row.counts[i] += agg.count;
      row.shallowSizes[i] += agg.shallowSize;
      row.retainedSizes[i] += agg.retainedSize;
    }
  });
  const last = rungs[k - 1];
  const newByClass = new Float64Array(last.classes.names.length);
  if (isNew) {
    const { classOf } = last.classes;
    for (let v = 0; v < last.graph.nodeCount; v++) if (last.shallow[v] && isNew[v]) newByClass[classOf[v]]++;
  }
  for (const row of rows.values()) {
    if (!isNew) row.newCount = Math.max(0, row.counts[k - 1] - row.counts[0]);
    let up = true;
    for (let i = 1; i < k; i++) if (!(row.counts[i] > row.counts[i - 1])) up = false;
    row.monotonic = up;
  }
  if (isNew) {
    last.classes.names.forEach((name, c) => {
      const row = rows.get(name);
      if (row) row.newCount += newByClass[c];
    });
  }
  const delta = (r: ClassGrowth) => r.retainedSizes[k - 1] - r.retainedSizes[0];
  return [...rows.values()].sort((a, b) => delta(b) - delta(a));
}

/** Candidate owners in the last rung when ids cannot be trusted: the largest recognisable retainers. */
function largestOwners(last: AnalyzedSnapshot): number[] {
  const g = last.graph;
  const picks: { n: number; size: number }[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    if (v === g.root) continue;
    const kind = collectionSize(last, v).kind;
    if (kind === 'object') continue;
    picks.push({ n: v, size: last.retained[v] });
  }
  picks.sort((x, y) => y.size - x.size);
  return picks.slice(0, CANDIDATES * 4).map(p => p.n);
}

/** Builds GrowingOwner rows for the last rung's candidate owners, measured in every rung. */
function ownersAcrossRungs(
  rungs: AnalyzedSnapshot[],
  useIds: boolean,
  candidates: { node: number; growth?: OwnerGrowth }[],
  topOwners: number,
  lastPathTree: PathTree | undefined,
): GrowingOwner[] {
  const k = rungs.length;
  const last = rungs[k - 1];
  // Path trees here are scratch memory, handed back at the end.
  const trees = new Map<number, PathTree>();
  if (lastPathTree) trees.set(k - 1, lastPathTree);
  mark(lastPathTree ? "diff: the worker's path tree" : 'diff: no path tree yet');
  const tree = (i: number): PathTree => {
    let t = trees.get(i);
    if (!t) trees.set(i, (t = buildPathTree(rungs[i], candidates.map(c => c.node), true)));
    return t;
  };
  const lastLocations = new Locations(last.graph);
  const rows: (GrowingOwner & { _raw: { nodes: number[]; edges: number[] } })[] = [];
  // Resolve each candidate in the last rung first, so the other rungs are searched once for all ids.
  const resolved = candidates.flatMap(cand => {
    const raw = rawPath(last, tree(k - 1), cand.node);
    if (!raw) return [];
    const shaped = listenerShape(last, raw);
    const ownerNode = shaped ? shaped.emitter : cand.node;
    const ownerRaw = shaped ? { nodes: raw.nodes.slice(0, shaped.emitterIndex + 1), edges: raw.edges.slice(0, shaped.emitterIndex) } : raw;
    return [{ cand, shaped, ownerNode, ownerRaw, id: last.graph.id(ownerNode), key: pathKey(last, ownerRaw.edges) }];
  });
  const byId = rungs.map((r, i) => {
    const m = new Map<number, number>();
    if (!useIds || i === k - 1) return m;
    const wanted = new Set(resolved.map(x => x.id));
    // A 4096-bit filter on the low id bits settles almost every node without a Set lookup.
    const filter = new Uint8Array(512);
    for (const id of wanted) filter[(id & 4095) >>> 3] |= 1 << (id & 7);
    const ids = r.graph.d.nodeId;
    for (let v = 0; v < ids.length; v++) {
      const id = ids[v];
      if (filter[(id & 4095) >>> 3] & (1 << (id & 7)) && wanted.has(id)) m.set(id, v);
    }
    return m;
  });
  for (const { cand, shaped, ownerNode, ownerRaw, id, key } of resolved) {
    const eventName = shaped?.eventName;
    const sizes: number[] = [];
    const retainedSizes: number[] = [];
    let kind: OwnerKind = 'object';
    for (let i = 0; i < k; i++) {
      const r = rungs[i];
      const ordinal = i === k - 1 ? ownerNode : useIds ? (byId[i].get(id) ?? -1) : followPath(r, key as PathKey);
      if (ordinal < 0) {
        sizes.push(0);
        retainedSizes.push(0);
        continue;
      }
      const size = collectionSize(r, ordinal, eventName);
      if (i === k - 1) kind = size.kind;
      sizes.push(size.size);
      retainedSizes.push(shaped ? (r.retained[listenersNode(r, ordinal, eventName as string)] ?? 0) : r.retained[ordinal]);
    }
    let monotonic = true;
    for (let i = 1; i < k; i++) if (!(sizes[i] > sizes[i - 1] && retainedSizes[i] > retainedSizes[i - 1])) monotonic = false;
    const entryClasses = cand.growth
      ? [...cand.growth.classes].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([c, count]) => ({ className: last.classes.names[c], count }))
      : [];
    const { steps, stepOfRaw } = readablePath(last, ownerRaw, lastLocations);
    const found = findRetainingRoot(last, lastLocations, ownerRaw);
    let root: RetainingRoot | undefined;
    if (shaped) {
      root = { name: eventName as string, kind: 'listener', location: shaped.listener >= 0 ? lastLocations.of(shaped.listener) : undefined, holderClass: classNameOf(last.graph, ownerNode), pathIndex: steps.length - 1 };
    } else if (found) {
      const { rawIndex, ...rest } = found;
      root = { ...rest, pathIndex: stepOfRaw[rawIndex] ?? steps.length - 1 };
    }
    if (kind === 'timers' && !shaped) {
      const cb = timerCallback(last, ownerNode);
      if (cb >= 0) root = { name: last.graph.name(cb) || '_onTimeout', kind: 'timer', location: lastLocations.of(cb), holderClass: 'TimersList', pathIndex: steps.length - 1 };
    }
    rows.push({
      nodeId: id,
      className: classNameOf(last.graph, ownerNode),
      ownerKind: kind,
      sizes,
      retainedSizes,
      countDelta: sizes[k - 1] - sizes[0],
      retainedDelta: retainedSizes[k - 1] - retainedSizes[0],
      monotonic,
      entryClasses,
      ...(eventName !== undefined ? { eventName } : {}),
      retainerPath: steps,
      ...(root ? { root } : {}),
      _raw: ownerRaw,
    });
  }
  for (const t of trees.values()) releaseScratch(t.parentEdge);
  // Several candidates can resolve to one owner (e.g. two event arrays of one emitter); keep the largest.
  const unique = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.nodeId}:${r.eventName ?? ''}`;
    const prev = unique.get(key);
    if (!prev || prev.retainedDelta < r.retainedDelta) unique.set(key, r);
  }
  // Growth means entries added, or retained size up at every rung; a fluctuating object is not an owner.
  const rising = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);
  const sorted = [...unique.values()].filter(r => r.countDelta > 0 || (r.retainedDelta > 0 && rising(r.retainedSizes)));
  sorted.sort((x, y) => Number(y.monotonic) - Number(x.monotonic) || y.retainedDelta - x.retainedDelta);
  const top = sorted.slice(0, topOwners);
  const total = top.reduce((s, r) => s + Math.max(0, r.retainedDelta), 0);
  return top.map(({ _raw, ...r }) => {
    void _raw;
    return total > 0 ? { ...r, share: Math.max(0, r.retainedDelta) / total } : r;
  });
}

/** When the path ends `emitter -_events-> Object -<event>-> listeners`, names the emitter and event. */
function listenerShape(a: AnalyzedSnapshot, raw: { nodes: number[]; edges: number[] }) {
  const g = a.graph;
  const m = raw.edges.length;
  for (let i = m - 1; i >= 1; i--) {
    if (g.d.edgeType[raw.edges[i - 1]] === g.t.edgeProperty && g.edgeName(raw.edges[i - 1]) === '_events' && i >= m - 2) {
      const eventName = g.edgeName(raw.edges[i]);
      const value = raw.nodes[i + 1];
      let listener = g.d.nodeType[value] === g.t.closure ? value : -1;
      if (listener < 0) {
        const { firstEdge, edgeType, edgeTo } = g.d;
        for (let e = firstEdge[value]; e < firstEdge[value + 1] && listener < 0; e++) {
          if (edgeType[e] === g.t.edgeElement && g.d.nodeType[edgeTo[e]] === g.t.closure) listener = edgeTo[e];
        }
      }
      return { emitter: raw.nodes[i - 1], emitterIndex: i - 1, eventName, listener };
    }
  }
  return undefined;
}

function listenersNode(a: AnalyzedSnapshot, emitter: number, eventName: string): number {
  const g = a.graph;
  const events = g.child(emitter, g.t.edgeProperty, '_events');
  return events < 0 ? emitter : Math.max(0, g.child(events, g.t.edgeProperty, eventName));
}

function timerCallback(a: AnalyzedSnapshot, list: number): number {
  const g = a.graph;
  const first = g.child(list, g.t.edgeProperty, '_idleNext');
  return first >= 0 && first !== list ? g.child(first, g.t.edgeProperty, '_onTimeout') : -1;
}

/** Diffs analysed rungs (oldest first): class growth, identity, and the top growing owners. */
export function diffLadder(files: string[], rungs: AnalyzedSnapshot[], options: LadderDiffOptions = {}): LadderResult {
  const useIds = idsSurvived(rungs, options.canaryIds);
  const last = rungs[rungs.length - 1];
  const isNew = useIds ? (options.newFlags ?? newObjectFlags(rungs[0].graph.d.nodeId, last.graph.d.nodeId)) : undefined;
  const classes = classGrowth(rungs, isNew);
  let candidates: { node: number; growth?: OwnerGrowth }[];
  if (isNew) {
    const growth = [...attributeNewObjects(last, isNew).values()];
    growth.sort((x, y) => y.newShallow - x.newShallow);
    candidates = growth.slice(0, CANDIDATES).map(gr => ({ node: gr.owner, growth: gr }));
  } else {
    candidates = largestOwners(last).map(node => ({ node }));
  }
  const owners = ownersAcrossRungs(rungs, useIds, candidates, options.topOwners ?? 10, options.lastPathTree);
  return {
    rungs: rungs.map((r, i) => ({ file: files[i], nodeCount: r.graph.nodeCount, edgeCount: r.graph.edgeCount, totalSize: r.totalSize })),
    identity: useIds ? 'object-id' : 'path',
    classes,
    owners,
  };
}
