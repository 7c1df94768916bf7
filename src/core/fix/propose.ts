/**
 * Choosing the fix for a suspect (archetype and evidence → kind), sizing it from the measured
 * growth, and expressing its edits in the original source when a source map leads there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fix, FixKind, TextEdit } from '../../shared/report';
import type { Attribution } from '../leak/attribute';
import { allNodes, findVariableDeclaration } from '../leak/declarations';
import { mapToOriginal, type AstNode, type ParsedScript } from '../leak/script';
import { boundArray, clearTimer, isPrimitiveExpr, lruCap, releaseReference, removeListener, ttl, usesIteration, weakMap, type BuiltFix } from './builders';
import { endOfLine, toTextEdit, type OffsetEdit } from './edits';

/** A fix as reported (original files) plus the same edits in the running (generated) files. */
export interface ProposedFix {
  fix: Fix;
  /** Edits in the files node actually runs: what --verify-fix applies. */
  generatedEdits: TextEdit[];
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** A round number near `v` (1, 2, 5 × 10^k). */
export function niceNumber(v: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(1, v))));
  const m = v / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/**
 * Sizes a cap so the bounded structure settles around ~1 MB of what the leak adds per entry,
 * and fills within seconds at the observed rate (so the plateau shows when the fix is verified).
 */
export function capFor(a: Attribution, lo: number, hi: number): number {
  const perEntry = a.owner.countDelta > 0 ? a.owner.retainedDelta / a.owner.countDelta : 1024;
  const byMemory = (1024 * 1024) / Math.max(64, perEntry);
  const perSec = a.suspect.retainedDelta > 0 && a.suspect.growthBytesPerSec > 0 ? (a.owner.countDelta * a.suspect.growthBytesPerSec) / a.suspect.retainedDelta : Infinity;
  return clamp(niceNumber(Math.min(byMemory, perSec * 5)), lo, hi);
}

