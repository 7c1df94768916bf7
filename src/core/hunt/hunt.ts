/**
 * The hunt: confirm, capture, attribute, fix, and (optionally) verify. One implementation for
 * the CLI and the extension: options in, a contract Report out, progress and live samples on
 * the way, cancellable at every step.
 */
import path from 'node:path';
import { REPORT_SCHEMA_VERSION, type Report, type Suspect } from '../../shared/report';
import { neverCancelled, type CancellationToken } from '../common/cancellation';
import { noProgress, type ProgressSink } from '../common/progress';
import { finalVerdict } from '../leak/verdict';
import { runOnce, type RunResult } from './run';
import { suspectsFor } from './suspects';
import { HuntError, type HuntObserver, type HuntOptions } from './types';
import { verifyFix } from './verify';

/** Builds the contract report for a run. */
export function reportFor(r: RunResult, suspects: Suspect[], startedAt: Date): Report {
  const a = r.assessment;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: r.failure && a.decision === 'undecided' ? 'inconclusive' : finalVerdict(a),
    trend: {
      samples: r.samples.map(s => ({ t: s.t, heapUsed: s.heapUsed, rss: s.rss, external: s.external, arrayBuffers: s.arrayBuffers })),
      slopeBytesPerSec: a.slopeBytesPerSec,
      ci95: a.ci95,
      warmupEndsAt: a.warmupEndsAt,
      reason: a.reason,
      pValue: a.pValue,
      ...(a.decision === 'undecided' && a.needMoreSeconds !== undefined ? { needMoreSeconds: a.needMoreSeconds } : {}),
    },
    snapshots: r.snapshots,
    suspects,
    target: { ...(r.info.command ? { command: r.info.command } : {}), ...(r.info.attach ? { attach: r.info.attach } : {}), pid: r.info.pid, nodeVersion: r.info.nodeVersion },
    startedAt: startedAt.toISOString(),
    durationSec: Number(r.durationSec.toFixed(1)),
    ...(r.warnings.length ? { warnings: [...r.warnings] } : {}),
  };
}

/**
 * Runs a full hunt against `options.target` and returns the report. A target that exits or
 * crashes part way raises a HuntError whose `partial` report keeps what was captured.
 */
export async function runHunt(options: HuntOptions, observer: HuntObserver = {}, progress: ProgressSink = noProgress, token: CancellationToken = neverCancelled): Promise<Report> {
  const startedAt = new Date();
  const t0 = Date.now();
  const r = await runOnce(options.target, options, 'hunt', observer, progress, token, 'hunt');
  observer.onPhase?.('fix');
  const { suspects, fixes } = suspectsFor(r);
  const report = reportFor(r, suspects, startedAt);
  if (r.failure) throw new HuntError(r.failure.code, r.failure.message, report);
  if (report.verdict === 'leak' && suspects.length === 0) (report.warnings ??= []).push('the leak was confirmed but no growing owner could be attributed in the ladder');
  const top = suspects.find(s => fixes.has(s.rank));
  if (options.verifyFix && report.verdict === 'leak') {
    if (!top) (report.warnings ??= []).push('--verify-fix: no fix to verify');
    else if (options.target.kind !== 'launch') (report.warnings ??= []).push('--verify-fix needs a launched target (-- node app.js): an attached process cannot be restarted with the fix');
    else {
      observer.onPhase?.('verify', top.fix!.title);
      report.verify = await verifyFix(options, report, fixes.get(top.rank)!, observer, progress, token);
    }
  }
  report.durationSec = Number(((Date.now() - t0) / 1000).toFixed(1));
  observer.onPhase?.('done', report.verdict);
  return report;
}

/** Default output folder under `cwd`: leak-hunt-<timestamp>. */
export function defaultOutDir(cwd: string, now = new Date()): string {
  return path.join(cwd, `leak-hunt-${now.toISOString().replace(/[:.]/g, '-').replace(/Z$/, '')}`);
}
