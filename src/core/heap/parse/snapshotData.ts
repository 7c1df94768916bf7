import type { SnapshotLayout } from './meta';
import type { StringTable } from './stringTable';

/**
 * A parsed snapshot in compact columns, indexed by node ordinal and edge ordinal. Columns the
 * analysis never reads (trace_node_id, detachedness) are dropped while parsing; `edgeTo`
 * holds node ordinals, not the file's `to_node` field offsets.
 */
export interface SnapshotData {
  layout: SnapshotLayout;
  nodeCount: number;
  edgeCount: number;
  nodeType: Uint8Array;
  nodeName: Uint32Array;
  nodeId: Uint32Array;
  /** Self sizes as 32-bit unsigned values, as DevTools stores them. */
  selfSize: Uint32Array;
  /** firstEdge[i]..firstEdge[i+1] are node i's outgoing edges (length nodeCount + 1). */
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  strings: StringTable;
  /** Flat [ordinal, scriptId, line, column] rows (0-based line/column, as in the file). */
  locations: Uint32Array;
  rootOrdinal: number;
  /** Bytes read. */
  byteLength: number;
}
