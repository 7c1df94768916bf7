/**
 * The hunt report: what `leak-hunter hunt --json` writes and what the extension stores.
 * Contract: ../shared/DESIGN.md "Report contract". Lines and columns are 1-based, ends
 * exclusive (SARIF regions); file paths are absolute.
 */

export const REPORT_SCHEMA_VERSION = 1;

export type Verdict = 'leak' | 'no-leak' | 'inconclusive';

export type Archetype = 'unbounded-collection' | 'growing-array' | 'listener' | 'timer' | 'closure' | 'other';

export type FixKind = 'lru-cap' | 'ttl' | 'weakmap' | 'remove-listener' | 'clear-timer' | 'bound-array' | 'release-reference';

export type RootKind =
  | 'module-variable'
  | 'closure-variable'
  | 'global'
  | 'class-field'
  | 'listener'
  | 'timer'
  | 'other';

export interface MemorySample {
  /** Seconds of the target's running time since the hunt started: spans in which it was frozen for a heap snapshot or held at a breakpoint are left out. */
  t: number;
  heapUsed: number;
  rss: number;
  external?: number;
  arrayBuffers?: number;
}

export interface Trend {
  samples: MemorySample[];
  slopeBytesPerSec: number;
  ci95: [number, number];
  /** Seconds; samples before it are warm-up and excluded from the fit. */
  warmupEndsAt: number;
  reason: string;
  /** Mann–Kendall trend test p-value (one-sided, increasing). */
  pValue?: number;
  /** When inconclusive: seconds of further sampling estimated to reach a decision. */
  needMoreSeconds?: number;
}

export interface SnapshotRef {
  file: string;
  t: number;
  heapUsed: number;
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface RetainerStep {
  edge: string;
  edgeType: string;
  node: string;
  nodeType: string;
}

export interface TextEdit {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface Fix {
  kind: FixKind;
  title: string;
  edits: TextEdit[];
  /** Why this fix bounds the lifetime, shown beside the diff. */
  explanation?: string;
}

export interface Suspect {
  rank: number;
  className: string;
  archetype: Archetype;
  countDelta: number;
  retainedDelta: number;
  growthBytesPerSec: number;
  retainerPath: RetainerStep[];
  root: { name: string; kind: RootKind; location?: SourceLocation };
  growthSite?: { location: SourceLocation };
  fix?: Fix;
  /**
   * Other fixes that fit the same suspect (e.g. TTL besides an LRU cap; `once`, an AbortSignal
   * or removal at the teardown besides keeping the recent listeners). `fix` stays the preferred
   * one; reports written before this field existed simply lack it.
   */
  alternatives?: Fix[];
  /** Entry counts of the growing collection at each rung, when it is one. */
  collectionSizes?: number[];
  /** Retained size of the owner at each rung. */
  retainedSizes?: number[];
}

/** Growth of one class (DevTools naming) across a snapshot ladder: one value per rung. */
export interface ClassGrowth {
  className: string;
  counts: number[];
  shallowSizes: number[];
  retainedSizes: number[];
  /** Objects of this class in the last rung that did not exist in the first (by id, or path fallback). */
  newCount: number;
  monotonic: boolean;
}

export interface VerifyResult {
  verdict: Verdict;
  before: { slopeBytesPerSec: number; ci95: [number, number] };
  after: { slopeBytesPerSec: number; ci95: [number, number] };
  samples: MemorySample[];
  fixKind: FixKind;
  /** When growth remains: the next retainer to chase. */
  nextSuspect?: Suspect;
  scratchDir?: string;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  verdict: Verdict;
  trend: Trend;
  snapshots: SnapshotRef[];
  suspects: Suspect[];
  /** Present when the fix was verified by a re-run. */
  verify?: VerifyResult;
  /** Target description and timing, for people reading the report. */
  target?: { command?: string[]; attach?: string; pid?: number; nodeVersion?: string };
  startedAt?: string;
  durationSec?: number;
  /** Problems met on the way (a snapshot skipped, a target that exited) that did not stop the hunt. */
  warnings?: string[];
}

/** Process exit codes of `leak-hunter hunt`. */
export const ExitCode = { noLeak: 0, leak: 1, error: 2, inconclusive: 3 } as const;
