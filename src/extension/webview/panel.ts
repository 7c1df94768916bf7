import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ComparisonPageRequest } from '../../shared/lsp';
import { Commands, ViewTypes } from '../../shared/contributions';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../shared/webview';
import { explainWebviewMessage } from '../../shared/webviewValidation';
import type { SourceLocation } from '../../shared/report';
import { errorMessage } from '../../core/common/errors';
import { request } from '../lsp/protocol';
import type { HuntState } from '../hunt/huntState';
import { panelHtml } from './html';

/**
 * The Leak Hunter panel: one webview at a time, fed from HuntState. Messages from the webview
 * are validated before use (the page renders strings from the debuggee's heap). No
 * retainContextWhenHidden: a hidden or reloaded panel asks for the state again with `ready`.
 */
export class LeakHunterPanel implements vscode.Disposable {
  private static current: LeakHunterPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Shows the panel, creating it if needed. */
  static show(deps: PanelDeps): LeakHunterPanel {
    if (LeakHunterPanel.current) {
      LeakHunterPanel.current.panel.reveal(undefined, true);
      return LeakHunterPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(ViewTypes.panel, 'Leak Hunter', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, LeakHunterPanel.options(deps.extensionUri));
    return new LeakHunterPanel(panel, deps);
  }

  /** Restores a panel VS Code kept across a window reload. */
  static revive(panel: vscode.WebviewPanel, deps: PanelDeps): LeakHunterPanel {
    LeakHunterPanel.current?.dispose();
    panel.webview.options = LeakHunterPanel.options(deps.extensionUri);
    return new LeakHunterPanel(panel, deps);
  }

  static get visible(): LeakHunterPanel | undefined {
    return LeakHunterPanel.current;
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
  }

  /** Every message posted to the webview, for tests and the log. */
  readonly posted: HostToWebviewMessage[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
  ) {
    LeakHunterPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
    panel.webview.html = panelHtml(panel.webview, deps.extensionUri);
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(m => void this.receive(m)),
      deps.state.onMessage(m => this.post(m)),
    );
  }

  private post(message: HostToWebviewMessage): void {
    this.posted.push(message);
    if (this.posted.length > 500) this.posted.splice(0, this.posted.length - 500);
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const problem = explainWebviewMessage(raw);
    if (problem) {
      this.deps.log.warn(`ignored a malformed message from the panel: ${problem}`);
      return;
    }
    const message = raw as WebviewToHostMessage;
    switch (message.type) {
      case 'ready':
        this.post(this.deps.state.stateMessage());
        return;
      case 'requestComparisonPage':
        return this.answerPage(message);
      case 'openLocation':
        return openLocation(message.location);
      case 'copyRetainerPath':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'startHunt':
        await vscode.commands.executeCommand(Commands.huntLeak);
        return;
      case 'verifyFix':
        await vscode.commands.executeCommand(Commands.verifyFix, message.rank);
        return;
      case 'applyFix':
        await vscode.commands.executeCommand(Commands.applyFix, message.rank, message.alternative);
        return;
    }
  }

  private async answerPage(message: Extract<WebviewToHostMessage, { type: 'requestComparisonPage' }>): Promise<void> {
    const { requestId, type: _type, ...query } = message;
    const files = this.deps.state.files;
    try {
      if (!files?.comparisonFile && !this.deps.state.report.comparison) throw new Error('No snapshot comparison yet: it appears once the snapshots are analysed.');
      const client = await this.deps.client();
      const page = await client.sendRequest(request(ComparisonPageRequest), { huntId: files?.huntId ?? '', query, comparisonFile: files?.comparisonFile });
      this.post({ type: 'comparisonPage', requestId, query, total: page.total, rows: page.rows });
    } catch (e) {
      this.post({ type: 'error', message: errorMessage(e), requestId });
    }
  }

  dispose(): void {
    if (LeakHunterPanel.current === this) LeakHunterPanel.current = undefined;
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

export interface PanelDeps {
  extensionUri: vscode.Uri;
  state: HuntState;
  log: vscode.LogOutputChannel;
  client(): Promise<LanguageClient>;
}

/** Opens a file at a 1-based location, beside the panel. */
export async function openLocation(location: SourceLocation): Promise<void> {
  const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
  // ES modules are named by file:// URL in snapshots; CommonJS by absolute path.
  const uri = location.file.startsWith('file://') ? vscode.Uri.parse(location.file) : vscode.Uri.file(location.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
}
