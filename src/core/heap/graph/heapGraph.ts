import type { SnapshotData } from '../parse/snapshotData';

/** Type indexes looked up once from the layout; -1 when a snapshot lacks the type. */
export interface TypeIndexes {
  hidden: number;
  array: number;
  string: number;
  object: number;
  code: number;
  closure: number;
  regexp: number;
  native: number;
  synthetic: number;
  consString: number;
  slicedString: number;
  edgeContext: number;
  edgeElement: number;
  edgeProperty: number;
  edgeInternal: number;
  edgeHidden: number;
  edgeShortcut: number;
  edgeWeak: number;
}

/** Resolves the node and edge type indexes a snapshot uses. */
export function typeIndexes(d: SnapshotData): TypeIndexes {
  const n = d.layout.nodeTypes;
  const e = d.layout.edgeTypes;
  return {
    hidden: n.indexOf('hidden'),
    array: n.indexOf('array'),
    string: n.indexOf('string'),
    object: n.indexOf('object'),
    code: n.indexOf('code'),
    closure: n.indexOf('closure'),
    regexp: n.indexOf('regexp'),
    native: n.indexOf('native'),
    synthetic: n.indexOf('synthetic'),
    consString: n.indexOf('concatenated string'),
    slicedString: n.indexOf('sliced string'),
    edgeContext: e.indexOf('context'),
    edgeElement: e.indexOf('element'),
    edgeProperty: e.indexOf('property'),
    edgeInternal: e.indexOf('internal'),
    edgeHidden: e.indexOf('hidden'),
    edgeShortcut: e.indexOf('shortcut'),
    edgeWeak: e.indexOf('weak'),
  };
}

/** Location rows per node key: node × ROW_SPAN + row (exact in a double while rows < 2^22 and nodes < 2^31). */
const ROW_SPAN = 2 ** 22;

/** One outgoing edge, as graph queries return it. */
export interface EdgeView {
  edge: number;
  type: string;
  /** Property/variable name, or the element/hidden index as a string. */
  name: string;
  to: number;
}

/** Read-only queries over a parsed snapshot, by node ordinal. */
export class HeapGraph {
  readonly t: TypeIndexes;
  private locIndex?: Float64Array | Map<number, number>;
  private locSorted?: boolean;
  private located?: Uint8Array;

  constructor(readonly d: SnapshotData) {
    this.t = typeIndexes(d);
  }

  get nodeCount(): number {
    return this.d.nodeCount;
  }

  get edgeCount(): number {
    return this.d.edgeCount;
  }

  get root(): number {
    return this.d.rootOrdinal;
  }

  name(n: number): string {
    return this.d.strings.get(this.d.nodeName[n]);
  }

  type(n: number): string {
    return this.d.layout.nodeTypes[this.d.nodeType[n]];
  }

  id(n: number): number {
    return this.d.nodeId[n];
  }

  /** Self size as recorded in the file (before DevTools' shallow-size transfer). */
  rawSelfSize(n: number): number {
    return this.d.selfSize[n];
  }

  edgeTypeName(e: number): string {
    return this.d.layout.edgeTypes[this.d.edgeType[e]];
  }

  /** True when the edge's name_or_index is a number (element, hidden), else a string index. */
  edgeHasIndex(e: number): boolean {
    const t = this.d.edgeType[e];
    return t === this.t.edgeElement || t === this.t.edgeHidden;
  }

  edgeName(e: number): string {
    return this.edgeHasIndex(e) ? String(this.d.edgeName[e]) : this.d.strings.get(this.d.edgeName[e]);
  }

  /** Outgoing edges of node `n` with names resolved. */
  edges(n: number): EdgeView[] {
    const out: EdgeView[] = [];
    for (let e = this.d.firstEdge[n]; e < this.d.firstEdge[n + 1]; e++) {
      out.push({ edge: e, type: this.edgeTypeName(e), name: this.edgeName(e), to: this.d.edgeTo[e] });
    }
    return out;
  }

  /** The first edge of `n` with this type and string name, or -1. */
  findEdge(n: number, edgeType: number, name: string): number {
    const { firstEdge, edgeType: et, edgeName } = this.d;
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
      if (et[e] === edgeType && !this.edgeHasIndex(e) && this.d.strings.get(edgeName[e]) === name) return e;
    }
    return -1;
  }

  /** Target of the first edge of `n` with this type and name, or -1. */
  child(n: number, edgeType: number, name: string): number {
    const e = this.findEdge(n, edgeType, name);
    return e < 0 ? -1 : this.d.edgeTo[e];
  }

  /** Node ordinal for a heap object id, or -1 (a linear scan: callers look up a few ids). */
  ordinalOfId(id: number): number {
    const ids = this.d.nodeId;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
    return -1;
  }

  /** True when node `n` has a source location (one bulk pass, then a lookup per call). */
  hasLocation(n: number): boolean {
    if (!this.located) {
      const loc = this.d.locations;
      const flags = new Uint8Array(this.d.nodeCount);
      for (let i = 0; i < loc.length; i += 4) flags[loc[i]] = 1;
      this.located = flags;
    }
    return this.located[n] === 1;
  }

  /** Row index into `locations` for node `n`, or -1. V8 writes rows in node order: binary search, else a map. */
  locationRow(n: number): number {
    const loc = this.d.locations;
    if (this.locSorted === undefined) {
      this.locSorted = true;
      for (let i = 4; i < loc.length; i += 4) {
        if (loc[i] <= loc[i - 4]) {
          this.locSorted = false;
          break;
        }
      }
    }
    if (!this.locSorted) {
      // Rows sorted by node once (one typed-array sort of node × 2^22 + row), then binary search:
      // far cheaper to build than a Map of every row.
      if (!this.locIndex) {
        const rows = loc.length / 4;
        if (rows >= ROW_SPAN || this.d.nodeCount >= 2 ** 31) {
          const m = new Map<number, number>();
          for (let i = 0; i < loc.length; i += 4) m.set(loc[i], i);
          this.locIndex = m;
        } else {
          const keys = new Float64Array(rows);
          for (let i = 0; i < rows; i++) keys[i] = loc[i * 4] * ROW_SPAN + i;
          this.locIndex = keys.sort();
        }
      }
      const index = this.locIndex;
      if (index instanceof Map) return index.get(n) ?? -1;
      // The first key of the next node, minus one: the node's last row (as a Map would keep).
      let lo = 0;
      let hi = index.length;
      const next = (n + 1) * ROW_SPAN;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (index[mid] < next) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0 || Math.floor(index[lo - 1] / ROW_SPAN) !== n) return -1;
      return (index[lo - 1] - n * ROW_SPAN) * 4;
    }
    let lo = 0;
    let hi = loc.length / 4 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = loc[mid * 4];
      if (v === n) return mid * 4;
      if (v < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
