import type { HeapGraph } from '../graph/heapGraph';
import type { DominatorTree } from './dominators';
import { releaseScratch, scratchU32 } from './scratch';

/** Per-node class ids and the class table, named as DevTools' summary view names them. */
export interface ClassIndex {
  classOf: Uint32Array;
  names: string[];
  /** For classes split by constructor location (object nodes with a location): "scriptId:line:col" (0-based). */
  locationKeys: (string | undefined)[];
}

/** DevTools' class name for a node: constructor name for objects, `Function` for closures, `(type)` otherwise. */
export function classNameOf(g: HeapGraph, n: number): string {
  const type = g.d.nodeType[n];
  const t = g.t;
  if (type === t.hidden) return '(system)';
  if (type === t.object || type === t.native) return trimTag(g.name(n));
  if (type === t.code) return '(compiled code)';
  if (type === t.closure) return 'Function';
  if (type === t.regexp) return 'RegExp';
  return '(' + g.d.layout.nodeTypes[type] + ')';
}

function trimTag(name: string): string {
  if (name.startsWith('<')) {
    const sp = name.indexOf(' ');
    return sp === -1 ? name : name.slice(0, sp) + '>';
  }
  if (name.startsWith('Detached <')) {
    const sp = name.indexOf(' ', 10);
    return sp === -1 ? name : name.slice(0, sp) + '>';
  }
  return name;
}

/** Assigns every node a class id; objects with a constructor location get their own class per location. */
export function buildClassIndex(g: HeapGraph): ClassIndex {
  const { nodeType, nodeName, locations } = g.d;
  const t = g.t;
  const n = g.nodeCount;
  const classOf = new Uint32Array(n);
  const names: string[] = [];
  const locationKeys: (string | undefined)[] = [];
  const byName = new Map<string, number>();
  // 1 + class id per name string, 0 = not seen yet (no fill: untouched pages stay unmapped).
  const byNameIndex = new Int32Array(g.d.strings.count);
  const byType = new Int32Array(g.d.layout.nodeTypes.length).fill(-1);
  const byLocation = new Map<string, number>();
  const intern = (name: string, loc?: string): number => {
    const key = loc === undefined ? name : `${loc}\u0000${name}`;
    const map = loc === undefined ? byName : byLocation;
    let id = map.get(key);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      locationKeys.push(loc);
      map.set(key, id);
    }
    return id;
  };
  for (let i = 0; i < n; i++) {
    const type = nodeType[i];
    if (type === t.object || type === t.native) {
      const ni = nodeName[i];
      let id = byNameIndex[ni] - 1;
      if (id < 0) {
        id = intern(classNameOf(g, i));
        byNameIndex[ni] = id + 1;
      }
      classOf[i] = id;
    } else {
      let id = byType[type];
      if (id < 0) id = byType[type] = intern(classNameOf(g, i));
      classOf[i] = id;
    }
  }
  // Objects whose constructor has a script location form their own class per location (DevTools' class key).
  for (let row = 0; row < locations.length; row += 4) {
    const i = locations[row];
    if (nodeType[i] !== t.object) continue;
    classOf[i] = intern(names[classOf[i]], `${locations[row + 1]}:${locations[row + 2]}:${locations[row + 3]}`);
  }
  return { classOf, names, locationKeys };
}

/** Count, shallow size and retained size of one class. */
export interface ClassAggregate {
  classId: number;
  name: string;
  count: number;
  shallowSize: number;
  retainedSize: number;
}

/**
 * DevTools' class aggregates: nodes with a zero (transferred) shallow size are skipped; a class's
 * retained size sums its instances that have no instance of the same class above them in the
 * dominator tree, so nested instances are not counted twice.
 */
export function aggregateClasses(
  g: HeapGraph,
  classes: ClassIndex,
  shallow: Uint32Array,
  retained: Float64Array,
  tree: DominatorTree,
): ClassAggregate[] {
  const k = classes.names.length;
  const count = new Float64Array(k);
  const self = new Float64Array(k);
  const ret = new Float64Array(k);
  const { classOf } = classes;
  const n = g.nodeCount;
  for (let i = 0; i < n; i++) {
    const s = shallow[i];
    if (!s) continue;
    count[classOf[i]]++;
    self[classOf[i]] += s;
  }
  // Dominator-tree children as a CSR, then a DFS that tracks how many ancestors of each class
  // (with a non-zero shallow size) are on the current path.
  const { idom } = tree;
  const root = g.root;
  const first = scratchU32(n + 1);
  for (let i = 0; i < n; i++) if (i !== root) first[idom[i] + 1]++;
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const kids = scratchU32(Math.max(1, n - 1));
  // first[d] doubles as d's fill cursor (ending at the next list's start), then is shifted back.
  for (let i = 0; i < n; i++) if (i !== root) kids[first[idom[i]]++] = i;
  for (let i = n; i > 0; i--) first[i] = first[i - 1];
  first[0] = 0;
  const onPath = new Uint32Array(k);
  // Explicit stack of 2v (enter v) and 2v+1 (leave v); grows only as wide as the tree gets.
  let stack = new Uint32Array(1 << 16);
  let sp = 0;
  stack[sp++] = root * 2;
  while (sp > 0) {
    const item = stack[--sp];
    const v = item >>> 1;
    const counts = shallow[v] !== 0 && v !== root;
    if (item & 1) {
      if (counts) onPath[classOf[v]]--;
      continue;
    }
    if (counts) {
      const c = classOf[v];
      if (onPath[c] === 0) ret[c] += retained[v];
      onPath[c]++;
    }
    const from = first[v];
    const to = first[v + 1];
    if (sp + (to - from) + 1 > stack.length) {
      const bigger = new Uint32Array(Math.max(stack.length * 2, sp + (to - from) + 1));
      bigger.set(stack.subarray(0, sp));
      stack = bigger;
    }
    stack[sp++] = item | 1;
    for (let j = from; j < to; j++) stack[sp++] = kids[j] * 2;
  }
  releaseScratch(first, kids);
  const out: ClassAggregate[] = [];
  for (let c = 0; c < k; c++) {
    if (count[c] === 0) continue;
    out.push({ classId: c, name: classes.names[c], count: count[c], shallowSize: self[c], retainedSize: ret[c] });
  }
  out.sort((a, b) => b.retainedSize - a.retainedSize);
  return out;
}
