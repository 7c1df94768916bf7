import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLocalAnalyzer, loadSnapshot } from '../index';
import type { GrowingOwner, LadderResult } from '../model';
import { globalObject } from '../analysis/retainingRoot';

const dir = path.resolve(__dirname, '../../../../test/fixtures/snapshots');
const rungs = [1, 2, 3].map(i => path.join(dir, `leaky-rung-${i}.heapsnapshot.gz`));

function owner(r: LadderResult, pred: (o: GrowingOwner) => boolean): GrowingOwner {
  const o = r.owners.find(pred);
  assert.ok(o, `owner not found among ${r.owners.map(x => `${x.className}/${x.ownerKind}/${x.root?.name}`).join(', ')}`);
  return o;
}

describe('ladder diff on the leaky fixture app (3 rungs, 200 records per round)', () => {
  let result: LadderResult;
  before(async () => {
    result = await createLocalAnalyzer().analyzeLadder(rungs);
  });

  it('matches objects by heap id when ids survived', () => {
    assert.equal(result.identity, 'object-id');
    assert.equal(result.rungs.length, 3);
    assert.ok(result.rungs.every(r => r.nodeCount > 0 && r.edgeCount > r.nodeCount && r.totalSize > 0));
  });

  it('sees LeakyRecord grow by 200 per rung, all new ones counted', () => {
    const c = result.classes.find(x => x.className === 'LeakyRecord');
    assert.ok(c);
    assert.deepEqual(c.counts, [200, 400, 600]);
    assert.equal(c.newCount, 400);
    assert.equal(c.monotonic, true);
  });

  it('finds the module-level Map with its entry counts and declaration site', () => {
    const o = owner(result, x => x.ownerKind === 'map');
    assert.deepEqual(o.sizes, [200, 400, 600]);
    assert.equal(o.monotonic, true);
    assert.equal(o.root?.kind, 'module-variable');
    assert.equal(o.root?.name, 'leakyCache');
    assert.match(o.root?.location?.scriptName ?? '', /leaky-app\.js$/);
    assert.deepEqual(o.entryClasses[0], { className: 'LeakyRecord', count: 400 });
    assert.equal(o.retainerPath.at(-1)?.node, 'Map');
  });

  it('finds the class field, the closure variable, the listeners and the timers', () => {
    const field = owner(result, x => x.root?.kind === 'class-field');
    assert.equal(field.root?.name, 'sessions');
    assert.equal(field.root?.holderClass, 'SessionStore');
    assert.deepEqual(field.sizes, [200, 400, 600]);
    const closure = owner(result, x => x.root?.kind === 'closure-variable');
    assert.equal(closure.root?.name, 'collected');
    const listeners = owner(result, x => x.ownerKind === 'listeners');
    assert.equal(listeners.eventName, 'data');
    assert.deepEqual(listeners.sizes, [10, 20, 30]);
    assert.equal(listeners.root?.kind, 'listener');
    // `bus.on('data', function onData(msg) {` — the listener function's line in the fixture app.
    assert.equal(listeners.root?.location?.line, 46);
    const timers = owner(result, x => x.ownerKind === 'timers');
    assert.deepEqual(timers.sizes, [5, 10, 15]);
    assert.equal(timers.root?.kind, 'timer');
    assert.equal(timers.root?.name, 'tick');
  });

  it('falls back to path identity when the canary lost its id', async () => {
    const first = await loadSnapshot(rungs[0]);
    const g = first.graph;
    const canary = g.child(globalObject(first), g.t.edgeProperty, '__leakHunterCanary');
    assert.ok(canary >= 0);
    const id = g.id(canary);
    const same = await createLocalAnalyzer().analyzeLadder(rungs.slice(0, 2), { canaryIds: [id, id] });
    assert.equal(same.identity, 'object-id');
    const reset = await createLocalAnalyzer().analyzeLadder(rungs.slice(0, 2), { canaryIds: [id, id + 2] });
    assert.equal(reset.identity, 'path');
    const map = owner(reset, x => x.ownerKind === 'map' && x.root?.name === 'leakyCache');
    assert.deepEqual(map.sizes, [200, 400]);
  });
});
