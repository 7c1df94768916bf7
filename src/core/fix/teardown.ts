/**
 * Where the work behind a listener or timer ends, found in the AST: a `close`/`end`/`destroy`/
 * `dispose`/`stop`/`shutdown` method of the class that registers it, a module-level function of
 * that name, or a `'close'` event listened to in the registering function. Fixes queue the
 * removal there instead of bounding by count.
 */
import type { Attribution } from '../leak/attribute';
import { allNodes, isFunction, memberName, nearest } from '../leak/declarations';
import type { AstNode, ParsedScript } from '../leak/script';
import { endOfLine, type OffsetEdit, type RenderTarget } from './edits';
import { fileLevelEdit, declares } from './helpers';
import { freshName } from './builders';
import { indentUnit, reindent } from './insertion';

const TEARDOWN_NAMES = ['close', 'end', 'destroy', 'dispose', 'stop', 'shutdown'];
const listenerMethods = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener'];

export type Teardown =
  /** A method of the registering class: the undo list is an instance field. */
  | { kind: 'method'; name: string; cls: AstNode; method: AstNode }
  /** A module-level function, or a shutdown handler (`process.on('SIGTERM', …)`): the undo list is a module-level constant. */
  | { kind: 'function'; name: string; fn: AstNode; label: string }
  /** An object whose `'close'` event the registering function listens to. */
  | { kind: 'close-event'; closer: AstNode };

const keyName = (k: AstNode) => (k.type === 'Identifier' ? k.name : k.type === 'Literal' ? String(k.value) : undefined);

/** True when the body's `{` is on the line of the node's start (so code can go right after that line). */
function opensOnSameLine(s: ParsedScript, node: AstNode, body: AstNode): boolean {
  return body?.type === 'BlockStatement' && endOfLine(s.text, node.start) > body.start && body.body.length > 0 && endOfLine(s.text, body.start) < body.body[0].start;
}

const SHUTDOWN_EVENTS = ['SIGTERM', 'SIGINT', 'beforeExit'];

/** A `process.on('SIGTERM' | 'SIGINT' | 'beforeExit', () => { … })` handler: where a program shuts down. */
function shutdownHandler(s: ParsedScript): Teardown | undefined {
  for (const { node } of allNodes(s)) {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.object.type !== 'Identifier' || node.callee.object.name !== 'process') continue;
    if (!['on', 'once', 'addListener'].includes(memberName(node.callee) ?? '')) continue;
    const [ev, fn] = node.arguments as AstNode[];
    if (ev?.type === 'Literal' && SHUTDOWN_EVENTS.includes(String(ev.value)) && fn && isFunction(fn) && opensOnSameLine(s, fn, fn.body)) {
      return { kind: 'function', name: String(ev.value), fn, label: `the process's '${String(ev.value)}' handler` };
    }
  }
  return undefined;
}

/**
 * The teardown that matches the growth site, if the code has one; with `shutdown` (timers), a
 * process shutdown handler counts too.
 */
