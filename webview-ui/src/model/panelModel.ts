/**
 * The panel's data, folded from host messages. Pure so it can be tested without a DOM. Page
 * answers are not folded here: the comparison table owns its page cache.
 */
import { WEBVIEW_PROTOCOL_VERSION } from '../../../src/shared/webview';
import type { HostToWebviewMessage, HuntStatus, ReportSoFar } from '../../../src/shared/webview';

export interface PanelData {
  /** False until the host's first `state`: the panel shows "connecting" rather than "empty". */
  received: boolean;
  status: HuntStatus;
  report: ReportSoFar;
  /** A host error not tied to a page request, or a message the panel could not understand. */
  error?: { message: string; detail?: string };
  /** Bumped when the comparison the table pages through is replaced; drops cached pages. */
  comparisonEpoch: number;
}

export const INITIAL_PANEL_DATA: PanelData = {
  received: false,
  status: { phase: 'idle' },
  report: { samples: [], snapshots: [], suspects: [] },
  comparisonEpoch: 0,
};

export type PanelAction =
  | { kind: 'host'; message: HostToWebviewMessage }
  | { kind: 'invalid'; reason: string }
  | { kind: 'dismissError' };

export function reducePanel(data: PanelData, action: PanelAction): PanelData {
  if (action.kind === 'dismissError') return { ...data, error: undefined };
  if (action.kind === 'invalid') {
    return { ...data, error: { message: 'The extension sent a message this panel does not understand.', detail: action.reason } };
  }
  const m = action.message;
  switch (m.type) {
    case 'state': {
      // Shapes were validated, so a version mismatch is survivable; say so, since a field this
      // panel does not know about may be missing from the view.
      const error =
        m.protocol === WEBVIEW_PROTOCOL_VERSION
          ? undefined
          : { message: 'The panel and the extension use different message versions; reload the window if something looks missing.', detail: `extension v${m.protocol}, panel v${WEBVIEW_PROTOCOL_VERSION}` };
      return { received: true, status: m.status, report: m.report, comparisonEpoch: data.comparisonEpoch + 1, error };
    }
    case 'status':
      return { ...data, status: m.status };
    case 'samples': {
      // Samples are appended in time order; anything not after the last one is a replay.
      const last = data.report.samples.at(-1)?.t ?? -Infinity;
      const fresh = m.samples.filter(s => s.t > last);
      if (!fresh.length) return data;
      return { ...data, report: { ...data.report, samples: [...data.report.samples, ...fresh] } };
    }
    case 'snapshot': {
      const known = data.report.snapshots.some(s => s.file === m.snapshot.file && s.t === m.snapshot.t);
      if (known) return data;
      return { ...data, report: { ...data.report, snapshots: [...data.report.snapshots, m.snapshot] } };
    }
    case 'analysis': {
      const prev = data.report.comparison;
      const next = m.comparison ?? prev;
      const changed = next !== undefined && (prev === undefined || prev.total !== next.total || prev.rungs !== next.rungs);
      return {
        ...data,
        report: {
          ...data.report,
          verdict: m.verdict ?? data.report.verdict,
          trend: m.trend ?? data.report.trend,
          suspects: m.suspects,
          comparison: next,
        },
        comparisonEpoch: changed ? data.comparisonEpoch + 1 : data.comparisonEpoch,
      };
    }
    case 'error':
      // Page errors are shown by the table that asked.
      if (m.requestId !== undefined) return data;
      return { ...data, error: { message: m.message, detail: m.detail } };
    case 'comparisonPage':
      return data;
  }
}
