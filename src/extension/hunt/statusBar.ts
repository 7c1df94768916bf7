import * as vscode from 'vscode';
import { Commands } from '../../shared/contributions';
import { formatRate } from '../../shared/format';
import type { HostToWebviewMessage } from '../../shared/webview';
import type { HuntState } from './huntState';

/**
 * A status bar item that follows the hunt: phase and current slope while it runs, the verdict
 * once it is done. Clicking it opens the panel.
 */
export class HuntStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('leakHunter.status', vscode.StatusBarAlignment.Left, 20);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: HuntState) {
    this.item.name = 'Leak Hunter';
    this.item.command = Commands.showPanel;
    this.subscription = state.onMessage(m => this.update(m));
  }

  private update(message: HostToWebviewMessage): void {
    if (message.type === 'state' || message.type === 'status' || message.type === 'analysis') this.render();
  }

  private render(): void {
    const { status, report } = this.state;
    if (status.phase === 'idle') {
      this.item.hide();
      return;
    }
    const fit = report.trend ?? this.state.live;
    const slope = fit ? { value: fit.slopeBytesPerSec, ci: fit.ci95 } : undefined;
    const rate = slope ? ` ${formatRate(slope.value)}` : '';
    if (status.phase === 'done' && report.verdict) {
      const icon = report.verdict === 'leak' ? '$(warning)' : report.verdict === 'no-leak' ? '$(pass)' : '$(question)';
      this.item.text = `${icon} ${report.verdict === 'leak' ? 'Leak' : report.verdict === 'no-leak' ? 'No leak' : 'Inconclusive'}${rate}`;
    } else {
      this.item.text = `$(loading~spin) Leak Hunter: ${status.phase}${rate}`;
    }
    const ci = slope ? `\n\nSlope ${formatRate(slope.value)} (95% CI ${formatRate(slope.ci[0])} … ${formatRate(slope.ci[1])})` : '';
    this.item.tooltip = new vscode.MarkdownString(`**Leak Hunter** — ${status.message ?? status.phase}${ci}\n\nClick to open the panel.`);
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
