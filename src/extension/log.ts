import * as vscode from 'vscode';

/** The extension's single log channel (a LogOutputChannel, so users can pick the level). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Leak Hunter', { log: true });
}
