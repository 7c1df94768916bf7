/** The orchestrator's public types: options, observer callbacks, and errors that keep partial results. */
import type { Logger } from '../common/logger';
import type { SnapshotAnalyzer } from '../heap/model';
import type { MemorySample, Report, SnapshotRef } from '../../shared/report';
import { LeakHunterError } from '../common/errors';
import type { VerdictOptions } from '../leak/verdict';
import type { TargetSpec } from './target';
import type { WorkloadSpec } from './workload';

export type HuntPhase = 'launch' | 'sampling' | 'snapshot' | 'analysis' | 'fix' | 'verify' | 'done';

export interface HuntOptions {
  target: TargetSpec;
  workload?: WorkloadSpec;
  /** Heap analysis, injected: in-process for the CLI, the language server for the extension. */
  analyzer: SnapshotAnalyzer;
  /** Folder for snapshots (created if missing). */
  outDir: string;
  /** Milliseconds between post-GC samples (default 500). */
  sampleIntervalMs?: number;
  verdict?: Partial<VerdictOptions>;
  /** Snapshots in the ladder (default 3, at least 3). */
  snapshots?: number;
  /** Seconds between ladder rungs (default 5). */
  rungIntervalSec?: number;
  /** Apply the top fix to a scratch copy and re-run the same workload (launch targets only). */
  verifyFix?: boolean;
  /** Where scratch copies go (default: `<outDir>/verify`). */
  scratchDir?: string;
  logger?: Logger;
}

export interface LiveTrend {
  slopeBytesPerSec: number;
  ci95: [number, number];
  decision: 'leak' | 'no-leak' | 'undecided';
  reason: string;
  /** Which run the sample belongs to: the hunt itself or the verification re-run. */
  run: 'hunt' | 'verify';
}

/** Callbacks for live views (terminal, webview chart). All optional. */
export interface HuntObserver {
  onPhase?(phase: HuntPhase, message?: string): void;
  onSample?(sample: MemorySample, live: LiveTrend): void;
  onSnapshot?(snapshot: SnapshotRef): void;
  onWarning?(message: string): void;
  /** The program's own output (launch targets). */
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
}

/** A hunt that failed part way; `partial` holds what was captured (samples, snapshots on disk). */
export class HuntError extends LeakHunterError {
  constructor(code: string, message: string, readonly partial: Report) {
    super(code, message);
    this.name = 'HuntError';
  }
}
