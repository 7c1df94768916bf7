import type { AnalyzedSnapshot } from '../analysis/analyzeSnapshot';
import { releaseScratch, scratchU32, scratchU8 } from '../analysis/scratch';

/** New objects gathered under one owner in the last rung. */
export interface OwnerGrowth {
  owner: number;
  newCount: number;
  newShallow: number;
  /** New-object counts per class id (backing stores excluded). */
  classes: Map<number, number>;
}

/** Classes that never own anything a user wrote: V8 backing stores, maps, code, primitives, timer links. */
function internalClasses(a: AnalyzedSnapshot): Uint8Array {
  const names = a.classes.names;
  const out = new Uint8Array(names.length);
  for (let c = 0; c < names.length; c++) {
    const name = names[c];
    const context = name === 'system / Context' || name.startsWith('system / Context / ');
    out[c] = !context && ((name.startsWith('(') && name.endsWith(')')) || name.startsWith('system / ') || name === 'Timeout') ? 1 : 0;
  }
  return out;
}

/**
 * Attributes every object that is new since the first rung to its owner: walking up the
 * dominator tree to the nearest object that already existed, then past backing stores to the
 * first node a user would recognise (a Map, an Array, an instance, a closure context).
 */
export function attributeNewObjects(a: AnalyzedSnapshot, newFlags: Uint8Array): Map<number, OwnerGrowth> {
  const g = a.graph;
  const { idom, order } = a.tree;
  const n = g.nodeCount;
  const root = g.root;
  // attach: nearest pre-existing dominator; owner: first recognisable node at or above it.
  const attach = scratchU32(n);
  const owner = scratchU32(n);
  const isNew = scratchU8(n);
  isNew.set(newFlags);
  isNew[root] = 0;
  const internalClass = internalClasses(a);
  const classOf = a.classes.classOf;
  const out = new Map<number, OwnerGrowth>();
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    if (v === root) {
      attach[v] = v;
      owner[v] = v;
      continue;
    }
    const d = idom[v];
    if (isNew[v]) {
      attach[v] = attach[d];
      const o = owner[attach[v]];
      let growth = out.get(o);
      if (!growth) {
        growth = { owner: o, newCount: 0, newShallow: 0, classes: new Map() };
        out.set(o, growth);
      }
      growth.newCount++;
      growth.newShallow += a.shallow[v];
      if (!internalClass[classOf[v]]) {
        const c = a.classes.classOf[v];
        growth.classes.set(c, (growth.classes.get(c) ?? 0) + 1);
      }
    } else {
      attach[v] = v;
      owner[v] = internalClass[classOf[v]] ? owner[d] : v;
    }
  }
  out.delete(root);
  releaseScratch(attach, owner, isNew);
  return out;
}
