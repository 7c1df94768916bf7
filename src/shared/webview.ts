/**
 * The webview wire contract, both directions, for the Leak Hunter panel.
 *
 * Both ends validate what they receive: the host checks what the webview sends (a webview is
 * a page that renders attacker-influenced strings from heap snapshots), and the webview checks
 * what the host sends (a stale or mismatched host must produce a clear error, not a crash).
 * The comparison table is fed by paged requests only: a heap ladder can hold 100k classes and
 * whole snapshots never cross this boundary.
 *
 * Pure types and functions only: this file is bundled into the browser and the extension host.
 */
import type {
  ClassGrowth,
  MemorySample,
  SnapshotRef,
  SourceLocation,
  Suspect,
  Trend,
  Verdict,
  VerifyResult,
} from './report';

/** Bumped when a message changes shape incompatibly; `ready` carries it so the host can refuse. */
export const WEBVIEW_PROTOCOL_VERSION = 1;

/** Largest page the host will serve; protects the host from a page asking for everything. */
export const MAX_PAGE_LIMIT = 1000;
export const MAX_FILTER_LENGTH = 200;

// ---------------------------------------------------------------------------------------------
// Shared shapes

export type HuntPhase =
  | 'idle'
  | 'starting'
  | 'warmup'
  | 'sampling'
  | 'snapshotting'
  | 'analyzing'
  | 'verifying'
  | 'done'
  | 'cancelled'
  | 'failed';

export const HUNT_PHASES: readonly HuntPhase[] = [
  'idle', 'starting', 'warmup', 'sampling', 'snapshotting', 'analyzing', 'verifying', 'done', 'cancelled', 'failed',
];

/** Phases in which the hunt is still producing data. */
export function isRunningPhase(phase: HuntPhase): boolean {
  return phase !== 'idle' && phase !== 'done' && phase !== 'cancelled' && phase !== 'failed';
}

export interface HuntStatus {
  phase: HuntPhase;
  /** One line for people: "Taking snapshot 2 of 3". */
  message?: string;
  elapsedSec?: number;
  budgetSec?: number;
  snapshotsTaken?: number;
  snapshotsPlanned?: number;
  /** What is being hunted: a session name or a command line. */
  target?: string;
}

/** The statistical fit of the trend, without its samples (those stream separately). */
export type TrendFit = Omit<Trend, 'samples'>;

/** What the comparison table can page through; the rows themselves come by `comparisonPage`. */
export interface ComparisonSummary {
  /** Rows before any filter. */
  total: number;
  /** Snapshots (rungs) in the ladder; each row has this many per-rung values. */
  rungs: number;
  identity?: 'object-id' | 'path';
}

/**
 * The report as far as the hunt has got. Every part is optional except the sample list, so the
 * same shape covers "just started", "sampling", "analysed" and a saved report reopened later.
 */
export interface ReportSoFar {
  samples: MemorySample[];
  trend?: TrendFit;
  verdict?: Verdict;
  snapshots: SnapshotRef[];
  suspects: Suspect[];
  comparison?: ComparisonSummary;
  verify?: VerifyResult;
  warnings?: string[];
}

/** One class in the snapshot comparison: its growth, plus the deltas the table sorts on, computed by the host. */
export interface ComparisonRow extends ClassGrowth {
  /** Last rung minus first rung. */
  countDelta: number;
  shallowDelta: number;
  retainedDelta: number;
}

export type ComparisonSortKey = 'className' | 'countDelta' | 'shallowDelta' | 'retainedDelta' | 'newCount' | 'monotonic';
export const COMPARISON_SORT_KEYS: readonly ComparisonSortKey[] = [
  'className', 'countDelta', 'shallowDelta', 'retainedDelta', 'newCount', 'monotonic',
];
export type SortDirection = 'asc' | 'desc';

export interface ComparisonQuery {
  offset: number;
  limit: number;
  sort: { key: ComparisonSortKey; direction: SortDirection };
  /** Case-insensitive substring of the class name; empty means all rows. */
  filter: string;
}

// ---------------------------------------------------------------------------------------------
// Host → webview

