import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComparisonQuery, ComparisonRow } from '../../../src/shared/webview';
import type { HostChannel } from '../host/hostChannel';
import type { VisibleRange } from './VirtualList';

export const PAGE_SIZE = 200;
/** Pages kept around the view; older ones are dropped so a long scroll does not grow memory. */
const MAX_CACHED_PAGES = 40;

type Shape = Pick<ComparisonQuery, 'sort' | 'filter'>;

interface Cache {
  key: string;
  total?: number;
  pages: Map<number, ComparisonRow[]>;
  failed?: string;
}

const keyOf = (q: Shape, epoch: number) => `${epoch}|${q.sort.key}|${q.sort.direction}|${q.filter}`;

/**
 * Rows of the comparison, fetched from the host one page at a time as they scroll into view.
 * Answers to an older sort or filter are dropped by request id, so a slow page never shows up
 * under a newer query.
 */
export function useComparisonPages(channel: HostChannel, shape: Shape, epoch: number, enabled: boolean) {
  const key = keyOf(shape, epoch);
  const [cache, setCache] = useState<Cache>({ key, pages: new Map() });
  const inFlight = useRef(new Map<number, { key: string; page: number }>());
  const range = useRef<VisibleRange>({ start: 0, end: 0 });
  const shapeRef = useRef(shape);
  shapeRef.current = shape;
  const keyRef = useRef(key);
  keyRef.current = key;

  const current = cache.key === key ? cache : { key, pages: new Map<number, ComparisonRow[]>() };

  const request = useCallback(
    (pages: Map<number, ComparisonRow[]>, r: VisibleRange) => {
      if (!enabled) return;
      const firstPage = Math.floor(r.start / PAGE_SIZE);
      const lastPage = Math.max(firstPage, Math.floor(Math.max(r.end - 1, 0) / PAGE_SIZE));
      const pending = new Set([...inFlight.current.values()].filter(f => f.key === keyRef.current).map(f => f.page));
      for (let p = firstPage; p <= lastPage; p++) {
        if (pages.has(p) || pending.has(p)) continue;
        const requestId = channel.newRequestId();
        inFlight.current.set(requestId, { key: keyRef.current, page: p });
        const s = shapeRef.current;
        channel.post({ type: 'requestComparisonPage', requestId, offset: p * PAGE_SIZE, limit: PAGE_SIZE, sort: s.sort, filter: s.filter });
      }
    },
    [channel, enabled],
  );

  useEffect(() => {
    return channel.subscribe(m => {
      if (m.type !== 'comparisonPage' && !(m.type === 'error' && m.requestId !== undefined)) return;
      const id = m.requestId as number;
      const asked = inFlight.current.get(id);
      if (!asked) return;
      inFlight.current.delete(id);
      if (asked.key !== keyRef.current) return;
      setCache(prev => {
        const base = prev.key === asked.key ? prev : { key: asked.key, pages: new Map<number, ComparisonRow[]>() };
        if (m.type === 'error') return { ...base, failed: m.message };
        const pages = new Map(base.pages);
        pages.set(asked.page, m.rows);
        if (pages.size > MAX_CACHED_PAGES) {
          const centre = Math.floor(range.current.start / PAGE_SIZE);
          const far = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
          for (const p of far.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
        }
        return { key: asked.key, total: m.total, pages, failed: undefined };
      });
    });
  }, [channel]);

  // A new query (or a reset comparison) always starts from the top.
  useEffect(() => {
    request(new Map(), { start: 0, end: Math.max(range.current.end - range.current.start, 1) });
  }, [key, request]);

  const onRangeChange = useCallback(
    (r: VisibleRange) => {
      range.current = r;
      request(current.pages, r);
    },
    // `current.pages` identity changes on each answer; requesting again then is harmless and needed
    // when an answer leaves a gap in the view.
    [request, current.pages],
  );

  const rowAt = (i: number): ComparisonRow | undefined => current.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  return { total: current.total, rowAt, onRangeChange, failed: current.failed };
}
