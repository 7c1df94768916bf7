/**
 * Fix builders that are not about collections (./collections.ts): a WeakMap for object keys,
 * listeners and timers kept to the most recent few from their call site, and a released
 * closure reference. Each returns edits in the generated (running) script.
 */
import type { Attribution } from '../leak/attribute';
import { allNodes, memberName } from '../leak/declarations';
import type { AstNode, ParsedScript } from '../leak/script';
import { indentAt, type OffsetEdit, type RenderTarget } from './edits';
import { insertAfter, newExpressionOf, src, type BuiltFix } from './fixKit';
import { declares, fileLevelEdit } from './helpers';
import { indentUnit, reindent } from './insertion';

export type { BuiltFix } from './fixKit';

/** True when the code iterates or sizes the collection, which a WeakMap cannot do. */
export function usesIteration(s: ParsedScript, name: string): boolean {
  for (const { node } of allNodes(s)) {
    if (node.type === 'MemberExpression' && ['size', 'keys', 'values', 'entries', 'forEach', 'clear'].includes(memberName(node) ?? '')) {
      const o = node.object;
      if ((o.type === 'Identifier' && o.name === name) || (o.type === 'MemberExpression' && memberName(o) === name)) return true;
    }
    if (node.type === 'ForOfStatement' || node.type === 'SpreadElement') {
      const it = node.type === 'ForOfStatement' ? node.right : node.argument;
      if ((it.type === 'Identifier' && it.name === name) || (it.type === 'MemberExpression' && memberName(it) === name)) return true;
    }
  }
  return false;
}

/** True when an expression is certainly a primitive (string/number key). */
export function isPrimitiveExpr(n: AstNode | undefined): boolean {
  if (!n) return true;
  switch (n.type) {
    case 'Literal':
    case 'TemplateLiteral':
      return true;
    case 'BinaryExpression':
      return true;
    case 'UnaryExpression':
    case 'UpdateExpression':
      return true;
    case 'CallExpression':
      return n.callee.type === 'Identifier' ? ['String', 'Number', 'parseInt', 'parseFloat'].includes(n.callee.name) : ['toString', 'toFixed', 'join', 'slice', 'trim', 'toLowerCase', 'digest'].includes(memberName(n.callee) ?? '');
    default:
      return false;
  }
}

/** A side table keyed by objects becomes a WeakMap/WeakSet: entries die with their keys. */
export function weakMap(a: Attribution): BuiltFix | undefined {
  const isSet = a.owner.ownerKind === 'set';
  const ctor = newExpressionOf(a.declaration?.init, isSet ? ['Set'] : ['Map']);
  if (!ctor || ctor.arguments.length > 0) return undefined;
  const weak = isSet ? 'WeakSet' : 'WeakMap';
  return {
    kind: 'weakmap',
    title: `Make \`${a.name}\` a ${weak} so entries die with their keys`,
    explanation: `\`${a.name}\` is keyed by objects that the rest of the program drops, but a ${isSet ? 'Set' : 'Map'} keeps each key (and its value) alive. A ${weak} holds its keys weakly, so an entry goes away when its key is no longer used.`,
    edits: [{ start: ctor.callee.start, end: ctor.callee.end, newText: weak, anchor: 'token' }],
  };
}

/** A name for a file-level variable that the script does not declare yet (`base`, `base2`, …). */
export function freshName(s: ParsedScript, base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!declares(s.text, name) && !new RegExp(`\\b${name}\\b`).test(s.text)) return name;
  }
}

const KEEP_RECENT_LISTENERS = {
  js: `/** Registers \`listener\` as one of the \`max\` most recent from a call site; removes the oldest beyond that. */
function keepRecentListeners(site, emitter, event, listener, max) {
  site.push([emitter, event, listener]);
  while (site.length > max) {
    const [oldEmitter, oldEvent, oldListener] = site.shift();
    if (typeof oldEmitter.removeListener === 'function') oldEmitter.removeListener(oldEvent, oldListener);
    else oldEmitter.removeEventListener(oldEvent, oldListener);
  }
  return listener;
}`,
  ts: `/** An EventEmitter or an EventTarget. */
interface ListenerHost {
  removeListener?(event: string | symbol, listener: never): unknown;
  removeEventListener?(event: string, listener: never): unknown;
}

type ListenerSite = Array<[ListenerHost, string | symbol, unknown]>;

/** Registers \`listener\` as one of the \`max\` most recent from a call site; removes the oldest beyond that. */
function keepRecentListeners<L>(site: ListenerSite, emitter: ListenerHost, event: string | symbol, listener: L, max: number): L {
  site.push([emitter, event, listener]);
  while (site.length > max) {
    const [oldEmitter, oldEvent, oldListener] = site.shift()!;
    if (oldEmitter.removeListener) oldEmitter.removeListener(oldEvent, oldListener as never);
    else oldEmitter.removeEventListener?.(String(oldEvent), oldListener as never);
  }
  return listener;
}`,
};

