/**
 * Completes `leak-hunt` configurations before launch: F5 without launch.json hunts the file in
 * the editor, and attributes left out take the user's Leak Hunter settings, so a configuration
 * and Hunt Leak behave the same.
 */
import * as vscode from 'vscode';
import { readSetting } from '../config';
import { LEAK_HUNT_TYPE, type LeakHuntLaunchArgs } from './launchArgs';

const SCRIPT_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);

export class LeakHuntConfigurationProvider implements vscode.DebugConfigurationProvider {
  resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Leak Hunter launches your program, which VS Code only allows in a trusted workspace.');
      return undefined;
    }
    // F5 with no launch.json (Leak Hunter picked as the debugger), or a bare configuration: the file in the editor.
    if (!config.request && !config.program) {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !SCRIPT_LANGUAGES.has(doc.languageId) || doc.isUntitled) {
        void vscode.window.showInformationMessage('Open the JavaScript file to hunt, or add a "leak-hunt" configuration to launch.json.');
        return undefined;
      }
      Object.assign(config, { type: LEAK_HUNT_TYPE, request: 'launch', name: config.name || 'Leak Hunt: current file', program: doc.fileName });
    }
    const c = config as vscode.DebugConfiguration & LeakHuntLaunchArgs;
    const scope = folder?.uri;
    c.timeBudget ??= readSetting('hunt.timeBudgetSec', scope);
    c.snapshots ??= readSetting('hunt.snapshotCount', scope);
    c.sampleInterval ??= readSetting('sampling.intervalMs', scope);
    if (!c.cwd && folder) c.cwd = folder.uri.fsPath;
    return config;
  }
}
