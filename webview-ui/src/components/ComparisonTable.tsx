import { useEffect, useId, useRef, useState } from 'react';
import type { ComparisonRow, ComparisonSortKey, ComparisonSummary, SortDirection } from '../../../src/shared/webview';
import type { HostChannel } from '../host/hostChannel';
import { formatBytes, formatCount, formatSignedBytes, formatSignedCount } from '../../../src/shared/format';
import { useComparisonPages } from './useComparisonPages';
import { VirtualList } from './VirtualList';

export const ROW_HEIGHT = 24;
/** Rows in view at once; a fixed body height keeps the window size independent of layout. */
const VISIBLE_ROWS = 20;
const FILTER_DEBOUNCE_MS = 150;

interface Column {
  id: string;
  title: string;
  sortKey?: ComparisonSortKey;
  numeric?: boolean;
  render(r: ComparisonRow): string;
  hint?(r: ComparisonRow): string;
}

const perRung = (xs: number[], f: (n: number) => string) => xs.map(f).join(' → ');

const COLUMNS: Column[] = [
  { id: 'class', title: 'Class', sortKey: 'className', render: r => r.className },
  { id: 'dcount', title: 'Δ count', sortKey: 'countDelta', numeric: true, render: r => formatSignedCount(r.countDelta) },
  { id: 'dshallow', title: 'Δ shallow', sortKey: 'shallowDelta', numeric: true, render: r => formatSignedBytes(r.shallowDelta) },
  { id: 'dretained', title: 'Δ retained', sortKey: 'retainedDelta', numeric: true, render: r => formatSignedBytes(r.retainedDelta) },
  { id: 'new', title: 'New', sortKey: 'newCount', numeric: true, render: r => formatCount(r.newCount) },
  {
    id: 'counts',
    title: 'Count per snapshot',
    render: r => perRung(r.counts, formatCount),
    hint: r => `Shallow per snapshot: ${perRung(r.shallowSizes, n => formatBytes(n))}`,
  },
  { id: 'retained', title: 'Retained per snapshot', render: r => perRung(r.retainedSizes, n => formatBytes(n)) },
  { id: 'mono', title: 'Monotonic', sortKey: 'monotonic', render: r => (r.monotonic ? 'yes' : 'no') },
];

interface Props {
  channel: HostChannel;
  summary?: ComparisonSummary;
  epoch: number;
  sort: { key: ComparisonSortKey; direction: SortDirection };
  filter: string;
  initialScrollTop: number;
  onSortChange(sort: { key: ComparisonSortKey; direction: SortDirection }): void;
  onFilterChange(filter: string): void;
  onScrollSettled(scrollTop: number): void;
}

/** The ladder diff by class: sortable, filterable, windowed, and paged from the host. */
export function ComparisonTable(props: Props) {
  const { channel, summary, epoch, sort } = props;
  const [draft, setDraft] = useState(props.filter);
  const [active, setActive] = useState<number | undefined>(undefined);
  const idBase = useId();
  const onFilterChange = useRef(props.onFilterChange);
  onFilterChange.current = props.onFilterChange;

  // Debounced so typing a class name asks the host once, not once per key.
  useEffect(() => {
    if (draft === props.filter) return;
    const t = setTimeout(() => onFilterChange.current(draft), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, props.filter]);

  const pages = useComparisonPages(channel, { sort, filter: props.filter }, epoch, summary !== undefined);

  if (!summary) {
    return <p className="lh-muted lh-empty">The snapshot comparison appears once at least two snapshots are analysed.</p>;
  }

  // Until the first page answers, the unfiltered total is an upper bound that keeps a restored
  // scroll position reachable; the real count replaces it as soon as the host replies.
  const total = pages.total ?? summary.total;
  const onSort = (key: ComparisonSortKey) =>
    props.onSortChange({
      key,
      direction: sort.key === key ? (sort.direction === 'asc' ? 'desc' : 'asc') : key === 'className' ? 'asc' : 'desc',
    });
  const rowId = (i: number) => `${idBase}-row-${i}`;

  return (
    <section className="lh-comparison" aria-label="Snapshot comparison">
      <div className="lh-toolbar">
        <label className="lh-filter">
          <span>Filter classes</span>
          <input
            type="search"
            value={draft}
            maxLength={200}
            placeholder="e.g. Map, Request, (closure)"
            onChange={e => setDraft(e.target.value)}
          />
        </label>
        <span className="lh-muted" aria-live="polite" data-testid="row-count">
          {pages.total === undefined ? 'Loading…' : `${formatCount(total)} of ${formatCount(summary.total)} classes`}
          {summary.identity === 'path' && ' · matched by retainer path (object ids were reset)'}
        </span>
      </div>
      {pages.failed && (
        <p className="lh-error-inline" role="alert">
          {pages.failed}
        </p>
      )}
      <div className="lh-table" role="grid" aria-rowcount={total + 1} aria-colcount={COLUMNS.length}>
        <div className="lh-thead" role="row" aria-rowindex={1}>
          {COLUMNS.map(c => {
            const sorted = c.sortKey !== undefined && sort.key === c.sortKey;
            return (
              <div
                key={c.id}
                role="columnheader"
                className={`lh-cell lh-col-${c.id}${c.numeric ? ' lh-num' : ''}`}
                aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sortKey ? (
                  <button type="button" className="lh-sort" onClick={() => onSort(c.sortKey as ComparisonSortKey)}>
                    {c.title}
                    <span aria-hidden="true">{sorted ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.title
                )}
              </div>
            );
          })}
        </div>
        <VirtualList
          count={total}
          rowHeight={ROW_HEIGHT}
          height={ROW_HEIGHT * Math.min(VISIBLE_ROWS, Math.max(3, total))}
          renderRow={i => <Row index={i} id={rowId(i)} row={pages.rowAt(i)} active={i === active} />}
          onRangeChange={pages.onRangeChange}
          initialScrollTop={props.initialScrollTop}
          onScrollSettled={props.onScrollSettled}
          activeIndex={active}
          onActiveIndexChange={setActive}
          activeDescendant={active !== undefined ? rowId(active) : undefined}
          resetKey={`${epoch}|${sort.key}|${sort.direction}|${props.filter}`}
          label="Classes, use the arrow keys to move between rows"
        />
      </div>
    </section>
  );
}

function Row({ index, id, row, active }: { index: number; id: string; row?: ComparisonRow; active: boolean }) {
  if (!row) {
    return (
      <div role="row" id={id} aria-rowindex={index + 2} className="lh-tr lh-loading">
        <div role="gridcell" className="lh-cell lh-col-class lh-muted">
          Loading…
        </div>
      </div>
    );
  }
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={index + 2}
      aria-selected={active}
      className={`lh-tr${active ? ' lh-active' : ''}${row.monotonic ? ' lh-monotonic' : ''}`}
      data-testid="comparison-row"
    >
      {COLUMNS.map(c => (
        <div key={c.id} role="gridcell" className={`lh-cell lh-col-${c.id}${c.numeric ? ' lh-num' : ''}`} title={c.hint?.(row) ?? c.render(row)}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}
