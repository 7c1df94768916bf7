import type { SnapshotLayout } from './meta';

type TypedCtor<T> = { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };

/** A typed array on a SharedArrayBuffer (so a worker thread can fill or read it) or a plain one. */
export function column<T>(ctor: TypedCtor<T>, length: number, shared: boolean): T {
  const bytes = length * ctor.BYTES_PER_ELEMENT;
  return new ctor(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** Receives the numbers of one array section in batches; throws a message naming what was wrong. */
export interface NumberSink {
  take(values: Float64Array, n: number): string | undefined;
}

const enum Role {
  Skip,
  Type,
  Name,
  Id,
  Self,
  EdgeCount,
}

/** Fills the node columns from the `nodes` section, validating as it goes. */
export class NodeSink implements NumberSink {
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly selfSize: Uint32Array;
  /** Edge counts first, turned into prefix sums by `finishEdges`. */
  readonly firstEdge: Uint32Array;
  private readonly roles: Uint8Array;
  private field = 0;
  ordinal = 0;

  constructor(private readonly layout: SnapshotLayout, shared = false) {
    const n = layout.nodeCount;
    this.nodeType = column(Uint8Array, n, shared);
    this.nodeName = column(Uint32Array, n, shared);
    this.nodeId = column(Uint32Array, n, shared);
    this.selfSize = column(Uint32Array, n, shared);
    this.firstEdge = column(Uint32Array, n + 1, shared);
    this.roles = new Uint8Array(layout.nodeFieldCount);
    this.roles[layout.nodeTypeField] = Role.Type;
    this.roles[layout.nodeNameField] = Role.Name;
    this.roles[layout.nodeIdField] = Role.Id;
    this.roles[layout.nodeSelfSizeField] = Role.Self;
    this.roles[layout.nodeEdgeCountField] = Role.EdgeCount;
  }

  take(values: Float64Array, n: number): string | undefined {
    const { nodeType, nodeName, nodeId, selfSize, firstEdge } = this;
    const { nodeFieldCount: nf, nodeTypeField, nodeNameField, nodeIdField, nodeSelfSizeField, nodeEdgeCountField } = this.layout;
    const typeLimit = this.layout.nodeTypes.length;
    const nodeCount = this.layout.nodeCount;
    let i = 0;
    while (this.field !== 0 && i < n) {
      const err = this.one(values[i++]);
      if (err) return err;
    }
    // Whole nodes at a time once aligned (no per-value dispatch); nodes past node_count are left to `one`.
    let o = this.ordinal;
    const whole = i + Math.min(n - i - ((n - i) % nf), Math.max(0, nodeCount - o) * nf);
    for (; i < whole; i += nf) {
      const type = values[i + nodeTypeField];
      if (!(type < typeLimit)) {
        this.ordinal = o;
        return `a node type below ${typeLimit}, got ${type}`;
      }
      nodeType[o] = type;
      nodeName[o] = values[i + nodeNameField];
      nodeId[o] = values[i + nodeIdField];
      selfSize[o] = values[i + nodeSelfSizeField];
      firstEdge[o + 1] = values[i + nodeEdgeCountField];
      o++;
    }
    this.ordinal = o;
    while (i < n) {
      const err = this.one(values[i++]);
      if (err) return err;
    }
    return undefined;
  }

  /** One value of a partial node (at the ends of a batch). */
  private one(v: number): string | undefined {
    const f = this.field;
    const o = this.ordinal;
    if (o >= this.layout.nodeCount) return `no more than ${this.layout.nodeCount} nodes (snapshot.node_count)`;
    switch (this.roles[f]) {
      case Role.Type:
        if (!(v < this.layout.nodeTypes.length)) return `a node type below ${this.layout.nodeTypes.length}, got ${v}`;
        this.nodeType[o] = v;
        break;
      case Role.Name:
        this.nodeName[o] = v;
        break;
      case Role.Id:
        this.nodeId[o] = v;
        break;
      case Role.Self:
        this.selfSize[o] = v;
        break;
      case Role.EdgeCount:
        this.firstEdge[o + 1] = v;
        break;
    }
    if (f + 1 === this.roles.length) {
      this.field = 0;
      this.ordinal = o + 1;
    } else {
      this.field = f + 1;
    }
    return undefined;
  }

  /** Checks the section was complete and turns edge counts into offsets. */
  finish(): string | undefined {
    if (this.field !== 0 || this.ordinal !== this.layout.nodeCount) {
      return `${this.layout.nodeCount} nodes of ${this.layout.nodeFieldCount} fields (snapshot.node_count), got ${this.ordinal} and ${this.field} values`;
    }
    const fe = this.firstEdge;
    let sum = 0;
    for (let i = 1; i < fe.length; i++) {
      sum += fe[i];
      fe[i] = sum;
    }
    if (sum !== this.layout.edgeCount) return `edge counts of all nodes to add up to ${this.layout.edgeCount} (snapshot.edge_count), got ${sum}`;
    return undefined;
  }
}

/** Fills the edge columns from the `edges` section; `to_node` becomes a node ordinal. */
export class EdgeSink implements NumberSink {
  readonly edgeType: Uint8Array;
  readonly edgeName: Uint32Array;
  readonly edgeTo: Uint32Array;
  private field = 0;
  ordinal = 0;

  constructor(
    private readonly layout: SnapshotLayout,
    columns?: { edgeType: Uint8Array; edgeName: Uint32Array; edgeTo: Uint32Array },
    shared = false,
  ) {
    const e = layout.edgeCount;
    this.edgeType = columns?.edgeType ?? column(Uint8Array, e, shared);
    this.edgeName = columns?.edgeName ?? column(Uint32Array, e, shared);
    this.edgeTo = columns?.edgeTo ?? column(Uint32Array, e, shared);
  }

  take(values: Float64Array, n: number): string | undefined {
    const { edgeType, edgeName, edgeTo } = this;
    const { edgeFieldCount: ef, edgeTypeField, edgeNameField, edgeToField, nodeFieldCount: nf } = this.layout;
    const typeLimit = this.layout.edgeTypes.length;
    const toLimit = this.layout.nodeCount * nf;
    const edgeCount = this.layout.edgeCount;
    let i = 0;
    // Whole edges at a time once aligned to one: no per-value field dispatch, and an integer
    // check by division instead of `%` on doubles (which V8 compiles to a slow fmod call).
    while (this.field !== 0 && i < n) {
      const err = this.one(values[i++]);
      if (err) return err;
    }
    let o = this.ordinal;
    // Edges past edge_count are left to `one`, which reports them.
    const whole = i + Math.min(n - i - ((n - i) % ef), Math.max(0, edgeCount - o) * ef);
    for (; i < whole; i += ef) {
      const type = values[i + edgeTypeField];
      const toField = values[i + edgeToField];
      const to = toField / nf;
      if (!(toField < toLimit) || to >>> 0 !== to) return this.badTo(toField, o);
      if (!(type < typeLimit)) return this.badType(type, o);
      edgeType[o] = type;
      edgeName[o] = values[i + edgeNameField];
      edgeTo[o] = to;
      o++;
    }
    this.ordinal = o;
    while (i < n) {
      const err = this.one(values[i++]);
      if (err) return err;
    }
    return undefined;
  }

  /** One value of a partial edge (at the ends of a batch). */
  private one(v: number): string | undefined {
    const { edgeFieldCount: ef, edgeTypeField, edgeNameField, edgeToField, nodeFieldCount: nf } = this.layout;
    const f = this.field;
    const o = this.ordinal;
    if (o >= this.layout.edgeCount) return `no more than ${this.layout.edgeCount} edges (snapshot.edge_count)`;
    if (f === edgeToField) {
      const to = v / nf;
      if (!(v < this.layout.nodeCount * nf) || to >>> 0 !== to) return this.badTo(v, o);
      this.edgeTo[o] = to;
    } else if (f === edgeTypeField) {
      if (!(v < this.layout.edgeTypes.length)) return this.badType(v, o);
      this.edgeType[o] = v;
    } else if (f === edgeNameField) {
      this.edgeName[o] = v;
    }
    if (f + 1 === ef) {
      this.field = 0;
      this.ordinal = o + 1;
    } else {
      this.field = f + 1;
    }
    return undefined;
  }

  private badTo(v: number, o: number): string {
    this.ordinal = o;
    return `a to_node that is a multiple of ${this.layout.nodeFieldCount} below ${this.layout.nodeCount * this.layout.nodeFieldCount}, got ${v}`;
  }

  private badType(v: number, o: number): string {
    this.ordinal = o;
    return `an edge type below ${this.layout.edgeTypes.length}, got ${v}`;
  }

  finish(): string | undefined {
    if (this.field !== 0 || this.ordinal !== this.layout.edgeCount) {
      return `${this.layout.edgeCount} edges of ${this.layout.edgeFieldCount} fields (snapshot.edge_count), got ${this.ordinal} and ${this.field} values`;
    }
    return undefined;
  }
}

/** Collects a small numeric section (locations) into a growable array. */
export class ListSink implements NumberSink {
  values = new Uint32Array(4096);
  length = 0;

  take(values: Float64Array, n: number): string | undefined {
    let out = this.values;
    let length = this.length;
    if (length + n > out.length) {
      const next = new Uint32Array(Math.max(out.length * 2, length + n));
      next.set(out.subarray(0, length));
      out = this.values = next;
    }
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!(v < 2 ** 32)) {
        this.length = length;
        return `a number below 2^32, got ${v}`;
      }
      out[length++] = v;
    }
    this.length = length;
    return undefined;
  }
}
