/**
 * Registers a happy-dom window as the global DOM for node:test, the way a browser provides one.
 * Node's own globals (timers, console, fetch, EventTarget…) win where both exist, so the test
 * runner keeps working; everything DOM-only (document, HTMLElement, MessageEvent…) comes from
 * happy-dom. Import this first in every component test.
 */
import * as React from 'react';
import { Window } from 'happy-dom';

const win = new Window({ url: 'http://localhost/', width: 1200, height: 900 });
const g = globalThis as Record<string, unknown>;
// Event classes must come from the same realm as the DOM that dispatches them.
const domFirst = new Set(['Event', 'EventTarget', 'MessageEvent', 'KeyboardEvent', 'MouseEvent', 'CustomEvent', 'UIEvent', 'FocusEvent', 'InputEvent']);

for (const key of Object.getOwnPropertyNames(win)) {
  if (key in g && !domFirst.has(key)) continue;
  const desc = Object.getOwnPropertyDescriptor(win, key);
  if (!desc) continue;
  Object.defineProperty(g, key, { configurable: true, get: () => (win as unknown as Record<string, unknown>)[key] });
}
g.window = win;
g.document = win.document;
g.navigator = win.navigator;
// Tells React the tests wrap updates in act(), so it does not warn about them.
g.IS_REACT_ACT_ENVIRONMENT = true;
// The unit runner compiles with the root tsconfig, which sets no `jsx`, so tsx emits classic
// `React.createElement` calls; the bundle uses the automatic runtime (esbuild `jsx: 'automatic'`).
g.React = React;

export const testWindow = win;
