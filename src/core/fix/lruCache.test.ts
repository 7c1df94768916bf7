import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { parseJs } from '../leak/script';
import { projectDependency } from './dependencies';
import { applyTextEdits } from './edits';
import { compileTs, propose, tempProject, typeErrors, type OwnerSpec } from './fixTestSupport';

// A real lru-cache (v10+) that the repository's own dependencies bring along, linked into the
// fake projects so the fixed programs run and type-check against it.
const lruMain = createRequire(require.resolve('path-scurry')).resolve('lru-cache');
const realLruCache = lruMain.slice(0, lruMain.lastIndexOf(`${path.sep}lru-cache${path.sep}`) + '/lru-cache'.length);

const owner: OwnerSpec = { name: 'responses', ownerKind: 'map', className: 'Map', rootLine: 'const responses', path: [['responses', 'context', 'Map']] };
const CJS = `// Responses by request id.\nconst http = require('http');\n\nconst responses = new Map();\nfunction respond(i) {\n  responses.set('r' + i, { body: 'x'.repeat(1000) });\n  return responses.size;\n}\nmodule.exports = { respond, responses };\n`;

/** A project whose package.json lists lru-cache, with `version` installed (linked to the real package when it is ours). */
function project(range: string, version: string | undefined, files: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const dir = tempProject({ 'package.json': JSON.stringify({ name: 'app', dependencies: { 'lru-cache': range }, ...extra }), ...files });
  if (version === 'real') fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  if (version === 'real') fs.symlinkSync(realLruCache, path.join(dir, 'node_modules', 'lru-cache'), 'dir');
  else if (version) {
    fs.mkdirSync(path.join(dir, 'node_modules', 'lru-cache'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'lru-cache', 'package.json'), JSON.stringify({ name: 'lru-cache', version }));
  }
  return dir;
}

test('a CommonJS project that depends on lru-cache v10+ gets require + new LRUCache({ max }), and it bounds the map', () => {
  const dir = project('^10.0.0', 'real', { 'app.js': CJS });
  const file = path.join(dir, 'app.js');
  const p = propose(file, owner);
  assert.equal(p.fix.kind, 'lru-cap');
  assert.match(p.fix.title, /using lru-cache from your dependencies/);
  assert.match(p.fix.explanation!, /lru-cache \d+\.\d+\.\d+ from your dependencies/);
  const fixed = applyTextEdits(CJS, p.generatedEdits);
  parseJs(fixed, false);
  assert.match(fixed, /^const http = require\('http'\);\n\nconst \{ LRUCache \} = require\('lru-cache'\);\n\nconst responses = new LRUCache\(\{ max: \d+ \}\);$/m);
  assert.doesNotMatch(fixed, /class LruMap/);
  const module = { exports: {} as any };
  vm.runInNewContext(fixed, { module, require: createRequire(file) });
  let size = 0;
  for (let i = 0; i < 20_000; i++) size = module.exports.respond(i);
  assert.ok(size <= 10_000, `${size} entries`);
  // TTL is offered too, with the same library.
  const ttl = p.alternatives.find(f => f.kind === 'ttl');
  assert.ok(ttl, 'a TTL alternative');
  assert.match(applyTextEdits(CJS, ttl.edits), /new LRUCache\(\{ max: \d+, ttl: \d+ \}\)/);
});

