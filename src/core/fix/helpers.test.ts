import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parseJs } from '../leak/script';
import { applyTextEdits } from './edits';
import { compileTs, propose, tempProject, typeErrors, type OwnerSpec } from './fixTestSupport';
import { helperInsertOffset, indentUnit } from './insertion';

const cacheOwner = (name: string, rootLine: string, ownerKind: 'map' | 'set' = 'map'): OwnerSpec => ({
  name, ownerKind, className: ownerKind === 'set' ? 'Set' : 'Map', rootLine, path: [[name, 'context', ownerKind === 'set' ? 'Set' : 'Map']],
});

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Runs CommonJS text and returns its exports. */
function runCjs(text: string, globals: Record<string, unknown> = {}): any {
  const module = { exports: {} as any };
  vm.runInNewContext(text.replace(/^#!.*/, ''), { module, exports: module.exports, require: () => ({}), Date, ...globals });
  return module.exports;
}

test('lru-cap inserts one named LruMap after the requires, laid out one statement per line, and the declaration uses it', () => {
  const text = `#!/usr/bin/env node\n// Serves responses.\n'use strict';\nconst fs = require('fs');\n\n// Responses by key.\nconst cache = new Map();\nconst other = new Map();\nfunction put(i) {\n    cache.set('k' + i, 'v'.repeat(5000));\n    other.set('o' + i, 'v'.repeat(5000));\n}\nmodule.exports = { put, cache, other };\n`;
  const dir = tempProject({ 'app.js': text });
  const file = path.join(dir, 'app.js');
  const first = propose(file, cacheOwner('cache', 'const cache'));
  assert.equal(first.fix.kind, 'lru-cap');
  assert.match(first.fix.title, /no new dependency/);
  assert.match(first.fix.explanation!, /small bounded Map declared in this file, no new dependency/);
  const fixed = applyTextEdits(text, first.generatedEdits);
  parseJs(fixed, false);
  assert.match(fixed, /^const cache = new LruMap\(\d+\);$/m);
  assert.ok(fixed.indexOf('class LruMap extends Map {') > fixed.indexOf("require('fs')"), 'after the requires');
  assert.ok(fixed.indexOf('class LruMap') < fixed.indexOf('// Responses by key.'), 'before the declaration and its comment');
  const helper = fixed.slice(fixed.indexOf('class LruMap'), fixed.indexOf('\n}\n', fixed.indexOf('class LruMap')) + 2);
  // Four spaces is this file's indentation unit, and every statement has its own line.
  assert.match(helper, /\n {4}constructor\(max, entries\) \{\n {8}super\(\);\n {8}this\.max = max;/);
  assert.ok(helper.split('\n').every(l => (l.match(/;/g) ?? []).length <= 1 || /for \(/.test(l)), helper);
  const m = runCjs(fixed);
  for (let i = 0; i < 5000; i++) m.put(i);
  assert.ok(m.cache.size <= 10_000 && m.cache.size >= 50);
  assert.equal(m.cache.get('k4999').length, 5000);

  // A second fix in the same file reuses the helper.
  fs.writeFileSync(file, fixed);
  const second = propose(file, cacheOwner('other', 'const other'));
  const twice = applyTextEdits(fixed, second.generatedEdits);
  assert.equal(count(twice, 'class LruMap'), 1, 'the helper is declared once');
  assert.match(twice, /const other = new LruMap\(\d+\);/);
  parseJs(twice, false);
});

test('an ES module gets the helper after its imports and stays a module', () => {
  const text = `import { readFileSync } from 'node:fs';\nimport path from 'node:path';\n\nexport const seen = new Set();\nexport function see(id) {\n  seen.add(\`id-\${id}\`);\n}\n`;
  const dir = tempProject({ 'app.mjs': text });
  const p = propose(path.join(dir, 'app.mjs'), cacheOwner('seen', 'export const seen', 'set'));
  const fixed = applyTextEdits(text, p.generatedEdits);
  const ast = parseJs(fixed, true) as any;
  assert.equal(ast.sourceType, 'module');
  assert.ok(fixed.indexOf('class LruSet extends Set') > fixed.indexOf("from 'node:path'"));
  assert.match(fixed, /export const seen = new LruSet\(\d+\);/);
  assert.doesNotMatch(fixed, /require\(/);
});

test('the insertion point follows the file: hashbang, directives, imports, header comment', () => {
  assert.equal(helperInsertOffset('const a = 1;\n'), 0);
  const header = '// header\n// more\nconst a = 1;\n';
  assert.equal(helperInsertOffset(header), header.indexOf('const a'));
  const documented = '// header\n\n// documents a\nconst a = 1;\n';
  assert.equal(helperInsertOffset(documented), documented.indexOf('// documents a'));
  const strict = '"use strict";var a=new Map();';
  assert.equal(helperInsertOffset(strict), '"use strict";'.length, 'minified: after the directive, never before it');
  const imports = "import type { A } from './a';\nimport {\n  b,\n} from './b';\nimport './side-effect';\nconst x = 1;\n";
  assert.equal(helperInsertOffset(imports), imports.indexOf('const x'));
  assert.equal(indentUnit('a {\n\tb;\n}\n'), '\t');
  assert.equal(indentUnit('a {\n    b;\n}\n'), '    ');
  assert.equal(indentUnit('one line'), '  ');
});

const TS_APP = `import { EventEmitter } from 'node:events';

interface Quote {
  symbol: string;
  price: number;
}

export class QuoteService {
  private readonly quotes = new Map<string, Quote>();
  private readonly log: string[] = [];
  private readonly bus = new EventEmitter();
  private requests = 0;

  quote(symbol: string): Quote {
    const key = \`\${symbol}:\${++this.requests}\`;
    const q: Quote = { symbol, price: this.requests };
    this.quotes.set(key, q);
    this.record(key);
    this.bus.on('tick', (n: number) => {
      q.price = n;
    });
    setInterval(() => q.price++, 1000);
    return this.quotes.get(key) ?? q;
  }

  record(key: string): number {
    return this.log.push(key);
  }
}
`;

test('TypeScript originals get typed helpers that pass tsc --strict, and keep their type arguments', () => {
  const dir = tempProject({ 'package.json': '{ "name": "ts-app" }' });
  const { tsFile, jsFile } = compileTs(dir, TS_APP);
  const owners: [string, OwnerSpec][] = [
    ['lru-cap', { name: 'quotes', ownerKind: 'map', className: 'Map', rootLine: 'quotes = new Map', path: [['quotes', 'property', 'Map']] }],
    ['bound-array', { name: 'log', ownerKind: 'array', className: 'Array', rootLine: 'log = []', path: [['log', 'property', 'Array']] }],
    ['remove-listener', { name: 'tick', ownerKind: 'listeners', className: 'Array', eventName: 'tick', rootKind: 'listener', rootLine: "this.bus.on('tick'", path: [['bus', 'property', 'EventEmitter'], ['_events', 'property', 'Object'], ['tick', 'property', 'Array']] }],
    ['clear-timer', { name: '', ownerKind: 'timers', className: 'Timeout', rootKind: 'timer', rootLine: 'setInterval(', path: [['timerListMap', 'context', 'Object']] }],
  ];
  const checked: string[] = [];
  for (const [kind, owner] of owners) {
    const p = propose(jsFile, owner, dir);
    assert.equal(p.fix.kind, kind);
    assert.ok(p.fix.edits.every(e => e.file === tsFile), `${kind}: edits land in the TypeScript original`);
    const fixed = applyTextEdits(TS_APP, p.fix.edits);
    const out = path.join(dir, 'src', `fixed-${kind}.ts`);
    fs.writeFileSync(out, fixed);
    checked.push(out);
    assert.doesNotMatch(fixed, /: any\b|<any>|as any/, `${kind}: no any annotations`);
    if (kind === 'lru-cap') {
      assert.match(fixed, /class LruMap<K = any, V = any> extends Map<K, V> \{\n {2}private readonly max: number;\n/);
      assert.match(fixed, /private readonly quotes = new LruMap<string, Quote>\(\d+\);/);
      assert.ok(fixed.indexOf('class LruMap') > fixed.indexOf("from 'node:events'") && fixed.indexOf('class LruMap') < fixed.indexOf('interface Quote'));
    }
    if (kind === 'bound-array') assert.match(fixed, /private readonly log: string\[\] = new BoundedArray\(\d+\);/);
  }
  assert.deepEqual(typeErrors(checked), []);
});

test('TTL on a TypeScript map: typed TtlMap, compiles, expires', () => {
  const source = `const sessions = new Map<string, { seenAt: number }>();\nexport function touch(id: number): number {\n  sessions.set('s' + id, { seenAt: Date.now() });\n  return sessions.size;\n}\n`;
  const dir = tempProject();
  const { jsFile } = compileTs(dir, source);
  const p = propose(jsFile, cacheOwner('sessions', 'const sessions'), dir);
  assert.equal(p.fix.kind, 'ttl');
  const fixed = applyTextEdits(source, p.fix.edits);
  assert.match(fixed, /const sessions = new TtlMap<string, \{ seenAt: number \}>\(\d+\);/);
  assert.match(fixed, /class TtlMap<K = any, V = any> extends Map<K, V> \{/);
  const out = path.join(dir, 'src', 'fixed.ts');
  fs.writeFileSync(out, fixed);
  assert.deepEqual(typeErrors([out]), []);
  // The running JavaScript gets the untyped helper and expires entries.
  let now = 0;
  const js = applyTextEdits(fs.readFileSync(jsFile, 'utf8'), p.generatedEdits);
  const exports = runCjs(js, { Date: { now: () => now } });
  let size = 0;
  for (let i = 0; i < 1000; i++) {
    now += 100;
    size = exports.touch(i);
  }
  const windowMs = Number(/new TtlMap\((\d+)\)/.exec(js)![1]);
  assert.ok(size <= windowMs / 100 + 1, `${size} entries live with a ${windowMs} ms window`);
  // An expired entry misses on get/has even before the next set sweeps it.
  const probe = runCjs(`${js}\nmodule.exports.probe = () => { const m = new TtlMap(1000); m.set('k', 1); return m; };`, { Date: { now: () => now } });
  const m = probe.probe() as Map<string, number>;
  assert.equal(m.get('k'), 1);
  now += 999;
  assert.equal(m.has('k'), true);
  now += 1;
  assert.equal(m.get('k'), undefined);
  assert.equal(m.has('k'), false);
  assert.equal(m.size, 0);
});
