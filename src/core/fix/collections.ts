/**
 * Fixes for collections that only grow: a cache capped by least-recent use or expired by age
 * (through `lru-cache` when the project depends on it, a named helper class otherwise), and an
 * array kept to its newest items.
 */
import type { Attribution } from '../leak/attribute';
import { constructorEdit, insertAfter, newExpressionOf, src, type BuiltFix, type FixContext } from './fixKit';
import { helperEdit } from './helpers';
import { LRU_CACHE_CLASS, lruCacheFits, lruCacheImportEdit, lruCacheSource, needsRealMap } from './lruCache';

const NO_DEPENDENCY = 'a small bounded Map declared in this file, no new dependency';

/** Map/Set capped to `cap` entries, evicting the least recently used. */
export function lruCap(a: Attribution, cap: number, fc: FixContext = {}): BuiltFix | undefined {
  const s = a.script!;
  const isSet = a.owner.ownerKind === 'set';
  const ctor = newExpressionOf(a.declaration?.init, isSet ? ['Set'] : ['Map']);
  const why = `\`${a.name}\` gains entries for every new key and never drops any, so it grows for as long as the program runs. Capping it evicts the least recently used entry once ${cap} are stored, which bounds its memory; raise the cap if the hit rate matters.`;
  if (ctor) {
    const dep = fc.lruCache;
    if (!isSet && lruCacheFits(dep) && ctor.arguments.length === 0 && !needsRealMap(s, a.name)) {
      return {
        kind: 'lru-cap',
        title: `Cap \`${a.name}\` at ${cap} entries using lru-cache from your dependencies`,
        explanation: `${why} This uses ${lruCacheSource(dep)} (\`new LRUCache({ max: ${cap} })\`), so nothing new is added to the project.`,
        edits: [lruCacheImportEdit(s, dep), constructorEdit(ctor, LRU_CACHE_CLASS, `{ max: ${cap} }`)],
      };
    }
    const helper = isSet ? 'LruSet' : 'LruMap';
    const notLib = dep && !isSet ? ` (lru-cache is in your dependencies, but ${dep.major >= 7 ? 'the code iterates this map or relies on it being a Map' : `version ${dep.version} predates the API this fix uses`})` : '';
    return {
      kind: 'lru-cap',
      title: `Cap \`${a.name}\` at ${cap} entries with a bounded ${isSet ? 'Set' : 'Map'} (no new dependency)`,
      explanation: `${why} It uses ${isSet ? 'a small bounded Set declared in this file, no new dependency' : NO_DEPENDENCY} (\`${helper}\`, inserted once after the imports)${notLib}.`,
      edits: [helperEdit(s.text, helper), constructorEdit(ctor, helper, String(cap))],
    };
  }
  const g = a.growth;
  if (!g?.statement || !g.receiver) return undefined;
  const r = src(s, g.receiver);
  const code = g.method === '[]='
    ? `{ const keys = Object.keys(${r}); if (keys.length > ${cap}) delete ${r}[keys[0]]; } // leak-hunter: bound the table`
    : `if (${r}.size > ${cap}) ${r}.delete(${r}.keys().next().value); // leak-hunter: evict the oldest entry`;
  return { kind: 'lru-cap', title: `Cap \`${a.name}\` at ${cap} entries (oldest evicted)`, explanation: why.replace('least recently used', 'oldest'), edits: [insertAfter(s, g.statement, code)] };
}

/** Map whose entries expire `ttlSec` after they are set. */
export function ttl(a: Attribution, ttlSec: number, cap: number, fc: FixContext = {}): BuiltFix | undefined {
  const s = a.script!;
  const ctor = newExpressionOf(a.declaration?.init, ['Map']);
  if (!ctor) return undefined;
  const ms = Math.round(ttlSec * 1000);
  const why = `Entries of \`${a.name}\` are added and never removed. Expiring them ${ttlSec} s after they are set bounds the map to what arrives in that window.`;
  const dep = fc.lruCache;
  if (lruCacheFits(dep) && ctor.arguments.length === 0 && !needsRealMap(s, a.name)) {
    return {
      kind: 'ttl',
      title: `Expire entries of \`${a.name}\` after ${ttlSec} s using lru-cache from your dependencies`,
      explanation: `${why} This uses ${lruCacheSource(dep)} (\`new LRUCache({ max: ${cap}, ttl: ${ms} })\`): expired entries are dropped when read and the cap bounds what is never read again.`,
      edits: [lruCacheImportEdit(s, dep), constructorEdit(ctor, LRU_CACHE_CLASS, `{ max: ${cap}, ttl: ${ms} }`)],
    };
  }
  if (ctor.arguments.length > 0) return undefined;
  return {
    kind: 'ttl',
    title: `Expire entries of \`${a.name}\` ${ttlSec} s after they are set (no new dependency)`,
    explanation: `${why} It uses a small expiring Map declared in this file, no new dependency (\`TtlMap\`, inserted once after the imports; an expired entry misses on \`get\` and is dropped when the next one is set).`,
    edits: [helperEdit(s.text, 'TtlMap'), constructorEdit(ctor, 'TtlMap', String(ms))],
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
    return {
      kind: 'bound-array',
      title,
      explanation: `${explanation} It uses a small bounded array declared in this file (\`BoundedArray\`, inserted once after the imports), no new dependency.`,
      edits: [helperEdit(s.text, 'BoundedArray'), { start: init.start, end: init.end, newText: `new BoundedArray(${cap})`, anchor: 'token' }],
    };
  }
  return undefined;
}

