import * as vscode from 'vscode';
import { LeakHunterError, errorMessage } from '../../core/common/errors';
import type { CancellationToken } from '../../core/common/cancellation';
import type { ProgressReport } from '../../core/common/progress';
import { HuntError, runHunt, type HuntPhase as CorePhase, type WorkloadSpec } from '../../core/hunt';
import { formatRate } from '../../shared/format';
import type { Report } from '../../shared/report';
import type { HuntPhase } from '../../shared/webview';
import type { TargetConnection } from '../debug/targetConnection';
import { ServerAnalyzer } from '../lsp/serverAnalyzer';
import { openLocation } from '../webview/panel';
import { saveReport } from './reportStore';
import type { HuntFiles } from './huntState';
import type { ExtensionCtx } from '../ctx';

export interface EditorHuntOptions {
  target: TargetConnection;
  session: vscode.DebugSession;
  workload: WorkloadSpec;
  dir: string;
  files: HuntFiles;
  token: CancellationToken;
  progress(message: string): void;
  timeBudgetSec: number;
  sampleIntervalMs: number;
  snapshotCount: number;
  /** `verify`: a re-run after a fix; it reports status only and leaves the shown report alone. */
  mode?: 'hunt' | 'verify';
}

/** The panel's name for each phase of the core hunt (Hunt Leak and the leak-hunt launch type). */
export const PANEL_PHASE: Record<CorePhase, HuntPhase> = {
  launch: 'starting',
  sampling: 'sampling',
  snapshot: 'snapshotting',
  analysis: 'analyzing',
  fix: 'analyzing',
  verify: 'verifying',
  done: 'done',
};

/**
 * Runs the core hunt (the same orchestrator as the CLI) over a debug session's target. Live
 * samples go to the panel and status bar, heap analysis to the analysis server, and the report
 * (also a partial one when the target goes away) is saved next to the snapshots and published
 * as diagnostics.
 */
export async function runEditorHunt(ctx: ExtensionCtx, o: EditorHuntOptions): Promise<Report> {
  const analyzer = new ServerAnalyzer(await ctx.client(), o.files.huntId, o.files.comparisonFile);
  const started = Date.now();
  const status = (phase: HuntPhase, message: string) => {
    ctx.state.setStatus({ phase, message, elapsedSec: (Date.now() - started) / 1000, budgetSec: o.timeBudgetSec });
    o.progress(message);
  };
  const minDurationSec = Math.min(30, Math.max(10, Math.floor(o.timeBudgetSec / 2)));
  // A debuggee that exits makes CDP calls fail with protocol errors ("Cannot find context…");
  // knowing the session ended lets the hunt say what actually happened.
  let ended = false;
  const ids = new Set([o.session.id, o.session.parentSession?.id]);
  const endWatch = vscode.debug.onDidTerminateDebugSession(s => (ended ||= ids.has(s.id)));
  const verifying = o.mode === 'verify';
  let toldPaused = false;
  let report: Report;
  try {
    report = await runHunt(
      {
        target: { kind: 'connection', connect: async () => o.target.conn, description: o.session.name },
        workload: o.workload,
        analyzer,
        outDir: o.dir,
        sampleIntervalMs: o.sampleIntervalMs,
        snapshots: o.snapshotCount,
        verdict: { maxDurationSec: o.timeBudgetSec, minDurationSec },
        logger: { debug: m => ctx.log.debug(m), info: m => ctx.log.info(m), warn: m => ctx.log.warn(m), error: m => ctx.log.error(m) },
      },
      {
        onPhase: (phase, message) => status(verifying ? 'verifying' : PANEL_PHASE[phase], message ?? phase),
        onSample: (sample, live) => {
          const fit = `${formatRate(live.slopeBytesPerSec)} (95% CI ${formatRate(live.ci95[0])} … ${formatRate(live.ci95[1])})`;
          if (verifying) return status('verifying', `Re-running after the fix: ${fit}`);
          ctx.state.addSamples([sample]);
          ctx.state.setLive(live.slopeBytesPerSec, live.ci95);
          if (ctx.state.status.phase === 'sampling' || ctx.state.status.phase === 'starting') status('sampling', `Sampling: ${fit}`);
        },
        onSnapshot: snapshot => (verifying ? undefined : ctx.state.addSnapshot(snapshot)),
        onWarning: message => {
          ctx.log.warn(message);
          ctx.state.setStatus({ message });
          if (/paused/i.test(message) && !toldPaused) {
            toldPaused = true;
            void vscode.window.showInformationMessage(`Leak Hunter: ${o.session.name} is paused at a breakpoint. Sampling waits until you continue the program.`);
          }
        },
      },
      (p: ProgressReport) => o.progress(p.message ?? p.phase),
      o.token,
    );
  } catch (e) {
    if (e instanceof HuntError && !verifying) {
      // Keep what was captured: samples and snapshots are on disk, the partial report beside them.
      o.files.reportFile = saveReport(o.dir, e.partial);
      ctx.state.setReport(e.partial);
    }
    if (!o.token.isCancellationRequested) {
      await new Promise(r => setTimeout(r, 1500));
      // Only the debug session ending counts: the hunt closes its connection itself on failure.
      if (ended) {
        const got = `${ctx.state.report.samples.length} samples and ${ctx.state.report.snapshots.length} snapshots were captured`;
        throw new LeakHunterError('target-gone', `${o.session.name} exited during the hunt (${got}; last error: ${errorMessage(e)}).`);
      }
    }
    throw e;
  } finally {
    endWatch.dispose();
    o.target.conn.dispose();
  }
  if (verifying) {
    saveReport(o.dir, report);
    return report;
  }
  // The server filed the comparison under the analysis run's id: page it under that id.
  o.files.huntId = analyzer.lastHuntId;
  o.files.reportFile = saveReport(o.dir, report);
  ctx.state.setStatus({ phase: 'done', message: `${verdictText(report)} (${formatRate(report.trend.slopeBytesPerSec)})` });
  ctx.state.setReport(report, analyzer.classTotal, report.snapshots.length);
  await ctx.publishFindings(report, o.files.reportFile);
  void announce(report);
  return report;
}

function verdictText(report: Report): string {
  return report.verdict === 'leak' ? 'Leak confirmed' : report.verdict === 'no-leak' ? 'No leak' : 'Inconclusive';
}

async function announce(report: Report): Promise<void> {
  const top = report.suspects[0];
  if (report.verdict === 'leak' && top?.root.location) {
    const loc = top.root.location;
    const open = 'Go to Root';
    const choice = await vscode.window.showWarningMessage(
      `Leak confirmed: ${top.className} grows ${formatRate(top.growthBytesPerSec)}, retained by \`${top.root.name}\` (${vscode.workspace.asRelativePath(loc.file)}:${loc.line}).`,
      open,
    );
    if (choice === open) await openLocation(loc);
  } else if (report.verdict === 'inconclusive') {
    const more = report.trend.needMoreSeconds ? ` About ${Math.ceil(report.trend.needMoreSeconds)} s more sampling would decide it.` : '';
    void vscode.window.showInformationMessage(`Leak hunt inconclusive: ${report.trend.reason}.${more}`);
  } else {
    void vscode.window.showInformationMessage(`${verdictText(report)}: ${report.trend.reason}.`);
  }
}
