import * as vscode from 'vscode';
import type { HostToWebviewMessage, HuntStatus, ReportSoFar } from '../../shared/webview';
import type { MemorySample, Report, SnapshotRef } from '../../shared/report';

/** Where a hunt's files live and how the server knows its comparison. */
export interface HuntFiles {
  huntId: string;
  dir: string;
  reportFile?: string;
  comparisonFile?: string;
}

/**
 * The hunt the panel shows: status and the report so far, kept on the extension side so a
 * reloaded or reopened panel can be rebuilt (the webview keeps no data of its own). Changes are
 * published as the same messages the webview receives.
 */
export class HuntState implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<HostToWebviewMessage>();
  private readonly savedEmitter = new vscode.EventEmitter<string>();
  /** Fires with a report file whenever the shown report is on disk (to reopen it after a reload). */
  readonly onReportFile = this.savedEmitter.event;
  readonly onMessage = this.emitter.event;
  status: HuntStatus = { phase: 'idle' };
  report: ReportSoFar = { samples: [], snapshots: [], suspects: [] };
  files?: HuntFiles;
  final?: Report;
  /** The slope and interval while sampling, before the hunt's fit is final. */
  live?: { slopeBytesPerSec: number; ci95: [number, number] };

  /** Starts over for a new hunt. */
  reset(status: HuntStatus, files?: HuntFiles): void {
    this.status = status;
    this.report = { samples: [], snapshots: [], suspects: [] };
    this.files = files;
    this.final = undefined;
    this.live = undefined;
    this.emitter.fire(this.stateMessage());
  }

  setLive(slopeBytesPerSec: number, ci95: [number, number]): void {
    this.live = { slopeBytesPerSec, ci95 };
  }

  setStatus(status: Partial<HuntStatus>): void {
    this.status = { ...this.status, ...status };
    this.emitter.fire({ type: 'status', status: this.status });
  }

  addSamples(samples: MemorySample[]): void {
    this.report.samples.push(...samples);
    this.emitter.fire({ type: 'samples', samples });
  }

  addSnapshot(snapshot: SnapshotRef): void {
    this.report.snapshots.push(snapshot);
    this.emitter.fire({ type: 'snapshot', snapshot });
  }

  /** Shows a finished (or reopened) report in full. */
  setReport(report: Report, comparisonTotal?: number, rungs?: number): void {
    if (this.files?.reportFile) this.savedEmitter.fire(this.files.reportFile);
    this.final = report;
    const { samples, ...trend } = report.trend;
    this.report = {
      samples,
      trend,
      verdict: report.verdict,
      snapshots: report.snapshots,
      suspects: report.suspects,
      verify: report.verify,
      warnings: report.warnings,
      comparison: comparisonTotal !== undefined ? { total: comparisonTotal, rungs: rungs ?? report.snapshots.length } : this.report.comparison,
    };
    this.emitter.fire(this.stateMessage());
  }

  stateMessage(): HostToWebviewMessage {
    return { type: 'state', protocol: 1, status: this.status, report: this.report };
  }

  dispose(): void {
    this.emitter.dispose();
    this.savedEmitter.dispose();
  }
}
