/**
 * Alternatives to keeping the most recent listeners or timers (./builders.ts): `once` for
 * one-shot events, an AbortSignal for EventTarget registrations, and removal or clearing at
 * the teardown the code already has (./teardown.ts).
 */
import type { Attribution } from '../leak/attribute';
import { allNodes, memberName } from '../leak/declarations';
import type { AstNode } from '../leak/script';
import { freshName } from './builders';
import type { OffsetEdit } from './edits';
import { src, type BuiltFix } from './fixKit';
import { findTeardown, teardownLabel, teardownQueue, undoHelperEdit } from './teardown';

/** Events that fire once per emitter: a listener for them has nothing to wait for afterwards. */
const ONE_SHOT_EVENTS = new Set(['close', 'end', 'finish', 'exit', 'ready', 'connect', 'open', 'load', 'response', 'done', 'timeout', 'abort']);
const ONCE_OF: Record<string, string> = { on: 'once', addListener: 'once', prependListener: 'prependOnceListener' };

const calleeProperty = (call: AstNode): AstNode | undefined => {
  const c = call.callee.type === 'ChainExpression' ? call.callee.expression : call.callee;
  return c.type === 'MemberExpression' && !c.computed ? c.property : undefined;
};

/** True when the listener removes itself (`emitter.off(event, self)` inside it): it was meant to run once. */
function removesItself(listener: AstNode, all: ReturnType<typeof allNodes>): boolean {
  return all.some(({ node }) => node.type === 'CallExpression' && node.start > listener.start && node.end < listener.end && ['removeListener', 'off', 'removeEventListener'].includes(memberName(node.callee) ?? ''));
}

/** `on` → `once` (or `{ once: true }` for addEventListener) when the event or the listener says it runs once. */
export function onceListener(a: Attribution): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression' || g.node.arguments.length < 2) return undefined;
  const [ev, listener] = g.node.arguments as AstNode[];
  const event = ev.type === 'Literal' ? String(ev.value) : a.eventName;
  if (!(event && ONE_SHOT_EVENTS.has(event)) && !removesItself(listener, allNodes(s))) return undefined;
  const prop = calleeProperty(g.node);
  let edit: OffsetEdit | undefined;
  if (prop && ONCE_OF[prop.name]) edit = { start: prop.start, end: prop.end, newText: ONCE_OF[prop.name], anchor: 'token' };
  else if (prop?.name === 'addEventListener' && g.node.arguments.length === 2) edit = { start: listener.end, end: listener.end, newText: ', { once: true }', anchor: 'token' };
  if (!edit) return undefined;
  return {
    kind: 'remove-listener',
    title: `Listen to \`${event}\` once: the listener removes itself after it runs`,
    explanation: `Each call registers a \`${event}\` listener that stays registered after it has done its work. Registering it with \`once\` removes it the first time it runs, so it no longer pins what it captures. This changes behaviour if the event can fire again and the listener must see it.`,
    edits: [edit],
  };
}

