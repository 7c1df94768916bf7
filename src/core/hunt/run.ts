/**
 * One run against one target: sample after forced GCs under the workload until the verdict is
 * decided or the budget ends, taking the snapshot ladder while the growth continues, then
 * (for a leak) analyse the ladder and attribute the growth to suspects.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MemorySample, SnapshotRef } from '../../shared/report';
import { delay, throwIfCancelled, type CancellationToken } from '../common/cancellation';
import { errorMessage, isCancellation, LeakHunterError } from '../common/errors';
import type { ProgressSink } from '../common/progress';
import { captureSnapshot, checkSnapshotHeadroom } from '../cdp/snapshot';
import type { LadderResult } from '../heap/model';
import { assessTrend, looksLikeGrowth, type TrendAssessment } from '../leak/verdict';
import { isPlainJsFile, scriptPath } from '../leak/script';
import { HuntClock } from './huntClock';
import { openTarget, type OpenTarget, type TargetSpec } from './target';
import type { HuntObserver, HuntOptions } from './types';
import { startWorkload, type WorkloadDriver, type WorkloadStats } from './workload';

export interface RunResult {
  samples: MemorySample[];
  assessment: TrendAssessment;
  snapshots: SnapshotRef[];
  canaryIds: (number | undefined)[];
  ladder?: LadderResult;
  /** Sources the runtime executed for scripts that are not plain JavaScript on disk (TypeScript via a loader). */
  runtimeSources: Map<string, string>;
  info: OpenTarget['info'];
  workload?: WorkloadStats;
  warnings: string[];
  /** Set when the run ended early because of an error; what was captured is still here. */
  failure?: LeakHunterError;
  durationSec: number;
}

async function collectRuntimeSources(session: OpenTarget['session'], ladder: LadderResult, into: Map<string, string>): Promise<void> {
  const wanted = new Map<string, number>();
  for (const o of ladder.owners) {
    for (const loc of [o.root?.location, ...o.retainerPath.map(s => s.location)]) {
      const file = loc && scriptPath(loc.scriptName);
      if (loc && file && !isPlainJsFile(file) && !wanted.has(loc.scriptName)) wanted.set(loc.scriptName, loc.scriptId);
    }
  }
  for (const [name, id] of wanted) {
    try {
      const { scriptSource } = await session.conn.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: String(id) });
      if (scriptSource) into.set(name, scriptSource);
    } catch {
      // Unknown script id (ids were reset, or another isolate): attribution falls back to the file on disk.
    }
  }
}