const timeish = /Date\.now\(\)|new Date\(|performance\.now\(\)|expires|expiry|ttl|timestamp|createdAt|lastSeen/i;

const objectExprs = new Set(['ThisExpression', 'ObjectExpression', 'NewExpression', 'ArrayExpression', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression']);

/**
 * Whether a key expression is an object (WeakMap-able), a primitive, or unknown: literals and
 * string building are primitives; `new`, `{}`, `this` are objects; a variable takes its
 * initialiser's kind, and a parameter used as `param.prop` in its function is an object.
 */
export function keyKind(s: ParsedScript, key: AstNode): 'object' | 'primitive' | 'unknown' {
  if (isPrimitiveExpr(key)) return 'primitive';
  if (objectExprs.has(key.type)) return 'object';
  if (key.type !== 'Identifier') return 'unknown';
  const decl = findVariableDeclaration(s, key.name, key.start);
  if (!decl) return 'unknown';
  if (decl.init) return isPrimitiveExpr(decl.init) ? 'primitive' : objectExprs.has(decl.init.type) ? 'object' : 'unknown';
  if (decl.kind !== 'param') return 'unknown';
  const fn = decl.scope;
  const usedAsObject = allNodes(s).some(({ node }) => node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === key.name && node.start >= fn.start && node.end <= fn.end && !node.computed && !['length', 'toString', 'valueOf'].includes(node.property.name));
  return usedAsObject ? 'object' : 'unknown';
}

/** The fix kind for a suspect, from its archetype and what the code shows. */
export function chooseKind(a: Attribution): FixKind | undefined {
  switch (a.archetype) {
    case 'listener':
      return 'remove-listener';
    case 'timer':
      return 'clear-timer';
    case 'growing-array':
      return 'bound-array';
    case 'closure':
      return 'release-reference';
    case 'unbounded-collection': {
      const s = a.script;
      const g = a.growth;
      if (s && g && g.method === 'set' && g.node.arguments?.length >= 2) {
        const [key, value] = g.node.arguments;
        if (keyKind(s, key) === 'object' && !usesIteration(s, a.name)) return 'weakmap';
        if (timeish.test(s.text.slice(value.start, value.end))) return 'ttl';
      }
      if (s && g && g.method === 'add' && g.node.arguments?.length >= 1 && keyKind(s, g.node.arguments[0]) === 'object' && !usesIteration(s, a.name)) return 'weakmap';
      return 'lru-cap';
    }
    default:
      return a.declaration && ['let', 'var', 'const'].includes(a.declaration.kind) ? 'release-reference' : undefined;
  }
}

function build(a: Attribution, kind: FixKind): BuiltFix | undefined {
  const perSec = Math.max(1, a.suspect.growthBytesPerSec);
  switch (kind) {
    case 'weakmap':
      return weakMap(a) ?? lruCap(a, capFor(a, 50, 10_000));
    case 'ttl':
      return ttl(a, clamp(Math.round((1024 * 1024) / perSec), 2, 60)) ?? lruCap(a, capFor(a, 50, 10_000));
    case 'lru-cap':
      return lruCap(a, capFor(a, 50, 10_000));
    case 'bound-array':
      return boundArray(a, capFor(a, 50, 10_000));
    case 'remove-listener':
      return removeListener(a, capFor(a, 5, 100));
    case 'clear-timer':
      return clearTimer(a, capFor(a, 5, 100));
    case 'release-reference':
      return releaseReference(a);
  }
}

/** Proposes the fix for one attributed suspect; undefined when no safe edit can be built. */
export function proposeFix(a: Attribution): ProposedFix | undefined {
  if (!a.script) return undefined;
  const kind = chooseKind(a);
  if (!kind) return undefined;
  const built = build(a, kind);
  if (!built) return undefined;
  const mapped = a.script.map ? mapEdits(a.script, built.edits) : undefined;
  // Code a loader transformed at run time exists only in memory: the original file is what gets
  // edited and what the loader runs again, so only mapped edits are usable.
  if (a.script.runtimeSource && !mapped) return undefined;
  const generatedEdits = a.script.runtimeSource ? mapped! : built.edits.map(e => toTextEdit(a.script!, e));
  return { fix: { kind: built.kind, title: built.title, explanation: built.explanation, edits: mapped ?? generatedEdits }, generatedEdits };
}

/**
 * A typed arrow function's first parameter maps to the parameter, not to its `(`: wrapping must
 * start at the parenthesis (`(p: number) => …`), found by matching it to a `) … =>` that follows.
 */
function arrowHeadStart(line: string, col0: number): number {
  let i = col0 - 1;
  while (i >= 0 && /\s/.test(line[i])) i--;
  if (line[i] !== '(') return col0;
  let depth = 0;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '(') depth++;
    else if (line[j] === ')' && --depth === 0) return /^\s*(:[^=]*)?=>/.test(line.slice(j + 1)) ? i : col0;
  }
  return col0;
}

/** The first original file a script's source map names. */
function firstSource(s: ParsedScript): string | undefined {
  const src = (s.map as unknown as { resolvedSources?: string[] } | undefined)?.resolvedSources?.[0];
  if (!src) return undefined;
  return src.startsWith('file://') ? fileURLToPath(src) : path.resolve(path.dirname(s.file), src);
}

/** Places generated-side edits in the original sources; undefined (keep generated) when any cannot be placed. */
function mapEdits(s: ParsedScript, edits: OffsetEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  const texts = new Map<string, string>();
  const read = (f: string) => {
    if (!texts.has(f)) texts.set(f, fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    return texts.get(f)!;
  };
  for (const e of edits) {
    const isTs = (f: string) => /\.[cm]?tsx?$/.test(f);
    if (e.anchor === 'file-start') {
      const file = mapToOriginal(s, Math.max(0, Math.min(s.text.length - 1, e.end + 1)))?.file ?? firstSource(s);
      if (!file) return undefined;
      const text = read(file);
      const at = text.startsWith('#!') ? 2 : 1;
      out.push({ file, startLine: at, startColumn: 1, endLine: at, endColumn: 1, newText: isTs(file) ? e.tsText ?? e.newText : e.newText });
      continue;
    }
    const loc = mapToOriginal(s, e.anchor === 'after-line' ? e.anchorOffset ?? Math.max(0, e.start - 1) : e.start);
    if (!loc) return undefined;
    const text = read(loc.file);
    if (!text) return undefined;
    const lines = text.split('\n');
    const newText = isTs(loc.file) ? e.tsText ?? e.newText : e.newText;
    if (e.anchor === 'after-line') {
      const lineText = lines[loc.line - 1] ?? '';
      const col = endOfLine(lineText, 0) + 1;
      out.push({ file: loc.file, startLine: loc.line, startColumn: col, endLine: loc.line, endColumn: col, newText });
      continue;
    }
    const oldText = s.text.slice(e.start, e.end);
    const lineText = lines[loc.line - 1] ?? '';
    let col0 = oldText ? lineText.indexOf(oldText, Math.max(0, loc.column - 1 - 2)) : loc.column - 1;
    if (col0 < 0) return undefined;
    if (!oldText && newText.endsWith(', ')) col0 = arrowHeadStart(lineText, col0);
    let endCol0 = col0 + oldText.length;
    let replacement = newText;
    // TypeScript generics after a replaced constructor: `new Map<K, V>()` → carry them into `extends Map<K, V>`.
    if (oldText && lineText[endCol0] === '<' && /^\(class \w+ extends (Map|Set|Array)\b/.test(newText)) {
      let depth = 0;
      let j = endCol0;
      for (; j < lineText.length; j++) {
        if (lineText[j] === '<') depth++;
        else if (lineText[j] === '>' && --depth === 0) break;
      }
      const generics = lineText.slice(endCol0, j + 1);
      replacement = replacement.replace(/extends (Map|Set|Array)(<any, any>)?/, `extends $1${generics}`);
      endCol0 = j + 1;
    }
    out.push({ file: loc.file, startLine: loc.line, startColumn: col0 + 1, endLine: loc.line, endColumn: endCol0 + 1, newText: replacement });
  }
  return out;
}