test('an ES module imports it; v7 uses the default export; the installed version wins over the range', () => {
  const esm = CJS.replace("const http = require('http');", "import http from 'node:http';").replace('module.exports = { respond, responses };', 'export { respond, responses };');
  const dir = project('^10.1.0', '10.4.3', { 'app.mjs': esm });
  const fixed = applyTextEdits(esm, propose(path.join(dir, 'app.mjs'), owner).generatedEdits);
  assert.match(fixed, /^import \{ LRUCache \} from 'lru-cache';$/m);
  assert.equal((parseJs(fixed, true) as any).sourceType, 'module');

  const old = project('^6.0.0 || ^7.0.0', '7.18.3', { 'app.js': CJS });
  const dep = projectDependency(path.join(old, 'app.js'), 'lru-cache', old);
  assert.deepEqual([dep?.version, dep?.major, dep?.from], ['7.18.3', 7, 'installed']);
  assert.match(applyTextEdits(CJS, propose(path.join(old, 'app.js'), owner).generatedEdits), /^const LRUCache = require\('lru-cache'\);$/m);

  // Only the range: nothing installed yet.
  const ranged = project('~9.1.2', undefined, { 'app.js': CJS });
  assert.deepEqual([projectDependency(path.join(ranged, 'app.js'), 'lru-cache')?.major, projectDependency(path.join(ranged, 'app.js'), 'lru-cache')?.from], [9, 'range']);
  // v9 dropped the default export: named import.
  assert.match(applyTextEdits(CJS, propose(path.join(ranged, 'app.js'), owner).generatedEdits), /^const \{ LRUCache \} = require\('lru-cache'\);$/m);
});

test('the helper is used instead when the code iterates the map, the version is too old, or no package.json lists it', () => {
  const iterating = CJS.replace('return responses.size;', 'return [...responses.keys()].length;');
  const dir = project('^10.0.0', '10.4.3', { 'app.js': iterating });
  const p = propose(path.join(dir, 'app.js'), owner);
  assert.match(p.fix.title, /no new dependency/);
  assert.match(p.fix.explanation!, /lru-cache is in your dependencies, but the code iterates this map/);
  assert.match(applyTextEdits(iterating, p.generatedEdits), /new LruMap\(\d+\)/);

  const six = project('^6.0.0', '6.0.0', { 'app.js': CJS });
  assert.match(propose(path.join(six, 'app.js'), owner).fix.explanation!, /version 6\.0\.0 predates/);

  // The project root bounds the search: a package.json above it does not count.
  const outer = project('^10.0.0', '10.4.3', {});
  fs.mkdirSync(path.join(outer, 'pkg'));
  fs.writeFileSync(path.join(outer, 'pkg', 'app.js'), CJS);
  assert.equal(projectDependency(path.join(outer, 'pkg', 'app.js'), 'lru-cache', path.join(outer, 'pkg')), undefined);
  assert.ok(projectDependency(path.join(outer, 'pkg', 'app.js'), 'lru-cache', outer));
});

test('TypeScript with lru-cache: import, type arguments kept, passes tsc --strict against the real types', () => {
  const source = `interface Page {\n  body: string;\n}\n\nconst pages = new Map<string, Page>();\nexport function render(i: number): number {\n  pages.set('p' + i, { body: 'x'.repeat(100) });\n  return pages.get('p' + i)!.body.length + pages.size;\n}\n`;
  const dir = project('^11.0.0', 'real', {});
  const { jsFile } = compileTs(dir, source);
  const p = propose(jsFile, { ...owner, name: 'pages', rootLine: 'const pages', path: [['pages', 'context', 'Map']] }, dir);
  const fixed = applyTextEdits(source, p.fix.edits);
  assert.match(fixed, /^import \{ LRUCache \} from 'lru-cache';\n\ninterface Page/);
  assert.match(fixed, /const pages = new LRUCache<string, Page>\(\{ max: \d+ \}\);/);
  const out = path.join(dir, 'src', 'fixed.ts');
  fs.writeFileSync(out, fixed);
  assert.deepEqual(typeErrors([out]), []);

  // Without type arguments an LRUCache would be typed `LRUCache<{}, {}>`: the typed helper keeps `new Map()`'s typing.
  const untyped = source.replace('new Map<string, Page>()', 'new Map()');
  const dir2 = project('^11.0.0', 'real', {});
  const js2 = compileTs(dir2, untyped).jsFile;
  const fixed2 = applyTextEdits(untyped, propose(js2, { ...owner, name: 'pages', rootLine: 'const pages', path: [['pages', 'context', 'Map']] }, dir2).fix.edits);
  assert.match(fixed2, /const pages = new LruMap\(\d+\);/);
});
