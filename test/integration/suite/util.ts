import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LeakHunterApi } from '../../../src/extension/main';

export const log = (...a: unknown[]) => console.log('[lh]', ...a);

/** Activates the extension under test and returns its API. */
export async function activateApi(): Promise<LeakHunterApi> {
  const ext = vscode.extensions.getExtension<LeakHunterApi>('leak-hunter.leak-hunter');
  assert.ok(ext, 'extension leak-hunter.leak-hunter is not loaded');
  return ext.activate();
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return folder;
}

/**
 * Asks the runner for a screenshot of the workbench (only when LEAK_HUNTER_SCREENSHOTS is set),
 * after giving the UI a moment to render what the test just did.
 */
export async function screenshot(name: string): Promise<void> {
  if (!process.env.LEAK_HUNTER_SCREENSHOTS) return;
  await new Promise(r => setTimeout(r, 2500));
  console.log(`[lh:screenshot] ${name}`);
  await new Promise(r => setTimeout(r, 1500));
}
