import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GrowingOwner, LadderResult, PathStep, ScriptLocation } from '../heap/model';
import { attribute } from './attribute';
import { ScriptCache } from './script';

function tmpScript(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-attr-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex(l => l.includes(needle)) + 1;

function loc(file: string, text: string, needle: string, col = 1): ScriptLocation {
  return { scriptName: file, scriptId: 1, line: lineOf(text, needle), column: col };
}

function step(edge: string, edgeType: string, node: string, nodeType = 'object', location?: ScriptLocation): PathStep {
  return { edge, edgeType, node, nodeType, nodeId: 1, ...(location ? { location } : {}) };
}

function owner(o: Partial<GrowingOwner> & Pick<GrowingOwner, 'ownerKind' | 'retainerPath'>): GrowingOwner {
  return { nodeId: 1, className: 'Map', sizes: [10, 20, 30], retainedSizes: [1e5, 2e5, 3e5], countDelta: 20, retainedDelta: 2e5, monotonic: true, entryClasses: [], ...o };
}

const ladder = (owners: GrowingOwner[]): LadderResult => ({ rungs: [], identity: 'object-id', classes: [], owners });

test('a module-level Map: root at the declaration, growth at .set(', () => {
  const text = `'use strict';\nconst other = 1;\nconst cache = new Map();\nfunction put(k) {\n  cache.set('k' + k, { k });\n}\nsetInterval(() => put(Date.now()), 10);\n`;
  const file = tmpScript('app.js', text);
  const closure = loc(file, text, 'function put', 13);
  const o = owner({ ownerKind: 'map', root: { name: 'cache', kind: 'module-variable', location: closure, pathIndex: 1 }, retainerPath: [step('put', 'property', 'Function', 'closure', closure), step('cache', 'context', 'Map')] });
  const [a] = attribute(ladder([o]), [10, 15, 20], new ScriptCache());
  assert.equal(a.archetype, 'unbounded-collection');
  assert.equal(a.suspect.root.location?.line, 3);
  assert.equal(a.suspect.growthSite?.location.line, 5);
  assert.equal(a.suspect.growthBytesPerSec, 2e5 / 10);
});

test('the innermost declaration visible from the closure wins over a shadowed outer one', () => {
  const text = `const items = [];\nfunction make() {\n  const items = [];\n  return function add(x) { items.push(x); };\n}\nmodule.exports = make();\n`;
  const file = tmpScript('shadow.js', text);
  const closure = loc(file, text, 'return function add', 22);
  const o = owner({ ownerKind: 'array', className: 'Array', root: { name: 'items', kind: 'closure-variable', location: closure, pathIndex: 1 }, retainerPath: [step('exports', 'property', 'Function', 'closure', closure), step('items', 'context', 'Array')] });
  const [a] = attribute(ladder([o]), [0, 5, 10], new ScriptCache());
  assert.equal(a.archetype, 'growing-array');
  assert.equal(a.suspect.root.location?.line, 3);
  assert.equal(a.suspect.growthSite?.location.line, 4);
});

test('a class field: found through the constructor of the holder class', () => {
  const text = `class Store {\n  constructor() {\n    this.n = 0;\n    this.sessions = new Map();\n  }\n  add(id) { this.sessions.set(id, {}); }\n}\nclass Other { constructor() { this.sessions = new Set(); } }\nmodule.exports = new Store();\n`;
  const file = tmpScript('store.js', text);
  const ctor = loc(file, text, 'constructor() {', 15);
  const o = owner({ ownerKind: 'map', root: { name: 'sessions', kind: 'class-field', location: ctor, holderClass: 'Store', pathIndex: 1 }, retainerPath: [step('exports', 'property', 'Store', 'object', ctor), step('sessions', 'property', 'Map')] });
  const [a] = attribute(ladder([o]), [0, 5, 10], new ScriptCache());
  assert.equal(a.suspect.root.kind, 'class-field');
  assert.equal(a.suspect.root.location?.line, 4);
  assert.equal(a.suspect.growthSite?.location.line, 6);
});

test('listeners: the registration on the emitter is the root, archetype listener', () => {
  const text = `const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nfunction job(s) {\n  bus.on('tick', () => s.n++);\n  bus.on('other', () => 0);\n}\nsetInterval(() => job({ n: 0 }), 5);\n`;
  const file = tmpScript('bus.js', text);
  const listener = loc(file, text, "bus.on('tick'", 18);
  const o = owner({ ownerKind: 'listeners', className: 'Array', eventName: 'tick', root: { name: 'tick', kind: 'listener', location: listener, holderClass: 'EventEmitter', pathIndex: 2 }, retainerPath: [step('bus', 'context', 'EventEmitter'), step('_events', 'property', 'Object'), step('tick', 'property', 'Array')] });
  const [a] = attribute(ladder([o]), [0, 5, 10], new ScriptCache());
  assert.equal(a.archetype, 'listener');
  assert.equal(a.suspect.root.location?.line, 4);
  assert.equal(a.emitterName, 'bus');
});

test('a chain of contexts through one variable is a closure leak rooted at that variable', () => {
  const text = `let current = null;\nfunction replace() {\n  const previous = current;\n  const unused = () => previous;\n  current = { f() { return 1; } };\n}\nsetInterval(replace, 10);\n`;
  const file = tmpScript('chain.js', text);
  const f = loc(file, text, 'current = {', 16);
  const o = owner({ ownerKind: 'object', className: 'Object', root: { name: 'current', kind: 'module-variable', location: loc(file, text, 'function replace', 17), pathIndex: 0 }, retainerPath: [step('current', 'context', 'Object'), step('f', 'property', 'Function', 'closure', f), step('context', 'internal', 'system / Context'), step('previous', 'context', 'Object'), step('f', 'property', 'Function', 'closure', f), step('context', 'internal', 'system / Context'), step('previous', 'context', 'Object')] });
  const [a] = attribute(ladder([o]), [0, 5, 10], new ScriptCache());
  assert.equal(a.archetype, 'closure');
  assert.equal(a.suspect.root.name, 'previous');
  assert.equal(a.suspect.root.location?.line, 3);
});

test('owners that did not grow are not suspects', () => {
  const o = owner({ ownerKind: 'map', retainerPath: [], retainedDelta: 0, countDelta: 0, monotonic: false });
  assert.equal(attribute(ladder([o]), [0, 5, 10], new ScriptCache()).length, 0);
});
