/**
 * Worker-thread side of the heap engine: parses the `edges` section of a snapshot file into
 * shared columns while the main thread reads everything else, and builds the dominator tree
 * while the main thread computes shallow sizes.
 */
import { parentPort } from 'node:worker_threads';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { LeakHunterError } from '../../common/errors';
import { dfsFromRoot, finishDominators, type DfsState, type DominatorInput } from '../analysis/dominators';
import { essentialEdges, markPageOwned, type EssentialInput } from '../analysis/essentialEdges';
import { fileChunks, findInFileSync } from '../parse/byteSource';
import type { SnapshotLayout } from '../parse/meta';
import { ByteReader } from '../parse/reader';
import { scanNumberArray } from '../parse/scanners';
import { EdgeSink } from '../parse/sinks';
import { mark } from './phaseTrace';
import { releaseScratch } from '../analysis/scratch';
import { pathTreeBfs, type PathTreeInput } from '../analysis/retainerPaths';

export interface ParseEdgesRequest {
  cmd: 'parseEdges';
  file: string;
  layout: SnapshotLayout;
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
}

export type StepRequest =
  | ({ cmd: 'essential' } & EssentialInput)
  | ({ cmd: 'dfs' } & Omit<DominatorInput, 'essential'> & { essential?: Uint8Array })
  | { cmd: 'finish'; first: Uint32Array; from: Uint32Array }
  | ({ cmd: 'pathTree' } & Omit<PathTreeInput, 'essential'>);

// This thread's garbage is a few large typed arrays; collecting them right after each step keeps
// the process's peak RSS down (the flag only affects this worker's isolate being able to call gc).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as (() => void) | undefined;

// The DFS state lives here between the 'dfs' and 'finish' steps of one analysis.
let pendingDfs: { input: DominatorInput; state: DfsState } | undefined;

async function parseEdges(req: ParseEdgesRequest): Promise<{ start: number }> {
  // Numeric arrays hold no quotes, so the first `"edges":` after `"nodes":` is the key.
  mark('idle');
  const nodesKey = findInFileSync(req.file, '"nodes":');
  const key = nodesKey < 0 ? -1 : findInFileSync(req.file, '"edges":', nodesKey);
  if (key < 0) throw new LeakHunterError('bad-snapshot', 'Not a valid heap snapshot: no "edges" section found', { offset: 0, section: 'edges' });
  mark('find edges');
  const at = key + '"edges":'.length;
  const it = fileChunks(req.file, undefined, at)[Symbol.asyncIterator]();
  const r = new ByteReader(it);
  r.base = at;
  r.section = 'edges';
  try {
    await r.peek();
    const start = r.offset;
    const sink = new EdgeSink(req.layout, req);
    await scanNumberArray(r, sink);
    const err = sink.finish();
    if (err) throw r.fail(err);
    mark('parse edges');
    return { start };
  } finally {
    await it.return?.(undefined);
  }
}

/** Essential-edge flags of the snapshot being analysed, for a 'dfs' request that sends none. */
let lastEssential: Uint8Array | undefined;
/** The last parse failed: steps queued behind it are refused rather than run on partial columns. */
let edgesFailed = false;

async function handle(msg: ParseEdgesRequest | StepRequest): Promise<{ body: Record<string, unknown>; transfer?: ArrayBuffer[] }> {
  if (msg.cmd === 'parseEdges') {
    lastEssential = undefined;
    edgesFailed = true;
    const res = await parseEdges(msg);
    edgesFailed = false;
    collect?.();
    return { body: res };
  }
  if (edgesFailed) throw new Error('the edges section could not be read');
  if (msg.cmd === 'essential') {
    mark('idle');
    const pageOwned = markPageOwned(msg);
    const essential = essentialEdges(msg, pageOwned, true);
    releaseScratch(pageOwned);
    lastEssential = essential;
    mark('essential');
    return { body: { essential } };
  }
  if (msg.cmd === 'dfs') {
    const essential = msg.essential ?? lastEssential;
    if (!essential) throw new Error('dfs before essential');
    mark('idle');
    const input = { ...msg, essential };
    pendingDfs = { input, state: dfsFromRoot(input) };
    mark('dfs');
    return { body: {} };
  }
  if (msg.cmd === 'pathTree') {
    if (!lastEssential) throw new Error('path tree before essential');
    mark('idle');
    const parentEdge = new Uint32Array(new SharedArrayBuffer(msg.nodeCount * 4));
    pathTreeBfs({ ...msg, essential: lastEssential }, parentEdge);
    mark('path tree');
    return { body: { parentEdge } };
  }
  if (!pendingDfs) throw new Error('finish before dfs');
  mark('idle');
  const tree = finishDominators(pendingDfs.input, pendingDfs.state, msg);
  pendingDfs = undefined;
  mark('finish dominators');
  collect?.();
  return { body: { tree }, transfer: [tree.idom.buffer as ArrayBuffer, tree.order.buffer as ArrayBuffer] };
}

const port = parentPort;
if (port) {
  // Requests run one after another, in order, even across the parse's awaits: the main thread
  // queues 'essential' and 'dfs' behind 'parseEdges' so they start the moment the edges are in.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (msg: (ParseEdgesRequest | StepRequest) & { id: number }) => {
    queue = queue.then(async () => {
      try {
        const { body, transfer } = await handle(msg);
        port.postMessage({ id: msg.id, ok: true, ...body }, transfer ?? []);
      } catch (e) {
        const error = { message: (e as Error)?.message ?? String(e), code: (e as LeakHunterError)?.code, details: (e as LeakHunterError)?.details };
        port.postMessage({ id: msg.id, ok: false, error });
      }
    });
  });
}