export function findTeardown(a: Attribution, shutdown = false): Teardown | undefined {
  const s = a.script;
  const g = a.growth;
  if (!s || !g) return undefined;
  const method = nearest(g.ancestors, n => n.type === 'MethodDefinition');
  const cls = nearest(g.ancestors, n => n.type === 'ClassDeclaration' || n.type === 'ClassExpression');
  // `this` at the growth site must be the instance: only arrow functions between it and the method.
  const ownThis = method && g.ancestors.slice(g.ancestors.indexOf(method) + 2).every(n => !isFunction(n) || n.type === 'ArrowFunctionExpression');
  if (method && cls && ownThis && !method.static && !TEARDOWN_NAMES.includes(keyName(method.key) ?? '')) {
    const td = (cls.body.body as AstNode[]).find(m => m.type === 'MethodDefinition' && !m.static && m.kind === 'method' && TEARDOWN_NAMES.includes(keyName(m.key) ?? ''));
    if (td && opensOnSameLine(s, td, td.value.body)) return { kind: 'method', name: keyName(td.key)!, cls, method: td };
  }
  const fn = nearest(g.ancestors, isFunction);
  if (fn) {
    for (const { node, ancestors } of allNodes(s)) {
      if (node.type !== 'CallExpression' || node.start < fn.start || node.end > fn.end || node === g.node) continue;
      if (nearest(ancestors, isFunction) !== fn) continue;
      const c = node.callee;
      if (c.type !== 'MemberExpression' || !listenerMethods.includes(memberName(c) ?? '')) continue;
      const ev = node.arguments[0];
      if (ev?.type === 'Literal' && ev.value === 'close' && (c.object.type === 'Identifier' || c.object.type === 'ThisExpression' || c.object.type === 'MemberExpression')) {
        return { kind: 'close-event', closer: c.object };
      }
    }
  }
  const inside = (n: AstNode) => g.node.start >= n.start && g.node.end <= n.end;
  for (const stmt of (s.ast as AstNode).body as AstNode[]) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type === 'FunctionDeclaration' && TEARDOWN_NAMES.includes(decl.id?.name) && !inside(decl) && opensOnSameLine(s, decl, decl.body)) {
      return { kind: 'function', name: decl.id.name, fn: decl, label: `\`${decl.id.name}()\`` };
    }
  }
  return shutdown ? shutdownHandler(s) : undefined;
}

/** Where a teardown is, for titles: `close()`, `the 'close' event of conn`. */
export function teardownLabel(s: ParsedScript, t: Teardown): string {
  if (t.kind === 'close-event') return `the 'close' event of \`${s.text.slice(t.closer.start, t.closer.end)}\``;
  return t.kind === 'function' ? t.label : `\`${t.name}()\``;
}

/** Code inserted as the first statement of a block whose header is the anchor's line. */
function firstInBody(anchorOffset: number, s: ParsedScript, code: string): OffsetEdit {
  const at = endOfLine(s.text, anchorOffset);
  const render = (t: RenderTarget) => {
    const lead = /^[ \t]*/.exec(t.line ?? '')![0];
    return `\n${lead}${indentUnit(t.text)}${code}`;
  };
  return { start: at, end: at, newText: '', render, anchor: 'after-line', anchorOffset };
}

export interface TeardownQueue {
  /** The expression naming the undo list at the growth site (`this.disposers`, `leakHunterDisposers`). */
  list: string;
  /** Edits that declare the list and run it at the teardown. */
  edits: OffsetEdit[];
}

