import * as path from 'path';
import * as vscode from 'vscode';
import { formatBytes } from '../../shared/format';
import type { Suspect } from '../../shared/report';
import { formatRetainerPath } from '../../shared/webview';
import type { ExtensionCtx } from '../ctx';

/** VS Code's own heap snapshot viewer (built-in js-profile-table), when present. */
const HEAP_VIEWER = 'jsProfileVisualizer.heapsnapshot.table';

function suspectOf(arg: unknown, ctx: ExtensionCtx): Suspect | undefined {
  if (arg && typeof arg === 'object' && 'suspect' in arg) return (arg as { suspect: Suspect }).suspect;
  if (typeof arg === 'number') return ctx.state.report.suspects.find(s => s.rank === arg);
  return ctx.state.report.suspects[0];
}

/** "Copy Retainer Path": the suspect's path, one hop per line from the GC root. */
export async function copyRetainerPath(ctx: ExtensionCtx, arg?: unknown): Promise<string | undefined> {
  const suspect = suspectOf(arg, ctx);
  if (!suspect) return undefined;
  const text = formatRetainerPath(suspect.retainerPath);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) Copied the retainer path of ${suspect.className} (${suspect.retainerPath.length} hops)`, 3000);
  return text;
}

/**
 * "Open Snapshot in Viewer": a snapshot of the current hunt (the last, or the one picked) in
 * VS Code's heap snapshot viewer, falling back to opening the file as is.
 */
export async function openSnapshotInViewer(ctx: ExtensionCtx, arg?: unknown): Promise<string | undefined> {
  let file = typeof arg === 'string' ? arg : undefined;
  const snapshots = ctx.state.report.snapshots;
  if (!file) {
    if (snapshots.length === 0) {
      void vscode.window.showInformationMessage('This hunt has no snapshots yet: they are taken once growth is confirmed.');
      return undefined;
    }
    if (snapshots.length === 1 || (arg && typeof arg === 'object')) file = snapshots[snapshots.length - 1].file;
    else {
      const picked = await vscode.window.showQuickPick(
        snapshots.map((s, i) => ({ label: path.basename(s.file), description: `#${i + 1} at ${s.t.toFixed(0)} s, heap ${formatBytes(s.heapUsed)}`, file: s.file })),
        { title: 'Open which snapshot?' },
      );
      file = picked?.file;
    }
  }
  if (!file) return undefined;
  const uri = vscode.Uri.file(file);
  try {
    await vscode.commands.executeCommand('vscode.openWith', uri, HEAP_VIEWER);
  } catch {
    await vscode.commands.executeCommand('vscode.open', uri);
  }
  return file;
}
