import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parseJs } from '../leak/script';
import { applyTextEdits } from './edits';
import { compileTs, propose, tempProject, typeErrors, type OwnerSpec } from './fixTestSupport';

const listenerOwner = (event: string, rootLine: string, emitter = 'bus'): OwnerSpec => ({
  name: event, ownerKind: 'listeners', className: 'Array', eventName: event, rootKind: 'listener', rootLine,
  path: [[emitter, 'context', 'EventEmitter'], ['_events', 'property', 'Object'], [event, 'property', 'Array']], countDelta: 100, retainedDelta: 10_000_000,
});
const timerOwner = (rootLine: string): OwnerSpec => ({ name: '', ownerKind: 'timers', className: 'Timeout', rootKind: 'timer', rootLine, path: [['timerListMap', 'context', 'Object']], countDelta: 100, retainedDelta: 10_000_000 });

function setup(name: string, text: string) {
  const dir = tempProject({ [name]: text });
  return path.join(dir, name);
}

function run(text: string, globals: Record<string, unknown> = {}): any {
  const module = { exports: {} as any };
  vm.runInNewContext(text, { module, exports: module.exports, require: (m: string) => (m === 'events' ? { EventEmitter } : undefined), AbortController, EventTarget, Event, ...globals });
  return module.exports;
}

test('a cache offers the LRU cap preferred and TTL as an alternative', () => {
  const text = `const cache = new Map();\nfunction put(i) {\n  cache.set('k' + i, i);\n}\nmodule.exports = { put, cache };\n`;
  const p = propose(setup('app.js', text), { name: 'cache', ownerKind: 'map', className: 'Map', rootLine: 'const cache', path: [['cache', 'context', 'Map']] });
  assert.equal(p.fix.kind, 'lru-cap');
  assert.deepEqual(p.alternatives.map(f => f.kind), ['ttl']);
  const m = run(applyTextEdits(text, p.alternatives[0].edits));
  m.put(1);
  assert.equal(m.cache.get('k1'), 1);
});

