/**
 * Where a `leak-hunt` session's results go in VS Code: the same hunt folder, panel, status bar,
 * retainer tree and diagnostics as Hunt Leak, with the analysis in the language server.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { LeakHunterError } from '../../core/common/errors';
import type { HuntObserver } from '../../core/hunt';
import { PANEL_PHASE } from '../hunt/editorHunt';
import { formatRate } from '../../shared/format';
import { isRunningPhase, type HuntPhase } from '../../shared/webview';
import type { ExtensionCtx } from '../ctx';
import type { HuntFiles } from '../hunt/huntState';
import { COMPARISON_FILE, newHuntDir, saveReport } from '../hunt/reportStore';
import { ServerAnalyzer } from '../lsp/serverAnalyzer';
import type { HuntOutcome, HuntRun, LeakHuntHost } from './huntDebugSession';
import type { ResolvedHunt } from './launchArgs';
import { verificationFor } from './verifyLaunch';


const VERDICT_TEXT = { leak: 'Leak confirmed', 'no-leak': 'No leak', inconclusive: 'Inconclusive' } as const;

export class EditorHuntHost implements LeakHuntHost {
  /** Hunts started by a `leak-hunt` session, so other listeners can tell them from Hunt Leak's. */
  readonly ownDirs = new Set<string>();

  constructor(private readonly ctx: ExtensionCtx) {}

  /** The host for one debug session: its configuration decides whether it is a hunt or a verification. */
  forSession(session: vscode.DebugSession): LeakHuntHost {
    return { begin: h => this.begin(h, session) };
  }

  async begin(h: ResolvedHunt, session?: vscode.DebugSession): Promise<HuntRun> {
    const { ctx } = this;
    const verification = session && verificationFor(session.configuration);
    if (verification) return this.beginVerification(h, verification);
    // The panel and tree show one hunt at a time: a second one would overwrite the first's view.
    if (isRunningPhase(ctx.state.status.phase)) {
      throw new LeakHunterError('busy', `another leak hunt is running (${ctx.state.status.target ?? 'in a debug session'}); stop it first`);
    }
    const dir = newHuntDir(ctx.context, h.label);
    this.ownDirs.add(dir);
    const files: HuntFiles = { huntId: path.basename(dir), dir, comparisonFile: path.join(dir, COMPARISON_FILE) };
    const analyzer = new ServerAnalyzer(await ctx.client(), files.huntId, files.comparisonFile);
    const started = Date.now();
    ctx.state.reset({ phase: 'starting', target: h.commandLine, message: `Launching ${h.label}`, budgetSec: h.timeBudgetSec, snapshotsPlanned: h.snapshots }, files);
    ctx.showPanel();
    ctx.log.info(`leak-hunt launch: ${h.commandLine}, files in ${dir}`);
    const status = (phase: HuntPhase, message: string) =>
      ctx.state.setStatus({ phase, message, elapsedSec: (Date.now() - started) / 1000, budgetSec: h.timeBudgetSec });

    const observer: HuntObserver = {
      onPhase: (phase, message) => status(PANEL_PHASE[phase], message ?? phase),
      onSample: (sample, live) => {
        ctx.state.addSamples([sample]);
        ctx.state.setLive(live.slopeBytesPerSec, live.ci95);
        if (ctx.state.status.phase === 'sampling' || ctx.state.status.phase === 'starting') {
          status('sampling', `Sampling: ${formatRate(live.slopeBytesPerSec)} (95% CI ${formatRate(live.ci95[0])} … ${formatRate(live.ci95[1])})`);
        }
      },
      onSnapshot: snapshot => {
        ctx.state.addSnapshot(snapshot);
        ctx.state.setStatus({ snapshotsTaken: ctx.state.report.snapshots.length });
      },
      onWarning: message => ctx.log.warn(message),
    };

    return {
      dir,
      analyzer,
      observer,
      finish: async (report, outcome: HuntOutcome, message?: string) => {
        const analysed = analyzer.classTotal !== undefined;
        // The server filed the comparison under the analysis run's id: the panel pages it by that id.
        if (analysed) files.huntId = analyzer.lastHuntId;
        files.reportFile = saveReport(dir, report);
        ctx.state.setReport(report, analysed ? analyzer.classTotal : undefined, report.snapshots.length);
        if (outcome === 'done') {
          ctx.state.setStatus({ phase: 'done', message: `${VERDICT_TEXT[report.verdict]} (${formatRate(report.trend.slopeBytesPerSec)})` });
          await ctx.publishFindings(report, files.reportFile);
          // Verify Fix re-runs this configuration, as it restarts the debug session of a Hunt Leak.
          if (session) {
            ctx.lastHunt = {
              configuration: { ...session.configuration },
              folder: session.workspaceFolder,
              workload: h.workload,
              report,
              options: { timeBudgetSec: h.timeBudgetSec, sampleIntervalMs: h.sampleIntervalMs, snapshotCount: h.snapshots },
            };
          }
        } else {
          ctx.state.setStatus({ phase: outcome, message: outcome === 'cancelled' ? 'Hunt stopped' : (message ?? 'Hunt failed') });
        }
        return files.reportFile;
      },
      dispose: () => undefined,
    };
  }

  /**
   * A verification session: a hunt in its own folder whose report goes back to Verify Fix; the
   * panel keeps showing the hunt being verified, with the re-run's progress in its status.
   */
  private async beginVerification(h: ResolvedHunt, verification: NonNullable<ReturnType<typeof verificationFor>>): Promise<HuntRun> {
    const { ctx } = this;
    const dir = newHuntDir(ctx.context, `verify-${h.label}`);
    this.ownDirs.add(dir);
    const analyzer = new ServerAnalyzer(await ctx.client(), path.basename(dir), path.join(dir, COMPARISON_FILE));
    const status = (message: string) => ctx.state.setStatus({ phase: 'verifying', message });
    return {
      dir,
      analyzer,
      observer: {
        onPhase: (_phase, message) => message && status(`Re-running after the fix: ${message}`),
        onSample: (_sample, live) => status(`Re-running after the fix: ${formatRate(live.slopeBytesPerSec)} (95% CI ${formatRate(live.ci95[0])} … ${formatRate(live.ci95[1])})`),
        onWarning: message => ctx.log.warn(message),
      },
      finish: async (report, outcome, message) => {
        const file = saveReport(dir, report);
        if (outcome === 'done') verification.resolve({ report, dir });
        else verification.reject(new LeakHunterError(outcome === 'cancelled' ? 'cancelled' : 'verify', message ?? `the verification ${outcome}`));
        return file;
      },
      dispose: () => undefined,
    };
  }
}
