import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposableStore, toDisposable } from './disposable';
import { CancellationTokenSource, delay } from './cancellation';
import { CancelledError } from './errors';

test('DisposableStore disposes in reverse order and disposes late additions at once', () => {
  const order: string[] = [];
  const store = new DisposableStore();
  store.add(toDisposable(() => order.push('a')));
  store.add(toDisposable(() => order.push('b')));
  store.dispose();
  assert.deepEqual(order, ['b', 'a']);
  store.add(toDisposable(() => order.push('late')));
  assert.deepEqual(order, ['b', 'a', 'late']);
  store.dispose();
  assert.equal(order.length, 3, 'a second dispose is a no-op');
});

test('a cancelled parent token cancels the child, and delay() rejects early', async () => {
  const parent = new CancellationTokenSource();
  const child = new CancellationTokenSource(parent.token);
  const started = Date.now();
  const pending = delay(10_000, child.token);
  parent.cancel();
  await assert.rejects(pending, CancelledError);
  assert.ok(Date.now() - started < 1000);
  assert.equal(child.token.isCancellationRequested, true);
});
