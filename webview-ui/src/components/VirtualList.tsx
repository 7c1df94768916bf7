import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface VisibleRange {
  start: number;
  /** Exclusive. */
  end: number;
}

interface Props {
  count: number;
  rowHeight: number;
  height: number;
  /** Rows rendered beyond each edge, so fast scrolling does not flash empty space. */
  overscan?: number;
  renderRow(index: number): ReactNode;
  /** Called with the rows in view (without overscan), after every scroll or resize. */
  onRangeChange?(range: VisibleRange): void;
  initialScrollTop?: number;
  onScrollSettled?(scrollTop: number): void;
  /** Index of the keyboard-active row, kept in view. */
  activeIndex?: number;
  onActiveIndexChange?(index: number): void;
  /** Changes when the rows are replaced (new sort or filter): scroll back to the top. */
  resetKey?: string;
  label: string;
  activeDescendant?: string;
}

/**
 * Fixed-row-height windowing: only the rows in view (plus overscan) exist in the DOM, so 100k
 * rows cost the same as 30. A spacer of count × rowHeight gives the scrollbar its true size.
 */
export function VirtualList(props: Props) {
  const { count, rowHeight, height, overscan = 8, renderRow, onRangeChange, onScrollSettled, activeIndex } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(props.initialScrollTop ?? 0);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstReset = useRef(true);

  useLayoutEffect(() => {
    if (scroller.current && props.initialScrollTop) scroller.current.scrollTop = props.initialScrollTop;
    // Only on mount: afterwards the user owns the scroll position.
  }, []);

  useLayoutEffect(() => {
    if (firstReset.current) {
      firstReset.current = false;
      return;
    }
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [props.resetKey]);

  const maxTop = Math.max(0, count * rowHeight - height);
  const top = Math.min(scrollTop, maxTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight));

  useEffect(() => {
    onRangeChange?.({ start: first, end: last });
  }, [first, last, onRangeChange]);

  useEffect(() => () => clearTimeout(settleTimer.current), []);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => onScrollSettled?.(el.scrollTop), 200);
  }, [onScrollSettled]);

  // Keep the keyboard-active row in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || activeIndex === undefined || activeIndex < 0) return;
    const rowTop = activeIndex * rowHeight;
    if (rowTop < el.scrollTop) el.scrollTop = rowTop;
    else if (rowTop + rowHeight > el.scrollTop + height) el.scrollTop = rowTop + rowHeight - height;
    setScrollTop(el.scrollTop);
  }, [activeIndex, rowHeight, height]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!props.onActiveIndexChange || count === 0) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const cur = activeIndex ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: cur + 1,
      ArrowUp: cur - 1,
      PageDown: cur + page,
      PageUp: cur - page,
      Home: 0,
      End: count - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    props.onActiveIndexChange(Math.max(0, Math.min(count - 1, moves[e.key])));
  };

  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + overscan);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div key={i} className="lh-vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="lh-vscroll"
      style={{ height }}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="rowgroup"
      aria-label={props.label}
      aria-activedescendant={props.activeDescendant}
      data-testid="virtual-list"
    >
      <div className="lh-vspacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