const KEEP_RECENT_TIMERS = {
  js: `/** Keeps \`handle\` as one of the \`max\` most recent timers from a call site; clears the oldest beyond that. */
function keepRecentTimers(site, handle, max) {
  site.push(handle);
  while (site.length > max) clearInterval(site.shift());
  return handle;
}`,
  ts: `type TimerHandle = ReturnType<typeof setInterval>;

/** Keeps \`handle\` as one of the \`max\` most recent timers from a call site; clears the oldest beyond that. */
function keepRecentTimers(site: TimerHandle[], handle: TimerHandle, max: number): TimerHandle {
  site.push(handle);
  while (site.length > max) clearInterval(site.shift());
  return handle;
}`,
};

/** A helper function plus the per-site list it keeps, as file-level declarations. */
function siteHelpers(s: ParsedScript, helper: { js: string; ts: string }, helperName: string, site: string, siteType: string, comment: string): OffsetEdit {
  return fileLevelEdit(s.text, (t: RenderTarget) => [
    `// leak-hunter: ${comment}\nconst ${site}${t.ts ? `: ${siteType}` : ''} = [];`,
    declares(t.text, helperName) ? '' : reindent(t.ts ? helper.ts : helper.js, indentUnit(t.text)),
  ]);
}

/** Listeners added at the growth site: only the most recent `max` stay registered. */
export function removeListener(a: Attribution, max: number): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression' || g.node.arguments.length < 2 || !g.receiver) return undefined;
  const [evArg, listener] = g.node.arguments as AstNode[];
  const site = freshName(s, `recent${(a.eventName ?? 'event').replace(/[^\w$]/g, '').replace(/^./, c => c.toUpperCase())}Listeners`);
  return {
    kind: 'remove-listener',
    title: `Remove old \`${a.eventName ?? 'event'}\` listeners: keep at most ${max} from this call`,
    explanation: `Each call adds a new \`${a.eventName ?? ''}\` listener to a long-lived emitter and nothing removes it, so every listener and what it captures stays alive. The fix removes the oldest listener registered here once ${max} are active; where the work has a clear end, call \`removeListener\` (or pass an AbortSignal) there instead.`,
    edits: [
      siteHelpers(s, KEEP_RECENT_LISTENERS, 'keepRecentListeners', site, 'ListenerSite', `listeners added per call are removed once more than ${max} are registered from this site.`),
      { start: listener.start, end: listener.start, newText: `keepRecentListeners(${site}, ${src(s, g.receiver)}, ${src(s, evArg)}, `, anchor: 'token' },
      { start: listener.end, end: listener.end, newText: `, ${max})`, anchor: 'token' },
    ],
  };
}

/** Timers created at the growth site: only the most recent `max` keep running. */
export function clearTimer(a: Attribution, max: number): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression') return undefined;
  const site = freshName(s, 'recentTimers');
  return {
    kind: 'clear-timer',
    title: `Clear old \`${g.method}\` timers: keep at most ${max} from this call`,
    explanation: `Every call starts a new \`${g.method}\` that is never cleared, so its callback and everything it captures live forever. The fix keeps the handles and clears the oldest once ${max} run; where a job has a clear end, call \`clearInterval(handle)\` there instead.`,
    edits: [
      siteHelpers(s, KEEP_RECENT_TIMERS, 'keepRecentTimers', site, 'TimerHandle[]', `timers created per call are cleared once more than ${max} are running from this site.`),
      { start: g.node.start, end: g.node.start, newText: `keepRecentTimers(${site}, `, anchor: 'token' },
      { start: g.node.end, end: g.node.end, newText: `, ${max})`, anchor: 'token' },
    ],
  };
}

/** The closure variable that chains each generation to the previous one is released after use. */
export function releaseReference(a: Attribution): BuiltFix | undefined {
  const s = a.script!;
  const d = a.declaration;
  // Only a function's own variable can be released at the end of its scope; clearing a module
  // variable after the module's top level has run would break the program.
  if (!d || !['var', 'let', 'const'].includes(d.kind) || d.scope.type === 'Program') return undefined;
  const fn = d.scope.type === 'BlockStatement' ? d.scope : d.scope.body;
  if (!fn || fn.type !== 'BlockStatement' || fn.body.length === 0) return undefined;
  const edits: OffsetEdit[] = [];
  if (d.kind === 'const') {
    const declNode = allNodes(s).find(x => x.node.type === 'VariableDeclaration' && x.node.declarations.includes(d.holder))?.node;
    if (!declNode) return undefined;
    edits.push({ start: declNode.start, end: declNode.start + 5, newText: 'let', anchor: 'token' });
  }
  const lastStmt = fn.body.at(-1) as AstNode;
  const code = `${a.name} = null; // leak-hunter: drop the reference so closures created here do not pin it`;
  if (lastStmt.type === 'ReturnStatement') {
    edits.push({ start: lastStmt.start, end: lastStmt.start, newText: `${code}\n${indentAt(s.text, lastStmt.start)}`, anchor: 'token' });
  } else {
    edits.push(insertAfter(s, lastStmt, code));
  }
  return {
    kind: 'release-reference',
    title: `Release \`${a.name}\` at the end of its scope`,
    explanation: `Closures created in the same scope share one context, so as long as any of them lives, \`${a.name}\` (and everything it reaches) stays alive — here each generation pins the previous one. Setting it to null once it is no longer needed breaks the chain.`,
    edits,
  };
}
