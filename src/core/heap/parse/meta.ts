import { LeakHunterError } from '../../common/errors';

/** The parts of `snapshot.meta` the engine uses, resolved to indexes. */
export interface SnapshotLayout {
  nodeFieldCount: number;
  nodeTypeField: number;
  nodeNameField: number;
  nodeIdField: number;
  nodeSelfSizeField: number;
  nodeEdgeCountField: number;
  edgeFieldCount: number;
  edgeTypeField: number;
  edgeNameField: number;
  edgeToField: number;
  nodeTypes: string[];
  edgeTypes: string[];
  locationFieldCount: number;
  locationObjectField: number;
  locationScriptField: number;
  locationLineField: number;
  locationColumnField: number;
  nodeCount: number;
  edgeCount: number;
  rootIndex: number;
  extraNativeBytes?: number;
}

function bad(offset: number, expected: string): LeakHunterError {
  return new LeakHunterError('bad-snapshot', `Not a valid heap snapshot: at byte ${offset}, in "snapshot.meta", expected ${expected}`, {
    offset,
    section: 'snapshot',
  });
}

function field(list: unknown, name: string, offset: number): number {
  if (!Array.isArray(list)) throw bad(offset, `a field list containing "${name}"`);
  const i = list.indexOf(name);
  if (i < 0) throw bad(offset, `a field "${name}"`);
  return i;
}

function typeNames(list: unknown, at: number, what: string, offset: number): string[] {
  const t = Array.isArray(list) ? (list[at] as unknown) : undefined;
  if (!Array.isArray(t) || !t.every(x => typeof x === 'string')) throw bad(offset, `the list of ${what} types`);
  return t as string[];
}

function count(v: unknown, name: string, offset: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** 32) throw bad(offset, `a non-negative integer "${name}"`);
  return v;
}

/** Resolves the layout from the parsed `snapshot` header object; `offset` is where it started. */
export function layoutFromHeader(header: unknown, offset: number): SnapshotLayout {
  if (!header || typeof header !== 'object') throw bad(offset, 'an object');
  const h = header as Record<string, unknown>;
  const meta = h.meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object') throw bad(offset, 'a "meta" object');
  const nf = meta.node_fields as unknown[];
  const ef = meta.edge_fields as unknown[];
  const nodeTypeField = field(nf, 'type', offset);
  const edgeTypeField = field(ef, 'type', offset);
  const lf = (meta.location_fields as unknown[] | undefined) ?? ['object_index', 'script_id', 'line', 'column'];
  const layout: SnapshotLayout = {
    nodeFieldCount: nf.length,
    nodeTypeField,
    nodeNameField: field(nf, 'name', offset),
    nodeIdField: field(nf, 'id', offset),
    nodeSelfSizeField: field(nf, 'self_size', offset),
    nodeEdgeCountField: field(nf, 'edge_count', offset),
    edgeFieldCount: ef.length,
    edgeTypeField,
    edgeNameField: field(ef, 'name_or_index', offset),
    edgeToField: field(ef, 'to_node', offset),
    nodeTypes: typeNames(meta.node_types, nodeTypeField, 'node', offset),
    edgeTypes: typeNames(meta.edge_types, edgeTypeField, 'edge', offset),
    locationFieldCount: lf.length,
    locationObjectField: field(lf, 'object_index', offset),
    locationScriptField: field(lf, 'script_id', offset),
    locationLineField: field(lf, 'line', offset),
    locationColumnField: field(lf, 'column', offset),
    nodeCount: count(h.node_count, 'node_count', offset),
    edgeCount: count(h.edge_count, 'edge_count', offset),
    rootIndex: h.root_index === undefined ? 0 : count(h.root_index, 'root_index', offset),
    extraNativeBytes: typeof h.extra_native_bytes === 'number' ? h.extra_native_bytes : undefined,
  };
  if (layout.nodeTypes.length > 255 || layout.edgeTypes.length > 255) throw bad(offset, 'at most 255 node and edge types');
  if (layout.nodeCount === 0) throw bad(offset, 'at least one node (node_count is 0)');
  if (layout.rootIndex % layout.nodeFieldCount !== 0 || layout.rootIndex / layout.nodeFieldCount >= layout.nodeCount) {
    throw bad(offset, 'root_index to point at a node');
  }
  return layout;
}
