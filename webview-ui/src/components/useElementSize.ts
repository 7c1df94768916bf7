import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Measures an element and follows resizes. Where layout reports 0 (a DOM without layout, such as
 * the component tests) the fallback keeps the chart and table rendering at a sensible size.
 */
export function useElementSize<T extends HTMLElement>(fallback: { width: number; height: number }) {
  const ref = useRef<T>(null);
  const [size, setSize] = useState(fallback);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const width = r.width > 0 ? Math.floor(r.width) : fallback.width;
      const height = r.height > 0 ? Math.floor(r.height) : fallback.height;
      setSize(prev => (prev.width === width && prev.height === height ? prev : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallback.width, fallback.height]);

  return [ref, size] as const;
}
