import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface TabDef<K extends string> {
  id: K;
  label: string;
}

interface Props<K extends string> {
  tabs: TabDef<K>[];
  selected: K;
  onSelect(id: K): void;
  children: ReactNode;
  label: string;
}

/** WAI-ARIA tabs: one tab stop, arrow keys move between tabs, Home/End jump to the ends. */
export function Tabs<K extends string>({ tabs, selected, onSelect, children, label }: Props<K>) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex(t => t.id === selected);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % tabs.length
      : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next].id);
    refs.current.get(tabs[next].id)?.focus();
  };
  return (
    <div className="lh-tabs">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map(t => (
          <button
            key={t.id}
            ref={el => {
              if (el) refs.current.set(t.id, el);
            }}
            type="button"
            role="tab"
            id={`lh-tab-${t.id}`}
            aria-selected={t.id === selected}
            aria-controls={`lh-panel-${t.id}`}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`lh-panel-${selected}`} aria-labelledby={`lh-tab-${selected}`}>
        {children}
      </div>
    </div>
  );
}
