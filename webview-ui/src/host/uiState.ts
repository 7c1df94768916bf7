/**
 * Small UI state that survives a webview reload (VS Code keeps it in `setState`). Data never goes
 * here: it is re-requested from the host, which owns it. Anything read back is re-validated,
 * because a state saved by an older version of the panel may have another shape.
 */
import { COMPARISON_SORT_KEYS, MAX_FILTER_LENGTH } from '../../../src/shared/webview';
import type { ComparisonSortKey, SortDirection } from '../../../src/shared/webview';

export type PanelTab = 'suspects' | 'comparison';

export interface UiState {
  v: 1;
  tab: PanelTab;
  sort: { key: ComparisonSortKey; direction: SortDirection };
  filter: string;
  /** Scroll offset of the comparison table, in pixels. */
  scrollTop: number;
  /** Ranks of suspects whose retainer path is expanded. */
  expanded: number[];
}

export const DEFAULT_UI_STATE: UiState = {
  v: 1,
  tab: 'suspects',
  sort: { key: 'retainedDelta', direction: 'desc' },
  filter: '',
  scrollTop: 0,
  expanded: [],
};

export function parseUiState(raw: unknown): UiState {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_UI_STATE;
  const r = raw as Partial<Record<keyof UiState, unknown>>;
  const d = DEFAULT_UI_STATE;
  const sort = r.sort as { key?: unknown; direction?: unknown } | undefined;
  const key = COMPARISON_SORT_KEYS.find(k => k === sort?.key) ?? d.sort.key;
  const direction: SortDirection = sort?.direction === 'asc' || sort?.direction === 'desc' ? sort.direction : d.sort.direction;
  return {
    v: 1,
    tab: r.tab === 'comparison' || r.tab === 'suspects' ? r.tab : d.tab,
    sort: { key, direction },
    filter: typeof r.filter === 'string' ? r.filter.slice(0, MAX_FILTER_LENGTH) : d.filter,
    scrollTop: typeof r.scrollTop === 'number' && Number.isFinite(r.scrollTop) && r.scrollTop >= 0 ? r.scrollTop : 0,
    expanded: Array.isArray(r.expanded) ? r.expanded.filter((x): x is number => Number.isInteger(x)).slice(0, 100) : [],
  };
}
