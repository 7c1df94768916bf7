/**
 * What a `leak-hunt` session has captured so far, kept as it streams in, so a session the user
 * stops still leaves a readable report next to its snapshots (runHunt only hands back a partial
 * report when the target fails, not when it is cancelled).
 */
import type { LiveTrend } from '../../core/hunt';
import { REPORT_SCHEMA_VERSION, type MemorySample, type Report, type SnapshotRef } from '../../shared/report';

export class HuntCapture {
  readonly samples: MemorySample[] = [];
  readonly snapshots: SnapshotRef[] = [];
  live?: LiveTrend;
  private readonly startedAt = new Date();

  addSample(sample: MemorySample, live: LiveTrend): void {
    if (live.run !== 'hunt') return;
    this.samples.push(sample);
    this.live = live;
  }

  addSnapshot(snapshot: SnapshotRef): void {
    this.snapshots.push(snapshot);
  }

  /** An inconclusive report of what was captured before `why` stopped the hunt. */
  partialReport(why: string, command?: string[]): Report {
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      verdict: 'inconclusive',
      trend: {
        samples: [...this.samples],
        slopeBytesPerSec: this.live?.slopeBytesPerSec ?? 0,
        ci95: this.live?.ci95 ?? [0, 0],
        warmupEndsAt: 0,
        reason: why,
      },
      snapshots: [...this.snapshots],
      suspects: [],
      ...(command ? { target: { command } } : {}),
      startedAt: this.startedAt.toISOString(),
      durationSec: Number(((Date.now() - this.startedAt.getTime()) / 1000).toFixed(1)),
      warnings: [`${why}: ${this.samples.length} samples and ${this.snapshots.length} snapshots were captured, no verdict was reached`],
    };
  }
}
