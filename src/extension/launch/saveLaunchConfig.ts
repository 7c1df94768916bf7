/**
 * "Save this hunt as a launch configuration": remembers what the last interactive Hunt Leak ran
 * on (its js-debug configuration and the workload picked) and appends the equivalent
 * `leak-hunt` configuration to the folder's .vscode/launch.json.
 */
import * as vscode from 'vscode';
import type { WorkloadSpec } from '../../core/hunt';
import type { ExtensionCtx } from '../ctx';
import { LAST_WORKLOAD_KEY } from '../hunt/workloadPick';
import { configFromHunt, type InteractiveHunt, type LeakHuntConfiguration } from './configFromHunt';

/** The key workloadPick.ts stores the user's last workload choice under (workspace state). */

/** The js-debug configuration that names the program: the launcher's, when the hunted session is its child. */
function programConfig(session: vscode.DebugSession): Record<string, unknown> {
  for (let s: vscode.DebugSession | undefined = session; s; s = s.parentSession) {
    if (typeof s.configuration.program === 'string') return { ...s.configuration };
  }
  return { ...session.configuration };
}

/** Watches the hunt state for interactive hunts starting (not the ones a leak-hunt session runs). */
export class InteractiveHuntRecorder implements vscode.Disposable {
  private last?: InteractiveHunt & { dir?: string };
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly ctx: ExtensionCtx,
    isOwnHunt: (dir: string) => boolean,
  ) {
    this.sub = ctx.state.onMessage(m => {
      if (m.type !== 'state' || m.status.phase !== 'starting' || !m.status.target) return;
      const dir = ctx.state.files?.dir;
      if (dir && isOwnHunt(dir)) return;
      // Hunt Leak resets the state with the hunted session's name as the target.
      const session = ctx.sessions.concreteNodeSessions().find(s => s.name === m.status.target);
      if (!session) return;
      this.last = {
        config: programConfig(session),
        workload: ctx.context.workspaceState.get<WorkloadSpec>(LAST_WORKLOAD_KEY),
        folder: session.workspaceFolder?.uri.fsPath,
        dir,
      };
    });
  }

  /** The last interactive hunt, with the debuggee's argv from its report when it finished. */
  lastHunt(): InteractiveHunt | undefined {
    if (!this.last) return undefined;
    const final = this.ctx.state.files?.dir === this.last.dir ? this.ctx.state.final : undefined;
    return { ...this.last, argv: final?.target?.command };
  }

  dispose(): void {
    this.sub.dispose();
  }
}

/** Appends the last interactive hunt as a leak-hunt configuration; returns what was written. */
export async function saveHuntAsLaunchConfig(ctx: ExtensionCtx, recorder: InteractiveHuntRecorder): Promise<LeakHuntConfiguration | undefined> {
  const hunt = recorder.lastHunt();
  if (!hunt) {
    void vscode.window.showInformationMessage('Run Hunt Leak in a Node.js debug session first: its program and workload become the launch configuration.');
    return undefined;
  }
  const folder = (hunt.folder && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(hunt.folder))) || vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: launch configurations are saved in its .vscode/launch.json.');
    return undefined;
  }
  const launch = vscode.workspace.getConfiguration('launch', folder.uri);
  // Only the folder's own launch.json: a multi-root workspace file's configurations stay where they are.
  const existing = launch.inspect<unknown[]>('configurations')?.workspaceFolderValue ?? [];
  const names = existing.map(c => (c && typeof c === 'object' && 'name' in c ? String((c as { name: unknown }).name) : ''));
  const config = configFromHunt({ ...hunt, folder: folder.uri.fsPath }, names);
  if ('error' in config) {
    void vscode.window.showWarningMessage(`Cannot save this hunt as a launch configuration: ${config.error}.`);
    return undefined;
  }
  // Configuration edits keep launch.json's comments and formatting, and create the file if needed.
  if (launch.inspect('version')?.workspaceFolderValue === undefined) await launch.update('version', '0.2.0', vscode.ConfigurationTarget.WorkspaceFolder);
  await launch.update('configurations', [...existing, config], vscode.ConfigurationTarget.WorkspaceFolder);
  ctx.log.info(`saved "${config.name}" to ${folder.name}/.vscode/launch.json`);
  const open = 'Open launch.json';
  void vscode.window.showInformationMessage(`Added "${config.name}" to .vscode/launch.json: choose it in Run and Debug and press F5 to repeat this hunt.`, open).then(choice => {
    if (choice === open) void vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, '.vscode', 'launch.json'));
  });
  return config;
}
