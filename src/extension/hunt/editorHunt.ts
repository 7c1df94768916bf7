import type * as vscode from 'vscode';
import type { CancellationToken } from '../../core/common/cancellation';
import { LeakHunterError } from '../../core/common/errors';
import type { WorkloadSpec } from '../../core/hunt/workload';
import type { TargetConnection } from '../debug/targetConnection';
import type { HuntFiles } from './huntState';
import type { ExtensionCtx } from '../ctx';

export interface EditorHuntOptions {
  target: TargetConnection;
  session: vscode.DebugSession;
  workload: WorkloadSpec;
  dir: string;
  files: HuntFiles;
  token: CancellationToken;
  progress(message: string, increment?: number): void;
  timeBudgetSec: number;
  sampleIntervalMs: number;
  snapshotCount: number;
}

/** Runs the core hunt orchestrator over a debug session's target (wired once the orchestrator lands). */
export async function runEditorHunt(_ctx: ExtensionCtx, options: EditorHuntOptions): Promise<unknown> {
  options.target.conn.dispose();
  throw new LeakHunterError('not-built', 'the hunt orchestrator is not wired into the extension yet');
}
