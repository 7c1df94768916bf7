import type { OwnerKind } from '../model';
import type { AnalyzedSnapshot } from './analyzeSnapshot';
import { classNameOf } from './classes';

/** What a growing owner is and how many entries it holds. */
export interface CollectionSize {
  kind: OwnerKind;
  size: number;
  /** For listener collections: the event name. */
  eventName?: string;
}

/**
 * Entry count of a collection-like node, read from the graph: Map/Set entries from the backing
 * hash table, Array elements, EventEmitter listeners (for `eventName`), timers in a TimersList.
 */
export function collectionSize(a: AnalyzedSnapshot, n: number, eventName?: string): CollectionSize {
  const g = a.graph;
  const t = g.t;
  const name = classNameOf(g, n);
  if (g.d.nodeType[n] === t.object) {
    if (name === 'Map' || name === 'Set') return { kind: name === 'Map' ? 'map' : 'set', size: hashTableEntries(a, n, name === 'Map' ? 3 : 2) };
    if (name === 'WeakMap' || name === 'WeakSet') return { kind: 'weakmap', size: weakEntries(a, n) };
    if (name === 'Array') return { kind: 'array', size: countEdges(a, n, t.edgeElement) };
    if (name === 'TimersList') return { kind: 'timers', size: timersInList(a, n) };
    const events = g.child(n, t.edgeProperty, '_events');
    if (events >= 0 && eventName !== undefined) return { kind: 'listeners', size: listenerCount(a, events, eventName), eventName };
    if (name === 'system / Context') return { kind: 'context', size: countEdges(a, n, t.edgeContext) };
  }
  return { kind: 'object', size: g.d.firstEdge[n + 1] - g.d.firstEdge[n] };
}

function countEdges(a: AnalyzedSnapshot, n: number, type: number): number {
  const { firstEdge, edgeType } = a.graph.d;
  let c = 0;
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) if (edgeType[e] === type) c++;
  return c;
}

/**
 * OrderedHashMap/Set layout: [elements, deleted, buckets, bucket heads…, entries…]. The counts
 * are Smis (no edges), so entries are counted as distinct entry slots that hold a heap object;
 * the bucket count comes from the table's byte size (8- or 4-byte slots).
 */
function hashTableEntries(a: AnalyzedSnapshot, n: number, entrySize: number): number {
  const g = a.graph;
  const table = g.child(n, g.t.edgeInternal, 'table');
  if (table < 0) return 0;
  const { firstEdge, edgeName, edgeType } = g.d;
  const slots: number[] = [];
  for (let e = firstEdge[table]; e < firstEdge[table + 1]; e++) {
    if (edgeType[e] === g.t.edgeInternal || edgeType[e] === g.t.edgeElement || edgeType[e] === g.t.edgeHidden) {
      const label = g.edgeHasIndex(e) ? edgeName[e] : g.d.strings.numberAt(edgeName[e]);
      if (Number.isInteger(label)) slots.push(label);
    }
  }
  const self = g.rawSelfSize(table);
  // Entry slots per bucket: capacity = 2 × buckets, each entry `entrySize` slots.
  const perBucket = 1 + 2 * entrySize;
  for (const [header, slot] of [
    [16, 8],
    [8, 4],
  ]) {
    const length = (self - header) / slot;
    const buckets = (length - 3) / perBucket;
    if (Number.isInteger(buckets) && buckets > 0) {
      const firstEntry = 3 + buckets;
      const seen = new Set<number>();
      for (const s of slots) if (s >= firstEntry) seen.add(Math.floor((s - firstEntry) / entrySize));
      return seen.size;
    }
  }
  return entrySize === 3 ? Math.ceil(slots.length / 2) : slots.length;
}

function weakEntries(a: AnalyzedSnapshot, n: number): number {
  const g = a.graph;
  const table = g.child(n, g.t.edgeInternal, 'table');
  if (table < 0) return 0;
  return Math.ceil(countEdges(a, table, g.t.edgeWeak) / 2);
}

/** Listeners registered for `eventName` on an emitter's `_events` object. */
export function listenerCount(a: AnalyzedSnapshot, events: number, eventName: string): number {
  const g = a.graph;
  const v = g.child(events, g.t.edgeProperty, eventName);
  if (v < 0) return 0;
  if (g.d.nodeType[v] === g.t.closure) return 1;
  return countEdges(a, v, g.t.edgeElement);
}

/** Timeouts linked into a TimersList (a circular list through `_idleNext`). */
function timersInList(a: AnalyzedSnapshot, list: number): number {
  const g = a.graph;
  let count = 0;
  let v = g.child(list, g.t.edgeProperty, '_idleNext');
  while (v >= 0 && v !== list && count < g.nodeCount) {
    count++;
    v = g.child(v, g.t.edgeProperty, '_idleNext');
  }
  return count;
}
