import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { EventEmitter } from 'node:events';
import type { GrowingOwner, LadderResult, PathStep } from '../heap/model';
import { attribute } from '../leak/attribute';
import { parseJs, ScriptCache } from '../leak/script';
import { applyTextEdits } from './edits';
import { proposeFix } from './propose';

function setup(text: string, o: (file: string) => GrowingOwner) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-fix-'));
  const file = path.join(dir, 'app.js');
  fs.writeFileSync(file, text);
  const ladder: LadderResult = { rungs: [], identity: 'object-id', classes: [], owners: [o(file)] };
  const [a] = attribute(ladder, [0, 5, 10], new ScriptCache());
  const proposed = proposeFix(a);
  assert.ok(proposed, 'a fix is proposed');
  const fixed = applyTextEdits(text, proposed.generatedEdits);
  parseJs(fixed, false);
  return { proposed, fixed };
}

const step = (edge: string, edgeType: string, node: string, extra: Partial<PathStep> = {}): PathStep => ({ edge, edgeType, node, nodeType: 'object', nodeId: 1, ...extra });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex(l => l.includes(needle)) + 1;

/** Runs the program text in a fresh context and returns its module.exports. */
function run(text: string): any {
  const module = { exports: {} as any };
  vm.runInNewContext(text, { module, exports: module.exports, require: (m: string) => (m === 'events' ? { EventEmitter } : undefined), setInterval: () => 0, clearInterval: () => undefined, Date, console });
  return module.exports;
}

test('lru-cap bounds a string-keyed Map and keeps it a working Map', () => {
  const text = `const cache = new Map();\nfunction put(i) {\n  cache.set('k' + i, 'v'.repeat(5000));\n}\nmodule.exports = { put, cache };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Map', ownerKind: 'map', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 1000, retainedDelta: 5_000_000, monotonic: true, entryClasses: [{ className: '(string)', count: 2000 }],
    root: { name: 'cache', kind: 'module-variable', location: { scriptName: file, scriptId: 1, line: 2, column: 13 }, pathIndex: 0 },
    retainerPath: [step('cache', 'context', 'Map')],
  }));
  assert.equal(proposed.fix.kind, 'lru-cap');
  const m = run(fixed);
  for (let i = 0; i < 5000; i++) m.put(i);
  assert.ok(m.cache.size <= 1000, `size ${m.cache.size}`);
  assert.ok(m.cache.size >= 50);
  assert.equal(m.cache.get('k4999').length, 5000);
});

test('an object-keyed Map that is never iterated becomes a WeakMap', () => {
  const text = `const info = new Map();\nfunction note(req) {\n  info.set(req, { at: req.id });\n}\nmodule.exports = { note, info };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Map', ownerKind: 'map', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 100, retainedDelta: 100_000, monotonic: true, entryClasses: [{ className: 'Request', count: 100 }],
    root: { name: 'info', kind: 'module-variable', location: { scriptName: file, scriptId: 1, line: 2, column: 14 }, pathIndex: 0 },
    retainerPath: [step('info', 'context', 'Map')],
  }));
  assert.equal(proposed.fix.kind, 'weakmap');
  const m = run(fixed);
  assert.equal(Object.prototype.toString.call(m.info), '[object WeakMap]');
  m.note({});
});

test('bound-array trims after each push', () => {
  const text = `const log = [];\nfunction add(x) {\n  log.push({ x });\n}\nmodule.exports = { add, log };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Array', ownerKind: 'array', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 1000, retainedDelta: 100_000, monotonic: true, entryClasses: [],
    root: { name: 'log', kind: 'module-variable', location: { scriptName: file, scriptId: 1, line: 2, column: 13 }, pathIndex: 0 },
    retainerPath: [step('log', 'context', 'Array')],
  }));
  assert.equal(proposed.fix.kind, 'bound-array');
  const m = run(fixed);
  for (let i = 0; i < 50_000; i++) m.add(i);
  assert.ok(m.log.length <= 10_000);
  assert.equal(m.log.at(-1).x, 49_999);
});

test('remove-listener keeps the number of listeners from the site bounded', () => {
  const text = `const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.setMaxListeners(0);\nfunction job(s) {\n  bus.on('tick', () => s.n++);\n}\nmodule.exports = { job, bus };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Array', ownerKind: 'listeners', eventName: 'tick', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 100, retainedDelta: 10_000_000, monotonic: true, entryClasses: [],
    root: { name: 'tick', kind: 'listener', location: { scriptName: file, scriptId: 1, line: lineOf(text, "bus.on('tick'"), column: 18 }, pathIndex: 1 },
    retainerPath: [step('bus', 'context', 'EventEmitter'), step('_events', 'property', 'Object'), step('tick', 'property', 'Array')],
  }));
  assert.equal(proposed.fix.kind, 'remove-listener');
  const m = run(fixed);
  for (let i = 0; i < 1000; i++) m.job({ n: 0 });
  assert.ok(m.bus.listenerCount('tick') <= 100 && m.bus.listenerCount('tick') >= 5, `${m.bus.listenerCount('tick')} listeners`);
});

