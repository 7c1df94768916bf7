/**
 * Custom requests between the extension (language client) and the analysis server. One typed
 * constant per message; both sides import these, never bare method strings. The specs are
 * library-free because the client and server libraries pin different protocol versions: each
 * side turns a spec into its own library's RequestType (server/protocol.ts, extension/lsp).
 */
import type { LadderResult } from '../core/heap/model';
import type { Report } from './report';
import type { ComparisonQuery, ComparisonRow } from './webview';

export interface AnalyzeLadderParams {
  /** Groups the results of one hunt; later page requests name it. */
  huntId: string;
  files: string[];
  canaryIds?: (number | undefined)[];
  topOwners?: number;
  /** Where to persist the full class comparison so a reopened report can page it again. */
  comparisonFile?: string;
}

/** The ladder result with the class list cut to its head; the rest is paged. */
export interface AnalyzeLadderResult extends LadderResult {
  classTotal: number;
}

export interface ComparisonPageParams {
  huntId: string;
  query: ComparisonQuery;
  /** Reload the comparison from this file when the server no longer holds it (after a restart). */
  comparisonFile?: string;
}

export interface ComparisonPageResult {
  total: number;
  rungs: number;
  rows: ComparisonRow[];
}

export interface AnalysisProgressParams {
  huntId: string;
  phase: string;
  fraction?: number;
  message?: string;
}

export interface CancelAnalysisParams {
  huntId: string;
}

export interface PublishFindingsParams {
  report: Report;
  reportFile?: string;
}

/** A request's method name, carrying its param and result types. */
export interface RequestSpec<P, R> {
  readonly method: string;
  /** Type carrier only; never set. */
  readonly types?: { params: P; result: R };
}

/** A notification's method name, carrying its param type. */
export interface NotificationSpec<P> {
  readonly method: string;
  readonly types?: { params: P };
}

export const AnalyzeLadderRequest: RequestSpec<AnalyzeLadderParams, AnalyzeLadderResult> = { method: 'leakHunter/analyzeLadder' };
export const ComparisonPageRequest: RequestSpec<ComparisonPageParams, ComparisonPageResult> = { method: 'leakHunter/comparisonPage' };
export const CancelAnalysisNotification: NotificationSpec<CancelAnalysisParams> = { method: 'leakHunter/cancelAnalysis' };
export const AnalysisProgressNotification: NotificationSpec<AnalysisProgressParams> = { method: 'leakHunter/analysisProgress' };
export const PublishFindingsNotification: NotificationSpec<PublishFindingsParams> = { method: 'leakHunter/publishFindings' };

/** Classes sent with an analysis result; the rest stay on the server for paging. */
export const CLASS_HEAD = 200;
