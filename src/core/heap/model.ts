/**
 * The heap engine's port: plain, serialisable results that cross process boundaries
 * (CLI in-process, language server worker → extension). The hunt (core/hunt) and the
 * extension may import this file only, never the engine itself, so the analysis can run
 * anywhere. Implemented by core/heap; the engine may add optional fields, never break these.
 */
import type { CancellationToken } from '../common/cancellation';
import type { ProgressSink } from '../common/progress';
import type { ClassGrowth, RootKind } from '../../shared/report';

/** A position in a script as the snapshot knows it. 1-based line and column. */
export interface ScriptLocation {
  /** As V8 names the script: an absolute path for CommonJS, a file:// URL for ES modules, node:… for built-ins. */
  scriptName: string;
  scriptId: number;
  line: number;
  column: number;
}

/** One hop on a retainer path, from the GC root side towards the object. */
export interface PathStep {
  /** Edge name as a person reads it: property or variable name, `[3]` for elements. */
  edge: string;
  /** context | element | property | internal | hidden | shortcut | weak */
  edgeType: string;
  /** Class name (DevTools naming) of the node this edge points to. */
  node: string;
  /** V8 node type of that node: object, closure, array, hidden… */
  nodeType: string;
  /** Heap object id of that node in the snapshot the path was taken from. */
  nodeId: number;
  selfSize?: number;
  retainedSize?: number;
  /** Source location, when the node is a closure or an instance of a class with a script. */
  location?: ScriptLocation;
}

/** The first user-code owner on a retainer path: what keeps the growth alive. */
export interface RetainingRoot {
  /** Variable, field or event name as written in the source (`cache`, `this.items`, `data`). */
  name: string;
  kind: RootKind;
  /**
   * Where to look for the declaration: for a closure/module variable, the function whose scope
   * holds it (for module scope, any closure of that module); for a class field, the
   * constructor; for a listener, the listener function; for a timer, the timer callback.
   */
  location?: ScriptLocation;
  /** Name of the object holding the field / emitter / timer list, when relevant. */
  holderClass?: string;
  /** Index of the path step that is the root. */
  pathIndex: number;
}

export type OwnerKind = 'map' | 'set' | 'weakmap' | 'array' | 'listeners' | 'timers' | 'context' | 'object';

/** A collection or object that grew across every rung of the ladder. */
export interface GrowingOwner {
  /** Heap object id in the last snapshot. */
  nodeId: number;
  className: string;
  ownerKind: OwnerKind;
  /** Entry count per rung (Map/Set entries, array length, listeners for `eventName`, active timers). */
  sizes: number[];
  retainedSizes: number[];
  countDelta: number;
  retainedDelta: number;
  /** True when both size and retained size grew at every rung. */
  monotonic: boolean;
  /** What the added entries are (top classes by count among the owner's new children). */
  entryClasses: { className: string; count: number }[];
  /** For listener growth: the event name. */
  eventName?: string;
  retainerPath: PathStep[];
  root?: RetainingRoot;
  /** LeakShare-style share of the ladder's total retained growth attributed to this owner (0..1). */
  share?: number;
}

// One class's growth across the ladder is also a wire type (comparison.json, the panel's table).
export type { ClassGrowth } from '../../shared/report';

export interface RungSummary {
  file: string;
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
}

export interface LadderResult {
  rungs: RungSummary[];
  /** How objects were matched across rungs: heap ids (canary survived) or retainer-path identity. */
  identity: 'object-id' | 'path';
  /** Sorted by retained growth, descending. */
  classes: ClassGrowth[];
  /** Sorted by retained growth, descending; the top few. */
  owners: GrowingOwner[];
}

export interface LadderOptions {
  token?: CancellationToken;
  progress?: ProgressSink;
  /** How many growing owners to return (default 10). */
  topOwners?: number;
  /**
   * Heap object id of a canary object that should keep its id in every snapshot; when it is
   * missing from a later snapshot, ids were reset (HeapProfiler.disable) and path identity is used.
   */
  canaryIds?: (number | undefined)[];
}

/** Runs heap analysis somewhere: in-process (CLI), in a worker, or in the language server. */
export interface SnapshotAnalyzer {
  analyzeLadder(files: string[], options?: LadderOptions): Promise<LadderResult>;
  dispose?(): void;
}