test('clear-timer clears the oldest intervals created at the site', () => {
  const text = `function start(job) {\n  setInterval(() => job.n++, 1000);\n}\nmodule.exports = { start };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Timeout', ownerKind: 'timers', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 100, retainedDelta: 10_000_000, monotonic: true, entryClasses: [],
    root: { name: '', kind: 'timer', location: { scriptName: file, scriptId: 1, line: 2, column: 15 }, pathIndex: 0 },
    retainerPath: [step('timerListMap', 'context', 'Object'), step('1000', 'element', 'TimersList'), step('_idleNext', 'property', 'Timeout')],
  }));
  assert.equal(proposed.fix.kind, 'clear-timer');
  let live = 0;
  const module = { exports: {} as any };
  vm.runInNewContext(fixed, { module, setInterval: () => ({ id: ++live }), clearInterval: () => live-- });
  for (let i = 0; i < 1000; i++) module.exports.start({ n: 0 });
  assert.ok(live <= 100 && live >= 5, `${live} timers alive`);
});

test('release-reference breaks a context chain and the program still runs', () => {
  const text = `let current = null;\nfunction replace() {\n  const previous = current;\n  const unused = () => previous;\n  current = { f() { return 1; } };\n  return unused;\n}\nmodule.exports = { replace, get: () => current };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Object', ownerKind: 'object', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 10, retainedDelta: 1_000_000, monotonic: true, entryClasses: [],
    root: { name: 'current', kind: 'module-variable', location: { scriptName: file, scriptId: 1, line: 2, column: 17 }, pathIndex: 0 },
    retainerPath: [step('current', 'context', 'Object'), step('previous', 'context', 'Object'), step('previous', 'context', 'Object')],
  }));
  assert.equal(proposed.fix.kind, 'release-reference');
  assert.match(fixed, /let previous = current;/);
  assert.match(fixed, /previous = null;/);
  const m = run(fixed);
  m.replace();
  assert.equal(m.replace()(), null);
});

test('ttl: a cache whose values carry a time expires entries after the chosen window', () => {
  const text = `const sessions = new Map();\nfunction touch(id) {\n  sessions.set('s' + id, { seenAt: Date.now(), id });\n}\nmodule.exports = { touch, sessions };\n`;
  const { proposed, fixed } = setup(text, file => ({
    nodeId: 1, className: 'Map', ownerKind: 'map', sizes: [1, 2, 3], retainedSizes: [1, 2, 3], countDelta: 1000, retainedDelta: 1_000_000, monotonic: true, entryClasses: [],
    root: { name: 'sessions', kind: 'module-variable', location: { scriptName: file, scriptId: 1, line: 2, column: 15 }, pathIndex: 0 },
    retainerPath: [step('sessions', 'context', 'Map')],
  }));
  assert.equal(proposed.fix.kind, 'ttl');
  let now = 0;
  const module = { exports: {} as any };
  vm.runInNewContext(fixed, { module, Date: { now: () => now } });
  for (let i = 0; i < 1000; i++) {
    now += 100;
    module.exports.touch(i);
  }
  const windowMs = Number(/new TtlMap\((\d+)\)/.exec(fixed)![1]);
  assert.ok(module.exports.sessions.size <= windowMs / 100 + 1, `${module.exports.sessions.size} entries live with a ${windowMs} ms window`);
  assert.ok(module.exports.sessions.has('s999'));
});