/** EventTarget registrations get a signal: aborted at the teardown, or for all but the most recent `max`. */
export function abortSignalListener(a: Attribution, max: number): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression' || g.node.arguments.length !== 2 || calleeProperty(g.node)?.name !== 'addEventListener') return undefined;
  const listener = g.node.arguments[1] as AstNode;
  const t = findTeardown(a);
  const event = a.eventName ?? 'event';
  if (t && t.kind !== 'close-event') {
    const q = teardownQueue(s, t);
    return {
      kind: 'remove-listener',
      title: `Pass an AbortSignal to addEventListener, aborted in ${teardownLabel(s, t)}`,
      explanation: `Each call adds a \`${event}\` listener that is never removed. Registering it with \`{ signal }\` and aborting that signal in ${teardownLabel(s, t)} removes every listener added here when the work ends. Memory stays bounded only if ${teardownLabel(s, t)} is called.`,
      edits: [undoHelperEdit(s, 'abortedAtTeardown'), ...q.edits, { start: listener.end, end: listener.end, newText: `, { signal: abortedAtTeardown(${q.list}) }`, anchor: 'token' }],
    };
  }
  const site = freshName(s, `recent${event.replace(/[^\w$]/g, '').replace(/^./, c => c.toUpperCase())}Signals`);
  return {
    kind: 'remove-listener',
    title: `Pass an AbortSignal to addEventListener: keep at most ${max} from this call`,
    explanation: `Each call adds a \`${event}\` listener that is never removed. Registering it with \`{ signal }\` lets the fix abort the oldest registration once ${max} are active, which removes that listener; where the work has a clear end, abort the signal there instead.`,
    edits: [
      undoHelperEdit(s, 'recentSignal', t2 => [`// leak-hunter: the signals of the last ${max} \`${event}\` listeners added at this site.\nconst ${site}${t2.ts ? ': AbortController[]' : ''} = [];`]),
      { start: listener.end, end: listener.end, newText: `, { signal: recentSignal(${site}, ${max}) }`, anchor: 'token' },
    ],
  };
}

/** The listener is removed at the matching teardown: the class's close()/stop()…, or a 'close' event. */
export function removeListenerAtTeardown(a: Attribution): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression' || g.node.arguments.length < 2 || !g.receiver) return undefined;
  const t = findTeardown(a);
  if (!t) return undefined;
  const [ev, listener] = g.node.arguments as AstNode[];
  const where = teardownLabel(s, t);
  const base = {
    kind: 'remove-listener' as const,
    title: `Remove the \`${a.eventName ?? 'event'}\` listener in ${where}`,
    explanation: `Each call adds a \`${a.eventName ?? ''}\` listener that nothing removes. ${where[0].toUpperCase()}${where.slice(1)} is where this work ends, so the fix removes the listeners added here there. Memory stays bounded only if it is actually reached for each registration.`,
  };
  const wrap = (fn: string, first: string): OffsetEdit[] => [
    { start: listener.start, end: listener.start, newText: `${fn}(${first}, ${src(s, g.receiver!)}, ${src(s, ev)}, `, anchor: 'token' },
    { start: listener.end, end: listener.end, newText: ')', anchor: 'token' },
  ];
  if (t.kind === 'close-event') return { ...base, edits: [undoHelperEdit(s, 'removedOnClose'), ...wrap('removedOnClose', src(s, t.closer))] };
  const q = teardownQueue(s, t);
  return { ...base, edits: [undoHelperEdit(s, 'removedAtTeardown'), ...q.edits, ...wrap('removedAtTeardown', q.list)] };
}

/** The timer is cleared at the matching teardown or shutdown. */
export function clearTimerAtTeardown(a: Attribution): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression') return undefined;
  const t = findTeardown(a, true);
  if (!t) return undefined;
  const where = teardownLabel(s, t);
  const base = {
    kind: 'clear-timer' as const,
    title: `Clear the \`${g.method}\` timer in ${where}`,
    explanation: `Every call starts a \`${g.method}\` that is never cleared. ${where[0].toUpperCase()}${where.slice(1)} is where this work ends, so the fix clears the timers started here there. Memory stays bounded only if it is actually reached.`,
  };
  const wrap = (fn: string, first: string): OffsetEdit[] => [
    { start: g.node.start, end: g.node.start, newText: `${fn}(${first}, `, anchor: 'token' },
    { start: g.node.end, end: g.node.end, newText: ')', anchor: 'token' },
  ];
  if (t.kind === 'close-event') return { ...base, edits: [undoHelperEdit(s, 'clearedOnClose'), ...wrap('clearedOnClose', src(s, t.closer))] };
  const q = teardownQueue(s, t);
  return { ...base, edits: [undoHelperEdit(s, 'clearedAtTeardown'), ...q.edits, ...wrap('clearedAtTeardown', q.list)] };
}
