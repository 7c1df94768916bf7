/**
 * The named helpers a fix inserts once per file (a bounded Map, Set or array, a TTL map, the
 * lru-cache import), in JavaScript and in TypeScript, laid out like hand-written code in the
 * file's indentation. Each is rendered for the file it lands in, and left out when that file
 * already declares it (a second fix in the same file reuses it).
 */
import { helperInsertOffset, indentUnit, reindent, surroundBlock } from './insertion';
import type { OffsetEdit, RenderTarget } from './edits';

export type HelperName = 'LruMap' | 'LruSet' | 'TtlMap' | 'BoundedArray';

// Written with two-space steps; re-indented to the file's unit. TypeScript's type parameters
// default to `any` because `new Map()` without type arguments is a `Map<any, any>`: code that
// used the untyped map keeps compiling unchanged.
const JS: Record<HelperName, string> = {
  LruMap: `/** A Map that keeps at most \`max\` entries, evicting the least recently used. */
class LruMap extends Map {
  constructor(max, entries) {
    super();
    this.max = max;
    if (entries) {
      for (const [key, value] of entries) this.set(key, value);
    }
  }

  get(key) {
    if (!super.has(key)) return undefined;
    const value = super.get(key);
    super.delete(key);
    super.set(key, value);
    return value;
  }

  set(key, value) {
    if (super.has(key)) {
      super.delete(key);
    } else if (this.size >= this.max) {
      this.delete(this.keys().next().value);
    }
    return super.set(key, value);
  }
}`,
  LruSet: `/** A Set that keeps at most \`max\` values, evicting the least recently added. */
class LruSet extends Set {
  constructor(max, values) {
    super();
    this.max = max;
    if (values) {
      for (const value of values) this.add(value);
    }
  }

  add(value) {
    if (this.has(value)) {
      this.delete(value);
    } else if (this.size >= this.max) {
      this.delete(this.values().next().value);
    }
    return super.add(value);
  }
}`,
  TtlMap: `/** A Map whose entries expire \`ttlMs\` after they were set: expired ones miss on get and are dropped on each set. */
class TtlMap extends Map {
  constructor(ttlMs) {
    super();
    this.ttlMs = ttlMs;
    this.setAt = new Map();
  }

  set(key, value) {
    const now = Date.now();
    for (const [oldKey, at] of this.setAt) {
      if (now - at < this.ttlMs) break;
      this.delete(oldKey);
    }
    this.setAt.delete(key);
    this.setAt.set(key, now);
    return super.set(key, value);
  }

  has(key) {
    const at = this.setAt.get(key);
    if (at !== undefined && Date.now() - at >= this.ttlMs) this.delete(key);
    return super.has(key);
  }

  get(key) {
    return this.has(key) ? super.get(key) : undefined;
  }

  delete(key) {
    this.setAt.delete(key);
    return super.delete(key);
  }

  clear() {
    this.setAt.clear();
    super.clear();
  }
}`,
  BoundedArray: `/** An array that keeps only its newest \`max\` items when pushed to. */
class BoundedArray extends Array {
  // map(), filter(), splice() return plain arrays, not bounded ones.
  static get [Symbol.species]() {
    return Array;
  }

  constructor(max) {
    super();
    this.max = max;
  }

  push(...items) {
    const length = super.push(...items);
    if (length > this.max) this.splice(0, length - this.max);
    return this.length;
  }
}`,
};

