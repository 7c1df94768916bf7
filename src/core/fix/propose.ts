/**
 * Choosing the fix for a suspect (archetype and evidence → kind), sizing it from the measured
 * growth, offering the other fixes that fit as alternatives, and expressing every fix's edits
 * in the original source when a source map leads there.
 */
import type { Fix, FixKind, TextEdit } from '../../shared/report';
import type { Attribution } from '../leak/attribute';
import { allNodes, findVariableDeclaration } from '../leak/declarations';
import { mapToOriginal, type AstNode, type ParsedScript } from '../leak/script';
import { clearTimer, isPrimitiveExpr, releaseReference, removeListener, usesIteration, weakMap, type BuiltFix } from './builders';
import { boundArray, lruCap, ttl } from './collections';
import { projectDependency } from './dependencies';
import { toTextEdits } from './edits';
import type { FixContext } from './fixKit';
import { mergeFileLevel } from './helpers';
import { abortSignalListener, clearTimerAtTeardown, onceListener, removeListenerAtTeardown } from './listeners';
import { isTs, lineOf, mapEdits } from './mapEdits';

/** A fix as reported (original files) plus the same edits in the running (generated) files. */
export interface ProposedFix {
  fix: Fix;
  /** Edits in the files node actually runs: what --verify-fix applies. */
  generatedEdits: TextEdit[];
  /** Other fixes that fit the same suspect, in the order they are offered. */
  alternatives: Fix[];
}

export interface ProposeOptions {
  /**
   * The project the program belongs to (its working directory): the search for the package.json
   * that says what it depends on does not go above it.
   */
  projectRoot?: string;
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

const mapCap = (a: Attribution) => capFor(a, 50, 10_000);
const ttlSeconds = (a: Attribution) => clamp(Math.round((1024 * 1024) / Math.max(1, a.suspect.growthBytesPerSec)), 2, 60);

function build(a: Attribution, kind: FixKind, fc: FixContext): BuiltFix | undefined {
  switch (kind) {
    case 'weakmap':
      return weakMap(a) ?? lruCap(a, mapCap(a), fc);
    case 'ttl':
      return ttl(a, ttlSeconds(a), mapCap(a), fc) ?? lruCap(a, mapCap(a), fc);
    case 'lru-cap':
      return lruCap(a, mapCap(a), fc);
    case 'bound-array':
      return boundArray(a, mapCap(a));
    case 'remove-listener':
      return removeListener(a, capFor(a, 5, 100));
    case 'clear-timer':
      return clearTimer(a, capFor(a, 5, 100));
    case 'release-reference':
      return releaseReference(a);
  }
}

/** The other fixes for the archetype, besides the preferred one. */
function alternativesFor(a: Attribution, preferred: BuiltFix, fc: FixContext): BuiltFix[] {
  const out: (BuiltFix | undefined)[] = [];
  switch (a.archetype) {
    case 'unbounded-collection':
      if (preferred.kind !== 'lru-cap') out.push(lruCap(a, mapCap(a), fc));
      if (preferred.kind !== 'ttl') out.push(ttl(a, ttlSeconds(a), mapCap(a), fc));
      break;
    case 'listener':
      out.push(removeListenerAtTeardown(a), onceListener(a), abortSignalListener(a, capFor(a, 5, 100)));
      break;
    case 'timer':
      out.push(clearTimerAtTeardown(a));
      break;
  }
  return out.filter((f): f is BuiltFix => f !== undefined && f.title !== preferred.title);
}

/**
 * lru-cache when the project depends on it; in a TypeScript original only where `new Map<K, V>()`
 * spells out its types and nothing declares the variable as a Map (an LRUCache is not one).
 */
function fixContext(a: Attribution, opts: ProposeOptions): FixContext {
  const s = a.script!;
  const ctor = a.declaration?.init;
  if (a.archetype !== 'unbounded-collection' || ctor?.type !== 'NewExpression') return {};
  const original = s.map ? mapToOriginal(s, ctor.callee.start) : undefined;
  const dep = projectDependency(original?.file ?? s.file, 'lru-cache', opts.projectRoot);
  if (!dep) return {};
  if (original && isTs(original.file)) {
    const line = lineOf(original.file, original.line) ?? '';
    const typed = /^\s*Map\s*</.test(line.slice(original.column - 1).replace(/^new\s+/, ''));
    if (!typed || /:\s*(Readonly)?Map\s*</.test(line)) return {};
  }
  return { lruCache: dep };
}

/** A built fix as reported and as applied to the running files; undefined when it cannot be placed. */
function materialize(s: ParsedScript, built: BuiltFix): { fix: Fix; generatedEdits: TextEdit[] } | undefined {
  const edits = mergeFileLevel(s.text, built.edits);
  const mapped = s.map ? mapEdits(s, edits) : undefined;
  // Code a loader transformed at run time exists only in memory: the original file is what gets
  // edited and what the loader runs again, so only mapped edits are usable.
  if (s.runtimeSource && !mapped) return undefined;
  const generatedEdits = s.runtimeSource ? mapped! : edits.flatMap(e => toTextEdits(s, e));
  return { fix: { kind: built.kind, title: built.title, explanation: built.explanation, edits: mapped ?? generatedEdits }, generatedEdits };
}

/** Proposes the fix for one attributed suspect, with its alternatives; undefined when no safe edit can be built. */
export function proposeFix(a: Attribution, opts: ProposeOptions = {}): ProposedFix | undefined {
  if (!a.script) return undefined;
  const kind = chooseKind(a);
  if (!kind) return undefined;
  const fc = fixContext(a, opts);
  const built = build(a, kind, fc);
  if (!built) return undefined;
  const preferred = materialize(a.script, built);
  if (!preferred) return undefined;
  const alternatives = alternativesFor(a, built, fc)
    .map(b => materialize(a.script!, b)?.fix)
    .filter((f): f is Fix => f !== undefined && f.edits.length > 0);
  return { ...preferred, alternatives };
}