/** The undo list of a method or module-level teardown: declared once, run where the work ends. */
export function teardownQueue(s: ParsedScript, t: Exclude<Teardown, { kind: 'close-event' }>): TeardownQueue {
  const field = freshName(s, 'disposers');
  if (t.kind === 'method') {
    const list = `this.${field}`;
    const declare: OffsetEdit = {
      start: endOfLine(s.text, t.cls.start),
      end: endOfLine(s.text, t.cls.start),
      newText: '',
      anchor: 'after-line',
      anchorOffset: t.cls.start,
      render: tgt => `\n${/^[ \t]*/.exec(tgt.line ?? '')![0]}${indentUnit(tgt.text)}${tgt.ts ? `private readonly ${field}: Array<() => void> = [];` : `${field} = [];`} // leak-hunter: undone in ${t.name}()`,
    };
    return { list, edits: [declare, firstInBody(t.method.key.start, s, `for (const undo of ${list}.splice(0)) undo();`)] };
  }
  const declare = fileLevelEdit(s.text, tgt => [`// leak-hunter: what to undo in ${t.label.replace(/`/g, '')}.\nconst ${field}${tgt.ts ? ': Array<() => void>' : ''} = [];`]);
  return { list: field, edits: [declare, firstInBody(t.fn.id?.start ?? t.fn.start, s, `for (const undo of ${field}.splice(0)) undo();`)] };
}

const UNDO_HELPERS: Record<string, { js: string; ts: string }> = {
  removedAtTeardown: {
    js: `/** Returns \`listener\` and queues its removal on \`teardown\`. */
function removedAtTeardown(teardown, emitter, event, listener) {
  teardown.push(() => {
    if (typeof emitter.removeListener === 'function') emitter.removeListener(event, listener);
    else emitter.removeEventListener(event, listener);
  });
  return listener;
}`,
    ts: `/** Returns \`listener\` and queues its removal on \`teardown\`. */
function removedAtTeardown<L>(teardown: Array<() => void>, emitter: { removeListener?(event: string | symbol, listener: never): unknown; removeEventListener?(event: string, listener: never): unknown }, event: string | symbol, listener: L): L {
  teardown.push(() => {
    if (emitter.removeListener) emitter.removeListener(event, listener as never);
    else emitter.removeEventListener?.(String(event), listener as never);
  });
  return listener;
}`,
  },
  removedOnClose: {
    js: `/** Returns \`listener\` and removes it from \`emitter\` once \`closer\` emits 'close'. */
function removedOnClose(closer, emitter, event, listener) {
  closer.once('close', () => emitter.removeListener(event, listener));
  return listener;
}`,
    ts: `/** Returns \`listener\` and removes it from \`emitter\` once \`closer\` emits 'close'. */
function removedOnClose<L>(closer: { once(event: 'close', listener: () => void): unknown }, emitter: { removeListener(event: string | symbol, listener: never): unknown }, event: string | symbol, listener: L): L {
  closer.once('close', () => emitter.removeListener(event, listener as never));
  return listener;
}`,
  },
  clearedAtTeardown: {
    js: `/** Returns the timer \`handle\` and queues clearing it on \`teardown\`. */
function clearedAtTeardown(teardown, handle) {
  teardown.push(() => clearInterval(handle));
  return handle;
}`,
    ts: `/** Returns the timer \`handle\` and queues clearing it on \`teardown\`. */
function clearedAtTeardown<H extends ReturnType<typeof setInterval>>(teardown: Array<() => void>, handle: H): H {
  teardown.push(() => clearInterval(handle));
  return handle;
}`,
  },
  clearedOnClose: {
    js: `/** Returns the timer \`handle\` and clears it once \`closer\` emits 'close'. */
function clearedOnClose(closer, handle) {
  closer.once('close', () => clearInterval(handle));
  return handle;
}`,
    ts: `/** Returns the timer \`handle\` and clears it once \`closer\` emits 'close'. */
function clearedOnClose<H extends ReturnType<typeof setInterval>>(closer: { once(event: 'close', listener: () => void): unknown }, handle: H): H {
  closer.once('close', () => clearInterval(handle));
  return handle;
}`,
  },
  recentSignal: {
    js: `/** A signal for one of the \`max\` most recent registrations from a call site; the oldest beyond that is aborted. */
function recentSignal(site, max) {
  const controller = new AbortController();
  site.push(controller);
  while (site.length > max) site.shift().abort();
  return controller.signal;
}`,
    ts: `/** A signal for one of the \`max\` most recent registrations from a call site; the oldest beyond that is aborted. */
function recentSignal(site: AbortController[], max: number): AbortSignal {
  const controller = new AbortController();
  site.push(controller);
  while (site.length > max) site.shift()?.abort();
  return controller.signal;
}`,
  },
  abortedAtTeardown: {
    js: `/** A signal that is aborted when \`teardown\` runs. */
function abortedAtTeardown(teardown) {
  const controller = new AbortController();
  teardown.push(() => controller.abort());
  return controller.signal;
}`,
    ts: `/** A signal that is aborted when \`teardown\` runs. */
function abortedAtTeardown(teardown: Array<() => void>): AbortSignal {
  const controller = new AbortController();
  teardown.push(() => controller.abort());
  return controller.signal;
}`,
  },
};

/** The file-level edit declaring an undo helper (and extra declarations) unless the file has it. */
export function undoHelperEdit(s: ParsedScript, name: keyof typeof UNDO_HELPERS, extra: (t: RenderTarget) => string[] = () => []): OffsetEdit {
  return fileLevelEdit(s.text, t => [...extra(t), declares(t.text, name) ? '' : reindent(t.ts ? UNDO_HELPERS[name].ts : UNDO_HELPERS[name].js, indentUnit(t.text))]);
}