test('listeners in a class with close(): keep-recent stays preferred, removal in close() is offered and works', () => {
  const text = `const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.setMaxListeners(0);\n\nclass Job {\n  start(s) {\n    bus.on('tick', () => s.n++);\n  }\n\n  close() {\n    this.closed = true;\n  }\n}\nmodule.exports = { Job, bus };\n`;
  const p = propose(setup('app.js', text), listenerOwner('tick', "bus.on('tick'"));
  assert.equal(p.fix.kind, 'remove-listener');
  assert.match(p.fix.title, /keep at most/);
  const atClose = p.alternatives.find(f => /in `close\(\)`/.test(f.title));
  assert.ok(atClose, `alternatives: ${p.alternatives.map(f => f.title).join(' | ')}`);
  assert.ok(!p.alternatives.some(f => /once/.test(f.title)), "'tick' repeats: no once");
  const fixed = applyTextEdits(text, atClose.edits);
  parseJs(fixed, false);
  assert.match(fixed, /^class Job \{\n {2}disposers = \[\]; \/\/ leak-hunter: undone in close\(\)\n/m);
  assert.match(fixed, /^ {2}close\(\) \{\n {4}for \(const undo of this\.disposers\.splice\(0\)\) undo\(\);\n {4}this\.closed = true;/m);
  const m = run(fixed);
  const jobs = Array.from({ length: 50 }, () => new m.Job());
  for (const j of jobs) j.start({ n: 0 });
  assert.equal(m.bus.listenerCount('tick'), 50);
  for (const j of jobs) j.close();
  assert.equal(m.bus.listenerCount('tick'), 0);
});

test("a 'close' event in the registering function removes the listener; a one-shot event offers once", () => {
  const text = `const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.setMaxListeners(0);\nfunction serve(conn) {\n  bus.on('end', () => conn.done++);\n  conn.on('close', () => {\n    conn.closed = true;\n  });\n}\nmodule.exports = { serve, bus };\n`;
  const p = propose(setup('app.js', text), listenerOwner('end', "bus.on('end'"));
  const titles = p.alternatives.map(f => f.title);
  const onClose = p.alternatives.find(f => /'close' event of `conn`/.test(f.title));
  const once = p.alternatives.find(f => /once/.test(f.title));
  assert.ok(onClose && once, titles.join(' | '));
  let m = run(applyTextEdits(text, onClose.edits));
  const conns = Array.from({ length: 20 }, () => Object.assign(new EventEmitter(), { done: 0 }));
  for (const c of conns) m.serve(c);
  assert.equal(m.bus.listenerCount('end'), 20);
  for (const c of conns) c.emit('close');
  assert.equal(m.bus.listenerCount('end'), 0);
  const withOnce = applyTextEdits(text, once.edits);
  assert.match(withOnce, /bus\.once\('end'/);
  m = run(withOnce);
  for (const c of conns) m.serve(c);
  m.bus.emit('end');
  assert.equal(m.bus.listenerCount('end'), 0);
});

test('EventTarget listeners get an AbortSignal variant that keeps the registrations bounded', () => {
  const text = `const target = new EventTarget();\nfunction watch(s) {\n  target.addEventListener('ping', () => s.n++);\n}\nmodule.exports = { watch, target };\n`;
  const p = propose(setup('app.js', text), listenerOwner('ping', "target.addEventListener('ping'", 'target'));
  const abort = p.alternatives.find(f => /AbortSignal/.test(f.title));
  assert.ok(abort, p.alternatives.map(f => f.title).join(' | '));
  const fixed = applyTextEdits(text, abort.edits);
  assert.match(fixed, /addEventListener\('ping', \(\) => s\.n\+\+, \{ signal: recentSignal\(recentPingSignals, \d+\) \}\)/);
  const m = run(fixed);
  const counters = Array.from({ length: 500 }, () => ({ n: 0 }));
  for (const c of counters) m.watch(c);
  m.target.dispatchEvent(new Event('ping'));
  const called = counters.filter(c => c.n > 0).length;
  assert.ok(called >= 5 && called <= 100, `${called} listeners still registered`);
});

test('timers: clearInterval in a module-level stop() is offered and clears every timer started', () => {
  const text = `function start(job) {\n  setInterval(() => job.n++, 1000);\n}\n\nfunction stop() {\n  console.log('stopping');\n}\nmodule.exports = { start, stop };\n`;
  const p = propose(setup('app.js', text), timerOwner('setInterval('));
  assert.equal(p.fix.kind, 'clear-timer');
  const alt = p.alternatives.find(f => /in `stop\(\)`/.test(f.title));
  assert.ok(alt);
  const fixed = applyTextEdits(text, alt.edits);
  assert.match(fixed, /^function stop\(\) \{\n {2}for \(const undo of disposers\.splice\(0\)\) undo\(\);\n/m);
  let live = 0;
  const m = run(fixed, { setInterval: () => ({ id: ++live }), clearInterval: () => live--, console: { log: () => undefined } });
  for (let i = 0; i < 30; i++) m.start({ n: 0 });
  assert.equal(live, 30);
  m.stop();
  assert.equal(live, 0);
});

test("timers: a process 'SIGTERM' handler is a shutdown where clearInterval goes", () => {
  const text = `function poll(job) {\n  setInterval(() => job.n++, 1000);\n}\nprocess.on('SIGTERM', () => {\n  process.exitCode = 0;\n});\nmodule.exports = { poll };\n`;
  const p = propose(setup('app.js', text), timerOwner('setInterval('));
  const alt = p.alternatives.find(f => /SIGTERM/.test(f.title));
  assert.ok(alt, p.alternatives.map(f => f.title).join(' | '));
  const fixed = applyTextEdits(text, alt.edits);
  assert.match(fixed, /^process\.on\('SIGTERM', \(\) => \{\n {2}for \(const undo of disposers\.splice\(0\)\) undo\(\);\n/m);
  let live = 0;
  const proc = new EventEmitter();
  const m = run(fixed, { process: proc, setInterval: () => ({ id: ++live }), clearInterval: () => live-- });
  for (let i = 0; i < 10; i++) m.poll({ n: 0 });
  proc.emit('SIGTERM');
  assert.equal(live, 0);
});

test('TypeScript: teardown alternatives for a listener and a timer pass tsc --strict', () => {
  const source = `import { EventEmitter } from 'node:events';\n\nconst feed = new EventEmitter();\n\nexport class Watcher {\n  private count = 0;\n\n  watch(id: number): void {\n    feed.on('price', (p: number) => {\n      this.count += p + id;\n    });\n    setInterval(() => this.count++, 1000);\n  }\n\n  dispose(): void {\n    this.count = 0;\n  }\n}\n`;
  const dir = tempProject();
  const { jsFile } = compileTs(dir, source);
  const outputs: string[] = [];
  for (const [owner, pattern] of [[listenerOwner('price', "feed.on('price'", 'feed'), /in `dispose\(\)`/], [timerOwner('setInterval('), /in `dispose\(\)`/]] as const) {
    const p = propose(jsFile, owner, dir);
    const alt = p.alternatives.find(f => pattern.test(f.title));
    assert.ok(alt, p.alternatives.map(f => f.title).join(' | '));
    const fixed = applyTextEdits(source, alt.edits);
    assert.match(fixed, /^export class Watcher \{\n {2}private readonly disposers: Array<\(\) => void> = \[\];/m);
    assert.match(fixed, /^ {2}dispose\(\): void \{\n {4}for \(const undo of this\.disposers\.splice\(0\)\) undo\(\);/m);
    const out = path.join(dir, 'src', `fixed-${owner.ownerKind}.ts`);
    fs.writeFileSync(out, fixed);
    outputs.push(out);
  }
  assert.deepEqual(typeErrors(outputs), []);
});
