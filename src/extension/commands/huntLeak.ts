import * as path from 'path';
import * as vscode from 'vscode';
import { CancellationTokenSource } from '../../core/common/cancellation';
import { isCancellation, errorMessage } from '../../core/common/errors';
import type { WorkloadSpec } from '../../core/hunt/workload';
import { pickNodeSession } from '../debug/sessions';
import { connectToDebugTarget } from '../debug/targetConnection';
import { readSetting } from '../config';
import { COMPARISON_FILE, newHuntDir } from '../hunt/reportStore';
import { describeWorkload, pickWorkload } from '../hunt/workloadPick';
import { runEditorHunt } from '../hunt/editorHunt';
import type { ExtensionCtx } from '../ctx';

let running: CancellationTokenSource | undefined;

/** Options a caller (tests, the leak-hunt launch type) may pass instead of asking the user. */
export interface HuntLeakOptions {
  workload?: WorkloadSpec;
  timeBudgetSec?: number;
  sampleIntervalMs?: number;
  snapshotCount?: number;
}

function sessionHint(ctx: ExtensionCtx, arg: unknown): vscode.DebugSession | undefined {
  // The Call Stack view passes the session's id; other callers a session or { sessionId }.
  if (typeof arg === 'string') return ctx.sessions.byId(arg);
  if (arg && typeof arg === 'object' && 'sessionId' in arg) return ctx.sessions.byId(String((arg as { sessionId?: string }).sessionId));
  return arg && typeof arg === 'object' && 'customRequest' in arg ? (arg as vscode.DebugSession) : undefined;
}

/**
 * Hunt Leak: picks the Node process of the debug session, asks for the workload (unless given),
 * and runs the same hunt as the CLI with progress, cancellation, the status bar and the panel.
 * Everything captured is kept on disk, also when the hunt fails or is cancelled.
 */
export async function huntLeak(ctx: ExtensionCtx, hint?: unknown, options?: unknown): Promise<unknown> {
  if (running) {
    void vscode.window.showInformationMessage('A leak hunt is already running. Cancel it first (Leak Hunter: Cancel Hunt).');
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Leak Hunter attaches to your program through the debugger, which VS Code only allows in a trusted workspace.');
    return undefined;
  }
  const opts = (options && typeof options === 'object' ? options : {}) as HuntLeakOptions;
  const session = await pickNodeSession(ctx.sessions, sessionHint(ctx, hint) ?? vscode.debug.activeDebugSession);
  if (!session) {
    void vscode.window.showInformationMessage('Hunt Leak needs a running Node.js debug session (launch or attach with the JavaScript debugger), then try again.');
    return undefined;
  }
  const workload = opts.workload ?? (await pickWorkload(ctx.context.workspaceState));
  if (!workload) return undefined;

  const dir = newHuntDir(ctx.context, session.name.replace(/\s*\[\d+\].*$/, ''));
  const files = { huntId: path.basename(dir), dir, comparisonFile: path.join(dir, COMPARISON_FILE) };
  ctx.state.reset({ phase: 'starting', target: session.name, message: `Connecting to ${session.name}` }, files);
  ctx.showPanel();
  ctx.log.info(`hunt in ${session.name}, workload: ${describeWorkload(workload)}, files in ${dir}`);

  const huntOptions = {
    timeBudgetSec: opts.timeBudgetSec ?? readSetting('hunt.timeBudgetSec'),
    sampleIntervalMs: opts.sampleIntervalMs ?? readSetting('sampling.intervalMs'),
    snapshotCount: opts.snapshotCount ?? readSetting('hunt.snapshotCount'),
  };
  const launcher = session.parentSession ?? session;
  ctx.lastHunt = { configuration: { ...launcher.configuration }, folder: launcher.workspaceFolder, workload, options: huntOptions };
  running = new CancellationTokenSource();
  await ctx.setHunting(true);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Hunting leaks in ${session.name}`, cancellable: true },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => running?.cancel());
        try {
          const target = await connectToDebugTarget(session, ctx.log);
          const report = await runEditorHunt(ctx, {
            target,
            session,
            workload,
            dir,
            files,
            token: running!.token,
            progress: message => progress.report({ message }),
            ...huntOptions,
          });
          if (ctx.lastHunt) ctx.lastHunt.report = report;
          return report;
        } finally {
          cancel.dispose();
        }
      },
    );
  } catch (e) {
    const cancelled = isCancellation(e);
    ctx.state.setStatus({ phase: cancelled ? 'cancelled' : 'failed', message: cancelled ? 'Hunt cancelled' : errorMessage(e) });
    const kept = `What was captured so far is kept in ${dir}.`;
    if (cancelled) void vscode.window.showInformationMessage(`Leak hunt cancelled. ${kept}`);
    else void vscode.window.showErrorMessage(`Leak hunt stopped: ${errorMessage(e)} ${kept}`);
    ctx.log.error(`hunt stopped: ${errorMessage(e)}`);
    return undefined;
  } finally {
    running.dispose();
    running = undefined;
    await ctx.setHunting(false);
  }
}

/** Cancels the running hunt: an interactive one, or else a `leak-hunt` launch session (stopping it cancels its hunt). */
export async function cancelHunt(): Promise<void> {
  if (running) return running.cancel();
  const session = vscode.debug.activeDebugSession;
  if (session?.type === 'leak-hunt') await vscode.debug.stopDebugging(session);
}
