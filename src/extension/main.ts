import * as vscode from 'vscode';
import { DebugSessionTracker, pickNodeSession } from './debug/sessions';
import { connectToProxy, requestCdpProxy, CdpProxyAddress, CdpClient } from './debug/cdpProxy';
import { createLog } from './log';
import { errorMessage } from '../core/common/errors';

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface LeakHunterApi {
  readonly sessions: DebugSessionTracker;
  requestCdpProxy(session: vscode.DebugSession): Promise<CdpProxyAddress>;
  connectToProxy(address: CdpProxyAddress, events?: string[]): Promise<CdpClient>;
}

export function activate(context: vscode.ExtensionContext): LeakHunterApi {
  const log = createLog();
  const sessions = new DebugSessionTracker();
  context.subscriptions.push(log, sessions);

  context.subscriptions.push(
    vscode.commands.registerCommand('leakHunter.huntLeak', async (hint?: vscode.DebugSession) => {
      const session = await pickNodeSession(sessions, hint);
      if (!session) {
        void vscode.window.showInformationMessage(
          'Leak Hunter needs a running Node.js debug session. Start one (Run and Debug) and try again.',
        );
        return;
      }
      try {
        const client = await connectToProxy(await requestCdpProxy(session));
        try {
          await client.send('HeapProfiler.collectGarbage');
          const usage = (await client.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
          log.info(`${session.name}: heap used after GC ${(usage.usedSize / 1048576).toFixed(1)} MB of ${(usage.totalSize / 1048576).toFixed(1)} MB`);
          void vscode.window.showInformationMessage(
            `Leak Hunter connected to ${session.name}: ${(usage.usedSize / 1048576).toFixed(1)} MB used after GC. The full hunt is not in the extension yet.`,
          );
        } finally {
          await client.close();
        }
      } catch (e) {
        log.error(errorMessage(e));
        void vscode.window.showErrorMessage(`Leak Hunter: ${errorMessage(e)}`);
      }
    }),
  );

  return { sessions, requestCdpProxy, connectToProxy };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
