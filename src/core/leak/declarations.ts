/**
 * Finding, in a parsed script, where a retaining root is declared and where entries are added:
 * scopes walked outward from the closure location to the variable's declaration, class fields
 * through the class of the constructor, and `.set(`/`.push(`/`.on(`/`setInterval(` growth sites.
 */
import * as walk from 'acorn-walk';
import type { AstNode, ParsedScript } from './script';

const isFunction = (n: AstNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
const isBlockScope = (n: AstNode) =>
  isFunction(n) || ['BlockStatement', 'Program', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'StaticBlock', 'CatchClause', 'ClassBody'].includes(n.type);

interface Indexed {
  node: AstNode;
  ancestors: AstNode[];
}

const indexCache = new WeakMap<AstNode, Indexed[]>();

/** Every node of the script with its ancestors (outermost first), computed once per script. */
export function allNodes(s: ParsedScript): Indexed[] {
  let list = indexCache.get(s.ast);
  if (!list) {
    const out: Indexed[] = [];
    walk.fullAncestor(s.ast, (node, _state, ancestors) => {
      out.push({ node: node as AstNode, ancestors: (ancestors as AstNode[]).slice(0, -1) });
    });
    list = out;
    indexCache.set(s.ast, list);
  }
  return list;
}

/** Names bound by a pattern (`a`, `{ a, b: [c] }`, `...d`, `e = 1`). */
export function patternNames(p: AstNode | null | undefined): AstNode[] {
  if (!p) return [];
  switch (p.type) {
    case 'Identifier':
      return [p];
    case 'ObjectPattern':
      return p.properties.flatMap((q: AstNode) => patternNames(q.type === 'RestElement' ? q.argument : q.value));
    case 'ArrayPattern':
      return p.elements.flatMap((q: AstNode | null) => patternNames(q));
    case 'RestElement':
      return patternNames(p.argument);
    case 'AssignmentPattern':
      return patternNames(p.left);
    default:
      return [];
  }
}

export interface Declaration {
  /** The identifier (or field key) node. */
  id: AstNode;
  /** The declarator, property definition or assignment that gives it a value. */
  holder: AstNode;
  /** The initial value expression, when there is one. */
  init?: AstNode;
  kind: 'var' | 'let' | 'const' | 'function' | 'class' | 'param' | 'import' | 'field' | 'assignment';
  /** The scope node (function, block or program) the name lives in. */
  scope: AstNode;
  /** The statement holding the declaration (for inserting code after it). */
  statement?: AstNode;
}

function nearest(ancestors: AstNode[], pred: (n: AstNode) => boolean): AstNode | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (pred(ancestors[i])) return ancestors[i];
  return undefined;
}

/** All declarations of `name` in the script, with their scopes. */
export function declarationsOf(s: ParsedScript, name: string): Declaration[] {
  const out: Declaration[] = [];
  for (const { node, ancestors } of allNodes(s)) {
    if (node.type === 'VariableDeclarator') {
      const decl = ancestors.at(-1)!;
      for (const id of patternNames(node.id)) {
        if (id.name !== name) continue;
        const scope = decl.kind === 'var' ? nearest(ancestors, n => isFunction(n) || n.type === 'Program')! : nearest(ancestors.slice(0, -1), isBlockScope)!;
        const parent = ancestors.at(-2);
        const statement = parent && /^(ExportNamedDeclaration)$/.test(parent.type) ? parent : decl;
        out.push({ id, holder: node, init: node.init ?? undefined, kind: decl.kind, scope, statement });
      }
    } else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id?.name === name) {
      out.push({ id: node.id, holder: node, kind: node.type === 'ClassDeclaration' ? 'class' : 'function', scope: nearest(ancestors, isBlockScope)!, statement: node });
    } else if (isFunction(node)) {
      for (const p of node.params as AstNode[]) for (const id of patternNames(p)) if (id.name === name) out.push({ id, holder: p, kind: 'param', scope: node });
    } else if (node.type === 'ImportDeclaration') {
      for (const sp of node.specifiers as AstNode[]) if (sp.local.name === name) out.push({ id: sp.local, holder: sp, kind: 'import', scope: s.ast, statement: node });
    } else if (node.type === 'CatchClause' && node.param) {
      for (const id of patternNames(node.param)) if (id.name === name) out.push({ id, holder: node.param, kind: 'param', scope: node });
    }
  }
  return out;
}

/** The declaration of `name` visible at `offset`: the innermost scope containing it (walking outward). */
export function findVariableDeclaration(s: ParsedScript, name: string, offset?: number): Declaration | undefined {
  const all = declarationsOf(s, name);
  if (all.length === 0) return undefined;
  if (offset !== undefined) {
    const visible = all.filter(d => d.scope.start <= offset && offset <= d.scope.end);
    if (visible.length) return visible.sort((a, b) => a.scope.end - a.scope.start - (b.scope.end - b.scope.start))[0];
  }
  return all.find(d => d.scope.type === 'Program') ?? all[0];
}

/** The innermost function whose head (or, failing that, body) contains `offset`. */
export function functionAt(s: ParsedScript, offset: number): AstNode | undefined {
  let best: AstNode | undefined;
  let bestHead: AstNode | undefined;
  for (const { node } of allNodes(s)) {
    if (!isFunction(node) || node.start > offset || node.end < offset) continue;
    if (offset <= node.body.start && (!bestHead || node.start >= bestHead.start)) bestHead = node;
    if (!best || node.start >= best.start) best = node;
  }
  return bestHead ?? best;
}