export type HostToWebviewMessage =
  /** Everything the panel shows; sent in answer to `ready` and whenever the host resets the view. */
  | { type: 'state'; protocol: number; status: HuntStatus; report: ReportSoFar }
  | { type: 'status'; status: HuntStatus }
  /** Live samples appended to the chart, in time order. Batched so the host can coalesce. */
  | { type: 'samples'; samples: MemorySample[] }
  | { type: 'snapshot'; snapshot: SnapshotRef }
  /** Verdict, fit, suspects and comparison summary, whenever analysis produces new ones. */
  | { type: 'analysis'; verdict?: Verdict; trend?: TrendFit; suspects: SuspectUpdate; comparison?: ComparisonSummary }
  | { type: 'comparisonPage'; requestId: number; query: ComparisonQuery; total: number; rows: ComparisonRow[] }
  /** `requestId` set when the error answers a page request. */
  | { type: 'error'; message: string; detail?: string; requestId?: number };

/** Suspects replace the previous list (ranks may change between analyses). */
export type SuspectUpdate = Suspect[];

// ---------------------------------------------------------------------------------------------
// Webview → host

export type WebviewToHostMessage =
  /** Posted once the message listener is registered; the host answers with `state`. */
  | { type: 'ready'; protocol: number }
  | ({ type: 'requestComparisonPage'; requestId: number } & ComparisonQuery)
  | { type: 'openLocation'; location: SourceLocation }
  /** `text` is the path as the panel shows it, so the clipboard matches what the user saw. */
  | { type: 'copyRetainerPath'; rank: number; text: string }
  | { type: 'startHunt' }
  | { type: 'verifyFix'; rank: number }
  /** `alternative`: index into the suspect's `alternatives`; absent for the preferred fix. */
  | { type: 'applyFix'; rank: number; alternative?: number };

// ---------------------------------------------------------------------------------------------
// Helpers both ends share, so the host answers pages exactly the way the panel asks for them.

/** A comparison row from a class's growth. */
export function comparisonRowFromGrowth(g: ClassGrowth): ComparisonRow {
  const delta = (xs: number[]) => (xs.length ? xs[xs.length - 1] - xs[0] : 0);
  return {
    className: g.className,
    counts: g.counts,
    shallowSizes: g.shallowSizes,
    retainedSizes: g.retainedSizes,
    newCount: g.newCount,
    monotonic: g.monotonic,
    countDelta: delta(g.counts),
    shallowDelta: delta(g.shallowSizes),
    retainedDelta: delta(g.retainedSizes),
  };
}

/** Total order for a sort key; ties fall back to the class name so pages are stable. */
export function compareRows(key: ComparisonSortKey, direction: SortDirection): (a: ComparisonRow, b: ComparisonRow) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: ComparisonRow, b: ComparisonRow) => (a.className < b.className ? -1 : a.className > b.className ? 1 : 0);
  if (key === 'className') return (a, b) => sign * byName(a, b);
  return (a, b) => {
    const x = key === 'monotonic' ? Number(a.monotonic) - Number(b.monotonic) : a[key] - b[key];
    return x !== 0 ? sign * x : byName(a, b);
  };
}

/**
 * Filters, sorts and slices `rows` for a query. A host holding the ladder's classes in memory can
 * answer `requestComparisonPage` with this; one holding them elsewhere must give the same order.
 */
export function queryComparisonPage(rows: readonly ComparisonRow[], q: ComparisonQuery): { total: number; rows: ComparisonRow[] } {
  const needle = q.filter.trim().toLowerCase();
  const matched = needle ? rows.filter(r => r.className.toLowerCase().includes(needle)) : rows.slice();
  matched.sort(compareRows(q.sort.key, q.sort.direction));
  return { total: matched.length, rows: matched.slice(q.offset, q.offset + q.limit) };
}

/** The retainer path as one line per hop, root first: what "copy retainer path" puts on the clipboard. */
export function formatRetainerPath(steps: readonly { edge: string; edgeType: string; node: string }[]): string {
  return steps.map((s, i) => `${'  '.repeat(i)}${i ? '→ ' : ''}${s.edge} (${s.edgeType}) ${s.node}`).join('\n');
}
