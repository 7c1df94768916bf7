import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PublishFindingsNotification } from '../shared/lsp';
import { ContextKeys } from '../shared/contributions';
import type { Report } from '../shared/report';
import type { WorkloadSpec } from '../core/hunt/workload';
import { DebugSessionTracker } from './debug/sessions';
import { HuntState } from './hunt/huntState';
import { createAnalysisClient } from './lsp/analysisClient';
import { notification } from './lsp/protocol';
import { onServerSettingsChanged } from './config';
import { LeakHunterPanel } from './webview/panel';
import { RetainerTreeProvider } from './views/retainerTree';
import { Commands, Views } from '../shared/contributions';

const LAST_REPORT_KEY = 'leakHunter.lastReportFile';

/** What the last interactive hunt ran against, so it can be re-run (verify) or saved as a launch config. */
export interface LastHunt {
  /** The launch configuration of the js-debug session (the launcher's, when the target is a child). */
  configuration: vscode.DebugConfiguration;
  folder?: vscode.WorkspaceFolder;
  workload: WorkloadSpec;
  report?: Report;
  options: { timeBudgetSec: number; sampleIntervalMs: number; snapshotCount: number };
}

/**
 * The extension's long-lived services. The analysis server starts lazily (on the first hunt or
 * report) and restarts when its process settings change; everything is disposed with the
 * extension.
 */
export class ExtensionCtx implements vscode.Disposable {
  readonly sessions = new DebugSessionTracker();
  readonly state = new HuntState();
  readonly retainerTree = new RetainerTreeProvider(this.state);
  /** The last interactive hunt, for Verify Fix and "Save as launch configuration". */
  lastHunt?: LastHunt;
  private clientPromise?: Promise<LanguageClient>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.sessions,
      this.state,
      this.retainerTree,
      onServerSettingsChanged(() => void this.restartClient()),
      vscode.window.registerTreeDataProvider(Views.retainers, this.retainerTree),
      // After a window reload the extension host starts empty: the revived panel gets the last
      // report back from disk (the webview itself keeps only UI state).
      this.state.onReportFile(file => void context.workspaceState.update(LAST_REPORT_KEY, file)),
      vscode.window.registerWebviewPanelSerializer('leakHunter.panel', {
        deserializeWebviewPanel: async panel => {
          LeakHunterPanel.revive(panel, this.panelDeps());
          const last = context.workspaceState.get<string>(LAST_REPORT_KEY);
          if (this.state.status.phase === 'idle' && last && fs.existsSync(last)) {
            await vscode.commands.executeCommand(Commands.openReport, last).then(undefined, e => this.log.warn(`could not reopen ${last}: ${e}`));
          }
        },
      }),
    );
  }

  /** The running analysis client, started on first use. */
  client(): Promise<LanguageClient> {
    if (!this.clientPromise) {
      const client = createAnalysisClient(this.context, this.log);
      this.clientPromise = client.start().then(() => client);
      this.clientPromise.catch(() => (this.clientPromise = undefined));
    }
    return this.clientPromise;
  }

  private async restartClient(): Promise<void> {
    const running = this.clientPromise;
    this.clientPromise = undefined;
    if (running) {
      this.log.info('analysis server settings changed: restarting it');
      await (await running).stop().catch(() => undefined);
      await this.client();
    }
  }

  showPanel(): LeakHunterPanel {
    return LeakHunterPanel.show(this.panelDeps());
  }

  private panelDeps() {
    return { extensionUri: this.context.extensionUri, state: this.state, log: this.log, client: () => this.client() };
  }

  /** Sends a report's findings to the server, which turns them into diagnostics. */
  async publishFindings(report: Report, reportFile?: string): Promise<void> {
    const client = await this.client();
    await client.sendNotification(notification(PublishFindingsNotification), { report, reportFile });
    await vscode.commands.executeCommand('setContext', ContextKeys.hasResults, report.suspects.length > 0);
  }

  async setHunting(hunting: boolean): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.hunting, hunting);
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
    LeakHunterPanel.visible?.dispose();
    void this.clientPromise?.then(c => c.stop()).catch(() => undefined);
  }
}