/** The class whose body contains `offset` (a constructor or method location). */
export function classAt(s: ParsedScript, offset: number): AstNode | undefined {
  let best: AstNode | undefined;
  for (const { node } of allNodes(s)) {
    if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.start <= offset && offset <= node.end) {
      if (!best || node.start >= best.start) best = node;
    }
  }
  return best;
}

const memberName = (m: AstNode): string | undefined =>
  m.type === 'MemberExpression' ? (m.computed ? (m.property.type === 'Literal' ? String(m.property.value) : undefined) : m.property.name) : undefined;

/** A class field: `name = …` in the class body, or `this.name = …` in its constructor, then in any method. */
export function findClassField(s: ParsedScript, field: string, offset?: number): Declaration | undefined {
  const cls = offset !== undefined ? classAt(s, offset) : undefined;
  const within = (n: AstNode) => !cls || (cls.start <= n.start && n.end <= cls.end);
  const candidates: Declaration[] = [];
  for (const { node, ancestors } of allNodes(s)) {
    if (!within(node)) continue;
    if (node.type === 'PropertyDefinition' && !node.computed && (node.key.name ?? node.key.value) === field && !node.static) {
      candidates.push({ id: node.key, holder: node, init: node.value ?? undefined, kind: 'field', scope: ancestors.at(-1)!, statement: node });
    } else if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression' && memberName(node.left) === field) {
      const statement = ancestors.at(-1)?.type === 'ExpressionStatement' ? ancestors.at(-1) : undefined;
      const method = nearest(ancestors, n => n.type === 'MethodDefinition');
      const rank = method?.kind === 'constructor' ? 0 : 1;
      candidates.push({ id: node.left.property, holder: node, init: node.right, kind: 'assignment', scope: method ?? ancestors.at(-1)!, statement, ...{ rank } });
    }
  }
  candidates.sort((a, b) => ((a as any).rank ?? -1) - ((b as any).rank ?? -1));
  return candidates[0];
}

/** `X.name = …` / `globalThis.name = …` assignments anywhere (objects and globals used as holders). */
export function findPropertyAssignment(s: ParsedScript, prop: string): Declaration | undefined {
  for (const { node, ancestors } of allNodes(s)) {
    if (node.type === 'AssignmentExpression' && node.operator === '=' && memberName(node.left) === prop) {
      const statement = ancestors.at(-1)?.type === 'ExpressionStatement' ? ancestors.at(-1) : undefined;
      return { id: node.left.property, holder: node, init: node.right, kind: 'assignment', scope: s.ast, statement };
    }
    if (node.type === 'Property' && !node.computed && (node.key.name ?? node.key.value) === prop && node.value.type === 'NewExpression') {
      return { id: node.key, holder: node, init: node.value, kind: 'field', scope: s.ast };
    }
  }
  return undefined;
}

export { memberName, nearest, isFunction };

/** Identifiers named `name` inside `node`'s range that sit in a function nested in it. */
function referencedInNestedFunction(s: ParsedScript, outer: AstNode, name: string): boolean {
  return allNodes(s).some(({ node, ancestors }) => node.type === 'Identifier' && node.name === name && node.start > outer.start && node.end < outer.end && ancestors.some(a => isFunction(a) && a !== outer && a.start > outer.start));
}

export interface ContextChain {
  /** The variable that links each generation to the previous one (`previous`), or the reassigned one. */
  declaration: Declaration;
  /** The assignment that makes a new generation (`current = {…}`). */
  assignment: AstNode;
  assignmentAncestors: AstNode[];
  /** True when a copy variable captured by a closure forms the chain. */
  chained: boolean;
}

/**
 * For growth held by a closure context: the variable of that scope that is reassigned from
 * inside a function while a closure there captures its previous value (`const previous =
 * current; … current = { method() {} }`): each new value's closures share the context that
 * holds the old one, so the generations form a chain.
 */
export function findContextChain(s: ParsedScript, offset: number): ContextChain | undefined {
  const fn = functionAt(s, offset);
  const scope = fn ? (allNodes(s).find(x => x.node === fn)?.ancestors.filter(a => isBlockScope(a)).at(-1) ?? s.ast) : s.ast;
  const inScope = (d: Declaration) => d.scope === scope || (scope.type === 'Program' && d.scope.type === 'Program');
  let fallback: ContextChain | undefined;
  for (const { node, ancestors } of allNodes(s)) {
    if (node.type !== 'AssignmentExpression' || node.operator !== '=' || node.left.type !== 'Identifier') continue;
    const assigning = nearest(ancestors, isFunction);
    if (!assigning) continue;
    const x = findVariableDeclaration(s, node.left.name, node.start);
    if (!x || !inScope(x) || x.kind === 'const') continue;
    for (const { node: d } of allNodes(s)) {
      if (d.type !== 'VariableDeclarator' || d.start < assigning.start || d.end > assigning.end) continue;
      if (d.init?.type !== 'Identifier' || d.init.name !== node.left.name || d.id.type !== 'Identifier') continue;
      if (!referencedInNestedFunction(s, assigning, d.id.name)) continue;
      const y = findVariableDeclaration(s, d.id.name, d.start);
      if (y) return { declaration: y, assignment: node, assignmentAncestors: ancestors, chained: true };
    }
    fallback ??= { declaration: x, assignment: node, assignmentAncestors: ancestors, chained: false };
  }
  return fallback;
}
