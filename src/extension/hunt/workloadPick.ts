import * as vscode from 'vscode';
import type { WorkloadSpec } from '../../core/hunt/workload';

/** Workspace memento key of the last workload the user picked (also read by "Save as launch configuration"). */
export const LAST_WORKLOAD_KEY = 'leakHunter.lastWorkload';

/** How a workload reads in a list: "HTTP GET http://…/ at 20/s". */
export function describeWorkload(w: WorkloadSpec): string {
  switch (w.kind) {
    case 'none':
      return 'I drive it myself';
    case 'http':
      return `HTTP ${w.method ?? 'GET'} ${w.url} at ${w.rate}/s`;
    case 'cmd':
      return `Command: ${w.command}`;
    case 'expr':
      return `Expression in the app ${w.rate}×/s: ${w.expression}`;
  }
}

async function askRate(title: string, fallback: number): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: 'Per second, kept constant during the whole hunt',
    value: String(fallback),
    validateInput: v => (Number(v) > 0 && Number(v) <= 5000 ? undefined : 'A number between 1 and 5000'),
  });
  return text === undefined ? undefined : Number(text);
}

/**
 * Asks how the program is kept busy while memory is sampled: the steady load is what makes
 * growth meaningful. The choice is remembered per workspace and offered first next time.
 */
export async function pickWorkload(memento: vscode.Memento): Promise<WorkloadSpec | undefined> {
  const last = memento.get<WorkloadSpec>(LAST_WORKLOAD_KEY);
  type Item = vscode.QuickPickItem & { make: () => Promise<WorkloadSpec | undefined> };
  const items: Item[] = [];
  if (last && last.kind !== 'none') items.push({ label: `$(history) ${describeWorkload(last)}`, description: 'last time', make: async () => last });
  items.push(
    { label: '$(person) I drive it myself', detail: 'The program runs its own load, or you exercise it while the hunt samples.', make: async () => ({ kind: 'none' }) },
    {
      label: '$(globe) HTTP requests at a constant rate',
      detail: 'Leak Hunter sends requests to a URL of your server.',
      make: async () => {
        const url = await vscode.window.showInputBox({
          title: 'HTTP workload: URL',
          value: last?.kind === 'http' ? last.url : 'http://127.0.0.1:3000/',
          validateInput: v => (/^https?:\/\/.+/.test(v) ? undefined : 'An http:// or https:// URL'),
        });
        if (!url) return undefined;
        const rate = await askRate('HTTP workload: requests per second', last?.kind === 'http' ? last.rate : 20);
        return rate ? { kind: 'http', url, rate, method: 'GET' } : undefined;
      },
    },
    {
      label: '$(terminal) A command',
      detail: 'A shell command that loads the program (a load generator, a test script); restarted if it ends.',
      make: async () => {
        const command = await vscode.window.showInputBox({ title: 'Command workload', value: last?.kind === 'cmd' ? last.command : '', prompt: 'Runs in the workspace folder' });
        return command ? { kind: 'cmd', command, cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath } : undefined;
      },
    },
    {
      label: '$(symbol-method) An expression in the app',
      detail: 'JavaScript evaluated in the program N times a second, e.g. handleRequest({ id: Math.random() }).',
      make: async () => {
        const expression = await vscode.window.showInputBox({ title: 'Expression workload', value: last?.kind === 'expr' ? last.expression : '' });
        if (!expression) return undefined;
        const rate = await askRate('Expression workload: evaluations per second', last?.kind === 'expr' ? last.rate : 20);
        return rate ? { kind: 'expr', expression, rate } : undefined;
      },
    },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Hunt Leak: what keeps the program busy?', placeHolder: 'Memory is sampled under a steady load' });
  const spec = await picked?.make();
  if (spec) await memento.update(LAST_WORKLOAD_KEY, spec);
  return spec;
}
