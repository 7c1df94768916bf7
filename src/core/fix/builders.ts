/**
 * One builder per fix kind. Each returns edits in the generated (running) script that bound the
 * lifetime of what grows: a capped LRU or TTL map at the declaration, a WeakMap, a bounded
 * array at the push site, listeners and timers kept to the most recent few (the oldest removed
 * or cleared), or a released closure reference.
 */
import type { FixKind } from '../../shared/report';
import type { Attribution } from '../leak/attribute';
import { allNodes, memberName } from '../leak/declarations';
import type { AstNode, ParsedScript } from '../leak/script';
import { endOfLine, helperInsertOffset, indentAt, type OffsetEdit } from './edits';

export interface BuiltFix {
  kind: FixKind;
  title: string;
  explanation: string;
  edits: OffsetEdit[];
}

const src = (s: ParsedScript, n: AstNode) => s.text.slice(n.start, n.end);

/** A class expression laid out one method per line, indented from the line it is inserted on. */
function classText(head: string, methods: string[], indent: string): string {
  return `class ${head} {\n${methods.map(m => `${indent}  ${m}\n`).join('')}${indent}}`;
}

/** Annotates the parameters of generated method heads for TypeScript (`set(k, v) {` → `set(k: any, v: any) {`). */
function tsMethods(body: string): string {
  return body.replace(/\b(get|set|add|delete|push)\(([\w$, .]*)\) \{/g, (_m, name: string, params: string) => `${name}(${params.split(',').map(p => p.trim()).filter(Boolean).map(p => (p.startsWith('...') ? `${p}: any[]` : `${p}: any`)).join(', ')}) {`);
}

/** Inserts `code` on a new line after the statement, with its indentation. */
function insertAfter(s: ParsedScript, stmt: AstNode, code: string): OffsetEdit {
  const at = endOfLine(s.text, stmt.end);
  return { start: at, end: at, newText: `\n${indentAt(s.text, stmt.start)}${code}`, anchor: 'after-line', anchorOffset: Math.max(stmt.start, stmt.end - 1) };
}

function newExpressionOf(init: AstNode | undefined, names: string[]): AstNode | undefined {
  return init?.type === 'NewExpression' && init.callee.type === 'Identifier' && names.includes(init.callee.name) ? init : undefined;
}

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

/** Map/Set capped to `cap` entries, evicting the least recently used. */
export function lruCap(a: Attribution, cap: number): BuiltFix | undefined {
  const s = a.script!;
  const isSet = a.owner.ownerKind === 'set';
  const ctor = newExpressionOf(a.declaration?.init, isSet ? ['Set'] : ['Map']);
  const title = `Cap \`${a.name}\` at ${cap} entries (least recently used evicted)`;
  const explanation = `\`${a.name}\` gains entries for every new key and never drops any, so it grows for as long as the program runs. Capping it evicts the least recently used entry once ${cap} are stored, which bounds its memory; raise the cap if the hit rate matters.`;
  if (ctor) {
    const body = isSet
      ? classText('LruSet extends Set', [`add(v) { if (this.has(v)) super.delete(v); else if (this.size >= ${cap}) this.delete(this.values().next().value); return super.add(v); }`], indentAt(s.text, ctor.start))
      : classText(
          'LruMap extends Map',
          [
            'get(k) { if (!super.has(k)) return undefined; const v = super.get(k); super.delete(k); super.set(k, v); return v; }',
            `set(k, v) { if (super.has(k)) super.delete(k); else if (this.size >= ${cap}) this.delete(this.keys().next().value); return super.set(k, v); }`,
          ],
          indentAt(s.text, ctor.start),
        );
    const tsBody = tsMethods(body).replace(/\.next\(\)\.value\)/g, '.next().value!)').replace('const v = super.get(k);', 'const v = super.get(k)!;');
    return { kind: 'lru-cap', title, explanation, edits: [{ start: ctor.callee.start, end: ctor.callee.end, newText: `(${body})`, tsText: `(${tsBody})`, anchor: 'token' }] };
  }
  const g = a.growth;
  if (!g?.statement || !g.receiver) return undefined;
  const r = src(s, g.receiver);
  const code = g.method === '[]='
    ? `{ const keys = Object.keys(${r}); if (keys.length > ${cap}) delete ${r}[keys[0]]; } // leak-hunter: bound the table`
    : `if (${r}.size > ${cap}) ${r}.delete(${r}.keys().next().value); // leak-hunter: evict the oldest entry`;
  return { kind: 'lru-cap', title: title.replace('least recently used', 'oldest'), explanation, edits: [insertAfter(s, g.statement, code)] };
}