const TS: Record<HelperName, string> = {
  LruMap: `/** A Map that keeps at most \`max\` entries, evicting the least recently used. */
class LruMap<K = any, V = any> extends Map<K, V> {
  private readonly max: number;

  constructor(max: number, entries?: Iterable<readonly [K, V]> | null) {
    super();
    this.max = max;
    if (entries) {
      for (const [key, value] of entries) this.set(key, value);
    }
  }

  override get(key: K): V | undefined {
    if (!super.has(key)) return undefined;
    const value = super.get(key) as V;
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    if (super.has(key)) {
      super.delete(key);
    } else if (this.size >= this.max) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}`,
  LruSet: `/** A Set that keeps at most \`max\` values, evicting the least recently added. */
class LruSet<T = any> extends Set<T> {
  private readonly max: number;

  constructor(max: number, values?: Iterable<T> | null) {
    super();
    this.max = max;
    if (values) {
      for (const value of values) this.add(value);
    }
  }

  override add(value: T): this {
    if (this.has(value)) {
      this.delete(value);
    } else if (this.size >= this.max) {
      const oldest = this.values().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.add(value);
  }
}`,
  TtlMap: `/** A Map whose entries expire \`ttlMs\` after they were set: expired ones miss on get and are dropped on each set. */
class TtlMap<K = any, V = any> extends Map<K, V> {
  private readonly ttlMs: number;
  private readonly setAt = new Map<K, number>();

  constructor(ttlMs: number) {
    super();
    this.ttlMs = ttlMs;
  }

  override set(key: K, value: V): this {
    const now = Date.now();
    for (const [oldKey, at] of this.setAt) {
      if (now - at < this.ttlMs) break;
      this.delete(oldKey);
    }
    this.setAt.delete(key);
    this.setAt.set(key, now);
    return super.set(key, value);
  }

  override has(key: K): boolean {
    const at = this.setAt.get(key);
    if (at !== undefined && Date.now() - at >= this.ttlMs) this.delete(key);
    return super.has(key);
  }

  override get(key: K): V | undefined {
    return this.has(key) ? super.get(key) : undefined;
  }

  override delete(key: K): boolean {
    this.setAt.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.setAt.clear();
    super.clear();
  }
}`,
  BoundedArray: `/** An array that keeps only its newest \`max\` items when pushed to. */
class BoundedArray<T = any> extends Array<T> {
  // map(), filter(), splice() return plain arrays, not bounded ones.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  private readonly max: number;

  constructor(max: number) {
    super();
    this.max = max;
  }

  override push(...items: T[]): number {
    const length = super.push(...items);
    if (length > this.max) this.splice(0, length - this.max);
    return this.length;
  }
}`,
};

/** True when the file already declares `name` (a helper inserted by an earlier fix). */
export function declares(text: string, name: string): boolean {
  return new RegExp(`(^|\\n)\\s*(export\\s+)?(class|function|const|let|var)\\s+${name}\\b`).test(text);
}

/** The helper's source for a file, in its language and indentation. */
export function helperSource(name: HelperName, target: RenderTarget): string {
  return reindent((target.ts ? TS : JS)[name], indentUnit(target.text));
}

/**
 * One edit that inserts file-level declarations at the helper insertion point. `parts` renders
 * the declarations the target still lacks (empty strings are skipped); nothing left, no edit.
 */
export function fileLevelEdit(text: string, parts: (target: RenderTarget) => string[]): OffsetEdit {
  const at = helperInsertOffset(text);
  return {
    start: at,
    end: at,
    newText: '',
    anchor: 'file-start',
    fileParts: parts,
    render: target => {
      const blocks = parts(target).filter(Boolean);
      if (blocks.length === 0) return '';
      return surroundBlock(target.text, helperInsertOffset(target.text), blocks.join('\n\n'));
    },
  };
}

/** One fix's file-level edits as a single insertion (two inserts at one place would be ambiguous). */
export function mergeFileLevel(text: string, edits: OffsetEdit[]): OffsetEdit[] {
  const fileLevel = edits.filter(e => e.fileParts);
  if (fileLevel.length < 2) return edits;
  const merged = fileLevelEdit(text, t => fileLevel.flatMap(e => e.fileParts!(t)));
  return [merged, ...edits.filter(e => !e.fileParts)];
}

/** The edit inserting a helper class, unless the file declares one of that name already. */
export function helperEdit(text: string, name: HelperName): OffsetEdit {
  return fileLevelEdit(text, target => [declares(target.text, name) ? '' : helperSource(name, target)]);
}
