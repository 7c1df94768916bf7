import { LeakHunterError } from '../../common/errors';
import type { CancellationToken } from '../../common/cancellation';
import { throwIfCancelled } from '../../common/cancellation';
import type { ProgressSink } from '../../common/progress';
import { asBytes, fileChunks, gzipFileChunks, type SnapshotChunks } from './byteSource';
import { layoutFromHeader, type SnapshotLayout } from './meta';
import { ByteReader } from './reader';
import { scanNumberArray, scanStringArray, walkValue } from './scanners';
import { EdgeSink, ListSink, NodeSink } from './sinks';
import type { SnapshotData } from './snapshotData';
import { StringTable } from './stringTable';
import * as fs from 'node:fs';
import { mark } from '../parallel/phaseTrace';

export interface ParseOptions {
  token?: CancellationToken;
  progress?: ProgressSink;
  /** Total bytes when known (for progress). */
  totalBytes?: number;
  /** Allocate node and edge columns on SharedArrayBuffers (for worker threads). */
  shared?: boolean;
  /** Another thread parses the `edges` section: this reader skips it and waits for that result. */
  externalEdges?: ExternalEdges;
}

/** A parse of the `edges` section done elsewhere (a worker thread reading the same file). */
export interface ExternalEdges {
  /** Called once the header is known; resolves when the columns are filled, rejects with the reader's error. */
  start(layout: SnapshotLayout): Promise<{ edgeType: Uint8Array; edgeName: Uint32Array; edgeTo: Uint32Array; start: number }>;
  /** Work to do on this thread while the other one finishes (the snapshot has nodes, strings, locations). */
  whileWaiting?(partial: SnapshotData): void;
}

const HEADER_LIMIT = 64 * 1024 * 1024;
const KEY_LIMIT = 4096;

/** Reads a .heapsnapshot (or .heapsnapshot.gz) file into compact columns without holding the file in memory. */
export async function parseSnapshotFile(file: string, options: ParseOptions = {}): Promise<SnapshotData> {
  let size: number | undefined;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch (e) {
    throw new LeakHunterError('io', `Cannot read heap snapshot ${file}: ${(e as Error).message}`, { file });
  }
  if (size === 0) throw new LeakHunterError('bad-snapshot', `Not a valid heap snapshot: ${file} is empty (0 bytes)`, { offset: 0, file });
  if (file.endsWith('.gz')) return parseSnapshot(gzipFileChunks(file), options);
  return parseSnapshot(fileChunks(file), { ...options, totalBytes: options.totalBytes ?? size });
}

/** Reads a snapshot from a stream of byte or string chunks (e.g. CDP addHeapSnapshotChunk). */
export async function parseSnapshot(source: SnapshotChunks, options: ParseOptions = {}): Promise<SnapshotData> {
  const it = asBytes(source)[Symbol.asyncIterator]();
  let nextReport = 0;
  const total = options.totalBytes;
  const r = new ByteReader(it, offset => {
    throwIfCancelled(options.token);
    if (options.progress && offset >= nextReport) {
      nextReport = offset + 64 * 1024 * 1024;
      options.progress({ phase: 'parse', fraction: total ? Math.min(1, offset / total) : undefined });
    }
  });
  try {
    return await parseTop(r, options);
  } finally {
    await it.return?.(undefined);
  }
}

async function readKey(r: ByteReader): Promise<string> {
  await r.expect(34, 'a key string');
  const parts: number[] = [];
  for (;;) {
    if (r.pos >= r.buf.length && !(await r.more())) throw r.fail("the key's closing '\"'", -1);
    const c = r.buf[r.pos++];
    if (c === 34) break;
    if (c === 92 || parts.length > KEY_LIMIT) throw r.fail('a plain key', c, r.offset - 1);
    parts.push(c);
  }
  return String.fromCharCode(...parts);
}

async function readHeader(r: ByteReader): Promise<unknown> {
  const start = r.offset;
  const chunks: Uint8Array[] = [];
  let size = 0;
  await walkValue(r, (buf, from, to) => {
    size += to - from;
    if (size > HEADER_LIMIT) throw r.fail(`a "snapshot" header under ${HEADER_LIMIT} bytes`, undefined, start);
    // A copy: the reader reuses its chunk buffers (Buffer#slice would only be a view).
    chunks.push(Uint8Array.prototype.slice.call(buf, from, to));
  });
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw r.fail(`a JSON object (${(e as Error).message})`, undefined, start);
  }
}

/** Skips a numeric array with indexOf (it holds no ']' before its end); returns the offset of its '['. */
async function skipNumberArray(r: ByteReader): Promise<number> {
  await r.expect(91, "'['");
  const start = r.offset - 1;
  for (;;) {
    const j = r.buf.indexOf(93, r.pos);
    if (j >= 0) {
      r.pos = j + 1;
      return start;
    }
    r.pos = r.buf.length;
    if (!(await r.more())) throw r.fail("the end of the array ']'", -1);
  }
}

