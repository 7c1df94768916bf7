import * as path from 'path';
import * as vscode from 'vscode';
import { CancellationTokenSource } from '../../core/common/cancellation';
import { LeakHunterError } from '../../core/common/errors';
import type { Fix, Report, VerifyResult } from '../../shared/report';
import { formatRate } from '../../shared/format';
import { connectToDebugTarget } from '../debug/targetConnection';
import { COMPARISON_FILE, newHuntDir, saveReport } from '../hunt/reportStore';
import { runEditorHunt } from '../hunt/editorHunt';
import type { ExtensionCtx } from '../ctx';
import { LEAK_HUNT_TYPE } from '../launch/launchArgs';
import { verifyLaunchHunt } from '../launch/verifyLaunch';

/** The fix as a VS Code edit; each change needs confirmation, so VS Code previews it first. */
export function workspaceEditFor(fix: Fix, confirm = true): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const meta = { label: fix.title, needsConfirmation: confirm, description: fix.explanation };
  for (const e of fix.edits) {
    const range = new vscode.Range(e.startLine - 1, e.startColumn - 1, e.endLine - 1, e.endColumn - 1);
    edit.replace(vscode.Uri.file(e.file), range, e.newText, meta);
  }
  return edit;
}

/**
 * "Apply Fix" (code lens, panel): applies a suspect's preferred fix, or its alternative number
 * `alternative` (0-based), after showing it as a preview.
 */
export async function applyFix(ctx: ExtensionCtx, rank: number, alternative?: number): Promise<boolean> {
  const suspect = ctx.state.final?.suspects.find(s => s.rank === rank);
  const fix = alternative === undefined ? suspect?.fix : suspect?.alternatives?.[alternative];
  if (!fix) throw new LeakHunterError('no-fix', `Suspect #${rank} has no ${alternative === undefined ? 'fix' : `alternative fix #${alternative + 1}`} to apply.`);
  return vscode.workspace.applyEdit(workspaceEditFor(fix), { isRefactoring: true });
}

/** Stops the hunted program and starts its debug configuration again; resolves to its Node session. */
async function restartDebuggee(ctx: ExtensionCtx, last: NonNullable<ExtensionCtx['lastHunt']>): Promise<vscode.DebugSession> {
  for (const s of ctx.sessions.concreteNodeSessions()) await vscode.debug.stopDebugging(s.parentSession ?? s);
  const runningBefore = ctx.sessions.snapshotIds();
  const started = await vscode.debug.startDebugging(last.folder, last.configuration);
  if (!started) throw new LeakHunterError('restart-failed', `Could not restart "${last.configuration.name}" to verify the fix.`);
  const session = await ctx.sessions.waitForConcrete(undefined, 30_000, runningBefore);
  if (!session) throw new LeakHunterError('restart-failed', `"${last.configuration.name}" started, but no Node process appeared within 30 s.`);
  return session;
}

/**
 * "Verify Fix": restarts the hunted program with the same debug configuration, re-runs the same
 * workload, and shows before/after slopes with the plateau verdict. If it still grows, the new
 * top suspect is the next retainer to chase.
 */
export async function verifyFix(ctx: ExtensionCtx, rank?: number): Promise<VerifyResult | undefined> {
  const last = ctx.lastHunt;
  const before = ctx.state.final ?? last?.report;
  if (!last || !before) throw new LeakHunterError('no-hunt', 'Verify Fix re-runs the last hunt in this window: run Hunt Leak, or a leak-hunt launch configuration, first.');
  const fixed = before.suspects.find(s => s.rank === (rank ?? 1)) ?? before.suspects[0];
  await vscode.workspace.saveAll(false);
  const cts = new CancellationTokenSource();
  await ctx.setHunting(true);
  ctx.state.setStatus({ phase: 'verifying', message: `Verifying ${fixed?.fix?.title ?? 'the fix'}` });
  try {
    const { report: after, dir } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Verifying the fix', cancellable: true },
      async (progress, token): Promise<{ report: Report; dir: string }> => {
        // A hunt that F5 ran is verified by running its leak-hunt configuration again.
        if (last.configuration.type === LEAK_HUNT_TYPE) return verifyLaunchHunt(last, token);
        const sub = token.onCancellationRequested(() => cts.cancel());
        try {
          const session = await restartDebuggee(ctx, last);
          const dir = newHuntDir(ctx.context, `verify-${last.configuration.name ?? 'hunt'}`);
          const files = { huntId: path.basename(dir), dir, comparisonFile: path.join(dir, COMPARISON_FILE) };
          const target = await connectToDebugTarget(session, ctx.log);
          return { report: await runEditorHunt(ctx, { target, session, workload: last.workload, dir, files, token: cts.token, progress: m => progress.report({ message: m }), ...last.options, mode: 'verify' }), dir };
        } finally {
          sub.dispose();
        }
      },
    );
    const verify: VerifyResult = {
      verdict: after.verdict,
      before: { slopeBytesPerSec: before.trend.slopeBytesPerSec, ci95: before.trend.ci95 },
      after: { slopeBytesPerSec: after.trend.slopeBytesPerSec, ci95: after.trend.ci95 },
      samples: after.trend.samples,
      fixKind: fixed?.fix?.kind ?? 'release-reference',
      ...(after.verdict === 'leak' && after.suspects[0] ? { nextSuspect: after.suspects[0] } : {}),
      scratchDir: dir,
    };
    const combined: Report = { ...before, verify };
    // The original hunt's report now carries its verification, so reopening it shows both curves.
    if (ctx.state.files?.reportFile) saveReport(path.dirname(ctx.state.files.reportFile), combined);
    ctx.state.setStatus({ phase: 'done', message: verify.verdict === 'no-leak' ? 'Fix verified: memory plateaus' : 'Still growing after the fix' });
    ctx.state.setReport(combined, ctx.state.report.comparison?.total);
    if (ctx.lastHunt) ctx.lastHunt.report = combined;
    // Diagnostics follow the program as it is now: the next retainer, or nothing left to flag.
    await ctx.publishFindings(after);
    const message =
      verify.verdict === 'no-leak'
        ? `Fix verified: ${formatRate(verify.before.slopeBytesPerSec)} before, ${formatRate(verify.after.slopeBytesPerSec)} after — memory plateaus.`
        : verify.nextSuspect
          ? `Still growing after the fix (${formatRate(verify.after.slopeBytesPerSec)}): next retainer is \`${verify.nextSuspect.root.name}\` (${verify.nextSuspect.className}).`
          : `After the fix: ${verify.verdict} (${formatRate(verify.after.slopeBytesPerSec)}).`;
    void vscode.window.showInformationMessage(message);
    return verify;
  } finally {
    cts.dispose();
    await ctx.setHunting(false);
  }
}
