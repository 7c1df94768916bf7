/**
 * Bounding a cache with `lru-cache` when the project already depends on it: which versions fit,
 * how the file imports it (ES module or CommonJS, named or default export), and when the code
 * relies on Map behaviour the library does not have.
 */
import { allNodes, memberName } from '../leak/declarations';
import type { AstNode, ParsedScript } from '../leak/script';
import type { Dependency } from './dependencies';
import { fileLevelEdit } from './helpers';
import type { OffsetEdit, RenderTarget } from './edits';

/** The local name the fix uses for the class. */
export const LRU_CACHE_CLASS = 'LRUCache';

/**
 * v7 introduced `ttl`, `size` and a `set` that returns the cache; before it the API differs
 * (`maxAge`, `length`), so older versions get the helper instead.
 */
export function lruCacheFits(dep: Dependency | undefined): dep is Dependency {
  return dep !== undefined && dep.major >= 7;
}

/**
 * True when the collection is iterated, spread, tested with `instanceof Map` or handed to
 * `Array.from`/`new Map`: an LRUCache iterates newest first and is not a Map, so those uses
 * would change meaning.
 */
export function needsRealMap(s: ParsedScript, name: string): boolean {
  const refers = (n: AstNode | undefined) => (n?.type === 'Identifier' && n.name === name) || (n?.type === 'MemberExpression' && memberName(n) === name);
  for (const { node } of allNodes(s)) {
    if (node.type === 'MemberExpression' && refers(node.object) && ['keys', 'values', 'entries', 'forEach'].includes(memberName(node) ?? '')) return true;
    if (node.type === 'ForOfStatement' && refers(node.right)) return true;
    if (node.type === 'SpreadElement' && refers(node.argument)) return true;
    if (node.type === 'BinaryExpression' && node.operator === 'instanceof' && refers(node.left)) return true;
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.arguments.some(refers)) {
      const callee = node.callee.type === 'Identifier' ? node.callee.name : memberName(node.callee);
      if (['from', 'Map', 'Set', 'fromEntries'].includes(callee ?? '')) return true;
    }
  }
  return false;
}

/** v8 added the named export; v7 only has the default one (and v9 dropped the default). */
const usesNamedExport = (dep: Dependency) => dep.major >= 8;

function isEsm(target: RenderTarget, dep: Dependency, file: string): boolean {
  if (target.ts || /\.mjs$/.test(file)) return true;
  if (/\.cjs$/.test(file)) return false;
  if (/^\s*(import|export)\s/m.test(target.text)) return true;
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(target.text)) return false;
  return dep.moduleType === 'module';
}

/** True when the file already binds LRUCache from lru-cache (an earlier fix, or the user). */
function importsLruCache(text: string): boolean {
  return new RegExp(`(import\\s+(\\{[^}]*\\b${LRU_CACHE_CLASS}\\b[^}]*\\}|${LRU_CACHE_CLASS})\\s+from|(const|let|var)\\s+(\\{[^}]*\\b${LRU_CACHE_CLASS}\\b[^}]*\\}|${LRU_CACHE_CLASS})\\s*=\\s*require\\()\\s*['"]lru-cache['"]`).test(text);
}

/** The import or require of LRUCache, in the file's module style. */
export function lruCacheImport(dep: Dependency, file: string, target: RenderTarget): string {
  const binding = usesNamedExport(dep) ? `{ ${LRU_CACHE_CLASS} }` : LRU_CACHE_CLASS;
  return isEsm(target, dep, file) ? `import ${binding} from 'lru-cache';` : `const ${binding} = require('lru-cache');`;
}

/** The edit adding the import where imports go, unless the file has it. */
export function lruCacheImportEdit(s: ParsedScript, dep: Dependency): OffsetEdit {
  return fileLevelEdit(s.text, target => [importsLruCache(target.text) ? '' : lruCacheImport(dep, s.file, target)]);
}

/** How the fix names its source, for titles and explanations. */
export function lruCacheSource(dep: Dependency): string {
  return `lru-cache ${dep.from === 'installed' ? dep.version : `(${dep.version})`} from your dependencies`;
}