async function parseTop(r: ByteReader, options: ParseOptions): Promise<SnapshotData> {
  const first = await r.peek();
  if (first < 0) throw r.fail("'{' (the file is empty)", -1);
  await r.expect(123, "'{' at the start of a heap snapshot");
  let layout: SnapshotLayout | undefined;
  let nodes: NodeSink | undefined;
  let edges: EdgeSink | undefined;
  let external: ReturnType<ExternalEdges['start']> | undefined;
  let skippedEdgesAt = -1;
  let strings: StringTable | undefined;
  const locations = new ListSink();
  let firstKey = true;
  for (;;) {
    const c = await r.peek();
    if (c === 125 && firstKey) break;
    const key = await readKey(r);
    await r.expect(58, "':'");
    const at = r.offset;
    r.section = key;
    if (key === 'snapshot') {
      layout = layoutFromHeader(await readHeader(r), at);
      if (options.externalEdges) {
        external = options.externalEdges.start(layout);
        // Surfaces early if we never reach the join (e.g. a parse error here first).
        external.catch(() => undefined);
      }
    } else if (key === 'nodes' || key === 'edges') {
      if (!layout) throw r.fail('the "snapshot" header before the "nodes" and "edges" sections', undefined, at);
      if (key === 'nodes') {
        nodes = new NodeSink(layout, options.shared);
        await scanNumberArray(r, nodes);
        const err = nodes.finish();
        if (err) throw r.fail(err);
      } else if (external) {
        skippedEdgesAt = await skipNumberArray(r);
      } else {
        edges = new EdgeSink(layout, undefined, options.shared);
        await scanNumberArray(r, edges);
        const err = edges.finish();
        if (err) throw r.fail(err);
      }
    } else if (key === 'locations') {
      await scanNumberArray(r, locations);
    } else if (key === 'strings') {
      strings = new StringTable();
      await scanStringArray(r, strings);
    } else {
      await walkValue(r);
    }
    mark(`section ${key}`);
    r.section = 'header';
    firstKey = false;
    const sep = await r.peek();
    if (sep === 44) {
      r.pos++;
      continue;
    }
    if (sep === 125) break;
    throw r.fail("',' or '}' after a section", sep);
  }
  r.pos++;
  const trailing = await r.peek();
  if (trailing >= 0) throw r.fail('the end of the file after the closing \'}\'', trailing);
  if (!layout) throw r.fail('a "snapshot" header (this is JSON, but not a heap snapshot)', undefined, 0);
  if (!nodes) throw r.fail('a "nodes" section', undefined, r.offset);
  if (!edges && skippedEdgesAt < 0) throw r.fail('an "edges" section', undefined, r.offset);
  if (!strings) throw r.fail('a "strings" section', undefined, r.offset);
  const empty = { edgeType: new Uint8Array(0), edgeName: new Uint32Array(0), edgeTo: new Uint32Array(0) };
  const data: SnapshotData = {
    layout,
    nodeCount: layout.nodeCount,
    edgeCount: layout.edgeCount,
    nodeType: nodes.nodeType,
    nodeName: nodes.nodeName,
    nodeId: nodes.nodeId,
    selfSize: nodes.selfSize,
    firstEdge: nodes.firstEdge,
    edgeType: (edges ?? empty).edgeType,
    edgeName: (edges ?? empty).edgeName,
    edgeTo: (edges ?? empty).edgeTo,
    strings,
    locations: locationRows(r, layout, locations),
    rootOrdinal: layout.rootIndex / layout.nodeFieldCount,
    byteLength: r.offset,
  };
  if (external) {
    options.externalEdges?.whileWaiting?.(data);
    mark('whileWaiting');
    const cols = await external;
    mark('wait edges');
    if (cols.start !== skippedEdgesAt) throw r.fail(`the "edges" array at byte ${cols.start}`, undefined, skippedEdgesAt);
    data.edgeType = cols.edgeType;
    data.edgeName = cols.edgeName;
    data.edgeTo = cols.edgeTo;
  }
  validateStringIndexes(r, data);
  mark('validate');
  return data;
}

function locationRows(r: ByteReader, layout: SnapshotLayout, list: ListSink): Uint32Array {
  const lf = layout.locationFieldCount;
  if (list.length % lf !== 0) throw r.fail(`"locations" to hold rows of ${lf} numbers`, undefined, r.offset);
  const rows = list.length / lf;
  const src = list.values;
  // Rows are rewritten in place as [ordinal, scriptId, line, column] (never longer than the source row).
  const out = lf >= 4 ? src : new Uint32Array(rows * 4);
  const nf = layout.nodeFieldCount;
  for (let i = 0; i < rows; i++) {
    const at = i * lf;
    const idx = src[at + layout.locationObjectField];
    if (idx % nf !== 0 || idx / nf >= layout.nodeCount) throw r.fail(`location object_index ${idx} to point at a node`, undefined, r.offset);
    const script = src[at + layout.locationScriptField];
    const line = src[at + layout.locationLineField];
    const column = src[at + layout.locationColumnField];
    out[i * 4] = idx / nf;
    out[i * 4 + 1] = script;
    out[i * 4 + 2] = line;
    out[i * 4 + 3] = column;
  }
  // A view, not a copy: the spare capacity was never written, so it costs no memory.
  return out.subarray(0, rows * 4);
}

function validateStringIndexes(r: ByteReader, d: SnapshotData): void {
  const limit = d.strings.count;
  const names = d.nodeName;
  for (let i = 0; i < d.nodeCount; i++) {
    if (names[i] >= limit) throw r.fail(`node ${i}'s name to be a string index below ${limit}, got ${names[i]}`, undefined, r.offset);
  }
  // element and hidden edges carry numbers; every other edge type names a string.
  const numeric = new Uint8Array(d.layout.edgeTypes.length);
  d.layout.edgeTypes.forEach((t, i) => (numeric[i] = t === 'element' || t === 'hidden' ? 1 : 0));
  const { edgeType, edgeName } = d;
  for (let e = 0; e < d.edgeCount; e++) {
    if (numeric[edgeType[e]] === 0 && edgeName[e] >= limit) {
      throw r.fail(`edge ${e}'s name to be a string index below ${limit}, got ${edgeName[e]}`, undefined, r.offset);
    }
  }
}
