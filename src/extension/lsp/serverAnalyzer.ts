import type { LanguageClient } from 'vscode-languageclient/node';
import type { LadderOptions, LadderResult, SnapshotAnalyzer } from '../../core/heap/model';
import { AnalysisProgressNotification, AnalyzeLadderRequest, CancelAnalysisNotification, type AnalyzeLadderResult } from '../../shared/lsp';
import { CancelledError } from '../../core/common/errors';
import { notification, request } from './protocol';

/**
 * The hunt's SnapshotAnalyzer when it runs in VS Code: every ladder goes to the analysis
 * server, so the extension host only sends file names and receives the (cut) result.
 */
export class ServerAnalyzer implements SnapshotAnalyzer {
  private seq = 0;
  /** Classes in the last ladder (the result carries only the head; the panel pages the rest). */
  classTotal?: number;

  constructor(
    private readonly client: LanguageClient,
    private readonly huntId: string,
    private readonly comparisonFile?: string,
  ) {}

  async analyzeLadder(files: string[], options: LadderOptions = {}): Promise<LadderResult> {
    await this.client.start();
    const huntId = `${this.huntId}#${++this.seq}`;
    const progress = this.client.onNotification(notification(AnalysisProgressNotification), p => {
      if (p.huntId === huntId) options.progress?.({ phase: p.phase, fraction: p.fraction, message: p.message });
    });
    const cancel = options.token?.onCancellationRequested(() => void this.client.sendNotification(notification(CancelAnalysisNotification), { huntId }));
    try {
      const result: AnalyzeLadderResult = await this.client.sendRequest(request(AnalyzeLadderRequest), {
        huntId,
        files,
        canaryIds: options.canaryIds,
        topOwners: options.topOwners,
        comparisonFile: this.comparisonFile,
      });
      if (options.token?.isCancellationRequested) throw new CancelledError();
      this.classTotal = result.classTotal;
      return result;
    } finally {
      progress.dispose();
      cancel?.dispose();
    }
  }

  /** The id the server filed the last ladder under, for comparison page requests. */
  get lastHuntId(): string {
    return `${this.huntId}#${this.seq}`;
  }
}