/** Map whose entries expire `ttlSec` after they were set (swept on each set). */
export function ttl(a: Attribution, ttlSec: number): BuiltFix | undefined {
  const ctor = newExpressionOf(a.declaration?.init, ['Map']);
  if (!ctor) return undefined;
  const ms = Math.round(ttlSec * 1000);
  const body = classText(
    'TtlMap extends Map',
    [
      `set(k, v) { const now = Date.now(); const at = (this.setAt ??= new Map()); for (const [key, t] of at) { if (now - t < ${ms}) break; at.delete(key); super.delete(key); } at.delete(k); at.set(k, now); return super.set(k, v); }`,
      'delete(k) { this.setAt?.delete(k); return super.delete(k); }',
    ],
    indentAt(a.script!.text, ctor.start),
  );
  const tsBody = tsMethods(body.replace('class TtlMap extends Map {', 'class TtlMap extends Map<any, any> { setAt?: Map<any, number>;'));
  return {
    kind: 'ttl',
    title: `Expire entries of \`${a.name}\` ${ttlSec} s after they are set`,
    explanation: `Entries of \`${a.name}\` carry a time but are never removed. Expiring them after ${ttlSec} s (swept whenever an entry is set) bounds the map to what arrives in that window.`,
    edits: [{ start: ctor.callee.start, end: ctor.callee.end, newText: `(${body})`, tsText: `(${tsBody})`, anchor: 'token' }],
  };
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

/** Array trimmed to its newest `cap` items after each push. */
export function boundArray(a: Attribution, cap: number): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  const title = `Keep only the newest ${cap} items of \`${a.name}\``;
  const explanation = `\`${a.name}\` is appended to and never trimmed. Dropping the oldest items beyond ${cap} turns it into a bounded ring of recent entries.`;
  if (g?.statement && g.receiver) {
    const r = src(s, g.receiver);
    const code = g.method === 'unshift' ? `if (${r}.length > ${cap}) ${r}.length = ${cap}; // leak-hunter: bound the array` : `if (${r}.length > ${cap}) ${r}.splice(0, ${r}.length - ${cap}); // leak-hunter: bound the array`;
    return { kind: 'bound-array', title, explanation, edits: [insertAfter(s, g.statement, code)] };
  }
  const init = a.declaration?.init;
  if (init?.type === 'ArrayExpression' && init.elements.length === 0) {
    const body = `new (${classText('BoundedArray extends Array', [`push(...items) { super.push(...items); if (this.length > ${cap}) this.splice(0, this.length - ${cap}); return this.length; }`], indentAt(s.text, init.start))})()`;
    return { kind: 'bound-array', title, explanation, edits: [{ start: init.start, end: init.end, newText: body, tsText: tsMethods(body), anchor: 'token' }] };
  }
  return undefined;
}

let helperSeq = 0;

function helperEdits(s: ParsedScript, js: string, ts: string): OffsetEdit {
  const at = helperInsertOffset(s);
  return { start: at, end: at, newText: js + '\n', tsText: ts + '\n', anchor: 'file-start' };
}

/** Listeners added at the growth site: only the most recent `max` stay registered. */
export function removeListener(a: Attribution, max: number): BuiltFix | undefined {
  const s = a.script!;
  const g = a.growth;
  if (!g || g.node.type !== 'CallExpression' || g.node.arguments.length < 2 || !g.receiver) return undefined;
  const [evArg, listener] = g.node.arguments as AstNode[];
  const site = `recent${(a.eventName ?? 'event').replace(/[^\w$]/g, '').replace(/^./, c => c.toUpperCase())}Listeners${++helperSeq > 1 ? helperSeq : ''}`;
  const js = `// leak-hunter: listeners added per call are removed once more than ${max} are registered from this site.\nconst ${site} = [];\nfunction keepRecentListeners(site, emitter, event, listener, max) { site.push([emitter, event, listener]); while (site.length > max) { const [e, ev, l] = site.shift(); (e.removeListener ?? e.removeEventListener).call(e, ev, l); } return listener; }`;
  const ts = js.replace(`const ${site} = [];`, `const ${site}: any[] = [];`).replace('keepRecentListeners(site, emitter, event, listener, max)', 'keepRecentListeners(site: any[], emitter: any, event: any, listener: any, max: number)');
  const hasHelper = s.text.includes('function keepRecentListeners(');
  return {
    kind: 'remove-listener',
    title: `Remove old \`${a.eventName ?? 'event'}\` listeners: keep at most ${max} from this call`,
    explanation: `Each call adds a new \`${a.eventName ?? ''}\` listener to a long-lived emitter and nothing removes it, so every listener and what it captures stays alive. The fix removes the oldest listener registered here once ${max} are active; where the work has a clear end, call \`removeListener\` (or pass an AbortSignal) there instead.`,
    edits: [
      hasHelper ? helperEdits(s, `const ${site} = [];`, `const ${site}: any[] = [];`) : helperEdits(s, js, ts),
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
  const site = `recentTimers${++helperSeq > 1 ? helperSeq : ''}`;
  const js = `// leak-hunter: timers created per call are cleared once more than ${max} are running from this site.\nconst ${site} = [];\nfunction keepRecentTimers(site, handle, max) { site.push(handle); while (site.length > max) clearInterval(site.shift()); return handle; }`;
  const ts = js.replace(`const ${site} = [];`, `const ${site}: any[] = [];`).replace('keepRecentTimers(site, handle, max)', 'keepRecentTimers<T>(site: any[], handle: T, max: number): T');
  const hasHelper = s.text.includes('function keepRecentTimers(');
  return {
    kind: 'clear-timer',
    title: `Clear old \`${g.method}\` timers: keep at most ${max} from this call`,
    explanation: `Every call starts a new \`${g.method}\` that is never cleared, so its callback and everything it captures live forever. The fix keeps the handles and clears the oldest once ${max} run; where a job has a clear end, call \`clearInterval(handle)\` there instead.`,
    edits: [
      hasHelper ? helperEdits(s, `const ${site} = [];`, `const ${site}: any[] = [];`) : helperEdits(s, js, ts),
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