/** Runs sampling + ladder (+ analysis when leaking) against `target`. Never throws for target failures: see `failure`. */
export async function runOnce(
  target: TargetSpec,
  options: HuntOptions,
  run: 'hunt' | 'verify',
  observer: HuntObserver,
  progress: ProgressSink,
  token: CancellationToken,
  snapshotPrefix: string,
): Promise<RunResult> {
  const started = Date.now();
  const warnings: string[] = [];
  const warn = (m: string) => (warnings.push(m), observer.onWarning?.(m));
  const samples: MemorySample[] = [];
  const snapshots: SnapshotRef[] = [];
  const canaryIds: (number | undefined)[] = [];
  const wanted = Math.max(3, options.snapshots ?? 3);
  const rungGap = options.rungIntervalSec ?? 5;
  const interval = options.sampleIntervalMs ?? 500;
  const vopts = options.verdict ?? {};
  const maxSec = vopts.maxDurationSec ?? 90;
  let assessment: TrendAssessment = assessTrend([], vopts);
  let t: OpenTarget | undefined;
  let workload: WorkloadDriver | undefined;
  const runtimeSources = new Map<string, string>();
  const result = (extra: Partial<RunResult> = {}): RunResult => ({
    runtimeSources,
    samples, assessment, snapshots, canaryIds, info: t?.info ?? {}, workload: workload?.stats(), warnings, durationSec: (Date.now() - started) / 1000, ...extra,
  });
  try {
    observer.onPhase?.('launch', target.kind === 'launch' ? target.command.join(' ') : target.kind);
    t = await openTarget(target, observer.onOutput);
    const session = t.session;
    fs.mkdirSync(options.outDir, { recursive: true });
    workload = startWorkload(options.workload ?? { kind: 'none' }, { evaluate: e => session.evaluate(e) });
    observer.onPhase?.('sampling', `sampling every ${interval} ms`);
    const clock = new HuntClock();
    const now = () => clock.now();
    let lastRungAt = -Infinity;
    let next = Date.now();
    for (;;) {
      throwIfCancelled(token);
      if (session.conn.closed) throw new LeakHunterError('target-gone', t.goneReason() ?? 'the target went away');
      const waitFrom = Date.now();
      let waited = false;
      await session.waitWhilePaused(token, () => {
        waited = true;
        warn('the target is paused (a breakpoint) or its event loop is blocked: sampling waits until it runs again');
      });
      if (waited) clock.exclude(Date.now() - waitFrom);
      const sample = await session.sample(Number(now().toFixed(3)));
      samples.push(sample);
      assessment = assessTrend(samples, vopts);
      observer.onSample?.(sample, { slopeBytesPerSec: assessment.slopeBytesPerSec, ci95: assessment.ci95, decision: assessment.decision, reason: assessment.reason, run });
      progress({ phase: run === 'verify' ? 'verify' : 'sampling', fraction: Math.min(1, sample.t / maxSec), message: `${samples.length} samples` });
      const growing = assessment.decision === 'leak' || looksLikeGrowth(samples, vopts);
      if (snapshots.length < wanted && growing && sample.t >= 8 && sample.t - lastRungAt >= (assessment.decision === 'leak' ? Math.min(rungGap, 3) : rungGap)) {
        const warning = await checkSnapshotHeadroom(session);
        if (warning) warn(warning);
        observer.onPhase?.('snapshot', `snapshot ${snapshots.length + 1}/${wanted}`);
        const file = path.join(options.outDir, `${snapshotPrefix}-${snapshots.length + 1}.heapsnapshot`);
        const tSnap = now();
        const cap = await clock.frozen(() => captureSnapshot(session, file, { token, progress, phase: `snapshot ${snapshots.length + 1}/${wanted}` }));
        const ref: SnapshotRef = { file, t: Number(tSnap.toFixed(3)), heapUsed: sample.heapUsed };
        snapshots.push(ref);
        canaryIds.push(cap.canaryId);
        observer.onSnapshot?.(ref);
        lastRungAt = now();
        observer.onPhase?.('sampling');
      }
      if (assessment.decision === 'no-leak') break;
      if (assessment.decision === 'leak' && snapshots.length >= wanted) break;
      if (sample.t >= maxSec) break;
      next += interval;
      const wait = next - Date.now();
      if (wait > 0) await delay(wait, token);
      else next = Date.now();
    }
    workload.dispose();
    const ws = workload.stats();
    if (ws.errors > 0 && ws.ok === 0) warn(`the workload never succeeded (${ws.errors} errors${ws.lastError ? `, last: ${ws.lastError}` : ''}): the target may not have been exercised`);
    if (assessment.decision !== 'leak') return result();
    if (snapshots.length < 3) return result({ failure: new LeakHunterError('ladder', `only ${snapshots.length} snapshots could be taken before the budget ran out`) });
    observer.onPhase?.('analysis', `analysing ${snapshots.length} snapshots`);
    const ladder = await options.analyzer.analyzeLadder(snapshots.map(s => s.file), { token, progress, canaryIds, topOwners: 10 });
    // While the target still runs: fetch what a loader executed for scripts that are not JS on disk.
    await collectRuntimeSources(session, ladder, runtimeSources);
    t.dispose();
    if (ladder.identity === 'path') warn('heap object ids were reset between snapshots (another tool called HeapProfiler.disable): objects were matched by retainer path');
    return result({ ladder });
  } catch (e) {
    if (isCancellation(e)) throw e;
    if (t?.launched && !t.launched.hasExited) {
      // An exiting Node waits for its debugger to disconnect before it reports its exit code.
      t.session.conn.dispose();
      await Promise.race([t.launched.exited, new Promise(r => setTimeout(r, 2000))]);
    }
    const gone = t?.goneReason();
    const message = gone && !(e instanceof LeakHunterError && e.code === 'heap-limit') ? gone : errorMessage(e);
    const code = e instanceof LeakHunterError ? e.code : 'runtime';
    return result({ failure: new LeakHunterError(gone ? 'target-gone' : code, message) });
  } finally {
    workload?.dispose();
    t?.dispose();
    if (t?.launched) await t.launched.shutdown().catch(() => undefined);
  }
}
