/** Where a growing owner gets its entries: the `.set(` / `.add(` / `.push(` / `[k] =` / `.on(` / `setInterval(` site. */
import type { OwnerKind } from '../heap/model';
import { allNodes, isFunction, memberName, nearest } from './declarations';
import type { AstNode, ParsedScript } from './script';

export interface GrowthSite {
  /** The call (or assignment) that adds an entry. */
  node: AstNode;
  method: string;
  /** The receiver expression (`cache`, `this.items`), absent for setInterval. */
  receiver?: AstNode;
  /** The enclosing expression statement, when the call is one. */
  statement?: AstNode;
  /** Enclosing nodes, outermost first. */
  ancestors: AstNode[];
}

export interface GrowthQuery {
  /** Root variable or field name (without `this.`). */
  name: string;
  ownerKind: OwnerKind | 'chain';
  eventName?: string;
  /** For listeners: the emitter's variable or field name. */
  emitterName?: string;
  /** Offset of the listener or timer callback, when known. */
  callbackOffset?: number;
}

const adders: Partial<Record<OwnerKind, string[]>> = {
  map: ['set'],
  weakmap: ['set'],
  set: ['add'],
  array: ['push', 'unshift', 'splice'],
  context: ['set', 'add', 'push'],
  object: ['set', 'add', 'push'],
};

const listenerMethods = ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'addEventListener'];

/** True when `expr` names `name`: `name`, `this.name`, `obj.name`. */
export function refersTo(expr: AstNode | undefined, name: string): boolean {
  if (!expr) return false;
  if (expr.type === 'Identifier') return expr.name === name;
  if (expr.type === 'MemberExpression') return memberName(expr) === name;
  if (expr.type === 'ChainExpression') return refersTo(expr.expression, name);
  return false;
}

const calleeMethod = (call: AstNode): { receiver?: AstNode; method?: string } => {
  const c = call.callee.type === 'ChainExpression' ? call.callee.expression : call.callee;
  if (c.type === 'MemberExpression') return { receiver: c.object, method: memberName(c) };
  if (c.type === 'Identifier') return { method: c.name };
  return {};
};

const insideFunction = (ancestors: AstNode[]) => ancestors.some(isFunction);

function site(node: AstNode, method: string, ancestors: AstNode[], receiver?: AstNode): GrowthSite {
  const parent = ancestors.at(-1);
  const statement = parent?.type === 'ExpressionStatement' ? parent : parent?.type === 'ChainExpression' && ancestors.at(-2)?.type === 'ExpressionStatement' ? ancestors.at(-2) : undefined;
  return { node, method, receiver, statement, ancestors };
}

/** The most likely place entries are added to the root; prefers sites inside functions (run repeatedly). */
export function findGrowthSite(s: ParsedScript, q: GrowthQuery): GrowthSite | undefined {
  const found: { site: GrowthSite; score: number }[] = [];
  const push = (g: GrowthSite, score: number) => found.push({ site: g, score: score + (insideFunction(g.ancestors) ? 10 : 0) });
  for (const { node, ancestors } of allNodes(s)) {
    if (q.ownerKind === 'listeners') {
      if (node.type !== 'CallExpression') continue;
      const { receiver, method } = calleeMethod(node);
      if (!method || !listenerMethods.includes(method)) continue;
      const first = node.arguments[0];
      const eventMatches = q.eventName !== undefined && first?.type === 'Literal' && String(first.value) === q.eventName;
      const emitterMatches = q.emitterName !== undefined && refersTo(receiver, q.emitterName);
      const cbMatches = q.callbackOffset !== undefined && node.arguments.slice(1).some((a: AstNode) => a.start <= q.callbackOffset! && q.callbackOffset! <= a.end);
      const score = (eventMatches ? 4 : 0) + (emitterMatches ? 4 : 0) + (cbMatches ? 8 : 0);
      if (score > 0) push(site(node, method, ancestors, receiver), score);
    } else if (q.ownerKind === 'timers') {
      if (node.type !== 'CallExpression') continue;
      const { method } = calleeMethod(node);
      if (method !== 'setInterval' && method !== 'setTimeout') continue;
      const cb = node.arguments[0];
      const cbMatches = q.callbackOffset !== undefined && cb && cb.start <= q.callbackOffset && q.callbackOffset <= cb.end;
      push(site(node, method, ancestors), (cbMatches ? 8 : 0) + (method === 'setInterval' ? 2 : 0));
    } else if (q.ownerKind === 'chain') {
      if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === q.name) push(site(node, '=', ancestors), 2);
    } else {
      if (node.type === 'CallExpression') {
        const { receiver, method } = calleeMethod(node);
        if (!method || !refersTo(receiver, q.name)) continue;
        const wanted = adders[q.ownerKind] ?? ['set', 'add', 'push'];
        if (wanted.includes(method)) push(site(node, method, ancestors, receiver), 4 - wanted.indexOf(method));
      } else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.computed && refersTo(node.left.object, q.name)) {
        push(site(node, '[]=', ancestors, node.left.object), q.ownerKind === 'object' ? 5 : 1);
      }
    }
  }
  found.sort((a, b) => b.score - a.score || a.site.node.start - b.site.node.start);
  return found[0]?.site;
}

/** The function enclosing a node, if any. */
export function enclosingFunction(ancestors: AstNode[]): AstNode | undefined {
  return nearest(ancestors, isFunction);
}
