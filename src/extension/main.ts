import * as vscode from 'vscode';
import { connectToProxy, requestCdpProxy, type CdpProxyAddress } from './debug/cdpProxy';
import type { CdpConnection } from '../core/cdp/connection';
import type { DebugSessionTracker } from './debug/sessions';
import { createLog } from './log';
import { ExtensionCtx } from './ctx';
import { Commands } from '../shared/contributions';
import { errorMessage } from '../core/common/errors';
import { openReport } from './commands/openReport';
import { HuntStatusBar } from './hunt/statusBar';
import { LeakHunterPanel } from './webview/panel';
import { huntLeak, cancelHunt } from './commands/huntLeak';
import { registerLeakHuntLaunch } from './launch/register';
import { applyFix, verifyFix } from './commands/fixes';
import { copyRetainerPath, openSnapshotInViewer } from './commands/treeActions';

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface LeakHunterApi {
  readonly sessions: DebugSessionTracker;
  readonly ctx: ExtensionCtx;
  requestCdpProxy(session: vscode.DebugSession): Promise<CdpProxyAddress>;
  /** A borrowed connection to js-debug's proxy with `events` subscribed (default HeapProfiler.*). */
  connectToProxy(address: CdpProxyAddress, events?: readonly string[]): Promise<CdpConnection>;
  /** Messages the panel was sent, newest last (empty when no panel is open). */
  panelMessages(): readonly unknown[];
}

/** Runs a command body and turns a failure into an error notification plus a log line. */
function guarded<A extends unknown[]>(log: vscode.LogOutputChannel, fn: (...args: A) => Promise<unknown>) {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      log.error(errorMessage(e));
      void vscode.window.showErrorMessage(`Leak Hunter: ${errorMessage(e)}`);
      return undefined;
    }
  };
}

/** A suspect rank from a command argument: a number (lens, panel) or a retainer tree node. */
function rankOf(arg: unknown): number | undefined {
  if (typeof arg === 'number') return arg;
  const suspect = arg && typeof arg === 'object' && 'suspect' in arg ? (arg as { suspect: { rank: number } }).suspect : undefined;
  return suspect?.rank;
}

export function activate(context: vscode.ExtensionContext): LeakHunterApi {
  const log = createLog();
  const ctx = new ExtensionCtx(context, log);
  context.subscriptions.push(log, ctx, new HuntStatusBar(ctx.state));
  registerLeakHuntLaunch(ctx);

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.huntLeak, guarded(log, (hint?: vscode.DebugSession | { sessionId?: string }, options?: unknown) => huntLeak(ctx, hint, options))),
    vscode.commands.registerCommand(Commands.cancelHunt, () => cancelHunt()),
    vscode.commands.registerCommand(Commands.showPanel, () => void ctx.showPanel()),
    vscode.commands.registerCommand(Commands.openReport, guarded(log, (file?: string) => openReport(ctx, typeof file === 'string' ? file : undefined))),
    vscode.commands.registerCommand(Commands.applyFix, guarded(log, (arg?: unknown, alternative?: unknown) => applyFix(ctx, rankOf(arg) ?? 1, typeof alternative === 'number' ? alternative : undefined))),
    vscode.commands.registerCommand(Commands.verifyFix, guarded(log, (arg?: unknown) => verifyFix(ctx, rankOf(arg)))),
    vscode.commands.registerCommand(Commands.openSnapshotInViewer, guarded(log, (arg?: unknown) => openSnapshotInViewer(ctx, arg))),
    vscode.commands.registerCommand(Commands.copyRetainerPath, guarded(log, (arg?: unknown) => copyRetainerPath(ctx, arg))),
  );

  return {
    sessions: ctx.sessions,
    ctx,
    requestCdpProxy,
    connectToProxy,
    panelMessages: () => LeakHunterPanel.visible?.posted ?? [],
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
