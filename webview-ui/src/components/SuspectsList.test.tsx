import '../test/domSetup';
import { afterEach, describe, test } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- tests run in Node's test runner, not in the webview
import assert from 'node:assert/strict';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { WebviewToHostMessage } from '../../../src/shared/webview';
import { explainWebviewMessage } from '../../../src/shared/webviewValidation';
import { suspect } from '../test/builders';
import { SuspectsList } from './SuspectsList';

afterEach(cleanup);

function setup(expanded: number[] = []) {
  const posted: WebviewToHostMessage[] = [];
  const toggled: number[] = [];
  const suspects = [
    suspect(1),
    suspect(2, {
      className: 'Function',
      archetype: 'listener',
      root: { name: 'data', kind: 'listener' },
      growthSite: { location: { file: 'C:\\app\\src\\stream.ts', line: 40, column: 3 } },
      fix: { kind: 'remove-listener', title: "Remove the 'data' listener on close", edits: [] },
    }),
    suspect(3, { root: { name: 'anonymous', kind: 'other' } }),
  ];
  const view = render(
    <SuspectsList suspects={suspects} running={false} expanded={expanded} onToggle={r => toggled.push(r)} post={m => posted.push(m)} />,
  );
  return { posted, toggled, suspects, view };
}

describe('SuspectsList', () => {
  test('shows archetype, class, root and file:line for each suspect', () => {
    setup();
    const items = screen.getAllByTestId('suspect');
    assert.equal(items.length, 3);
    const first = items[0].textContent ?? '';
    for (const part of ['#1', 'Unbounded collection', 'Map', 'cache', 'module variable', 'cache.js:12', '+40.0 kB/s']) {
      assert.ok(first.includes(part), `missing ${part} in ${first}`);
    }
    assert.ok(items[1].textContent?.includes('stream.ts:40'), 'growth site used when the root has no location');
  });

  test('clicking a suspect posts openLocation with the root location', () => {
    const { posted, suspects } = setup();
    fireEvent.click(within(screen.getAllByTestId('suspect')[0]).getByRole('button', { name: /Map/ }));
    assert.deepEqual(posted, [{ type: 'openLocation', location: suspects[0].root.location }]);
    assert.equal(explainWebviewMessage(posted[0]), undefined);
  });

  test('a suspect without any location cannot be opened', () => {
    const { posted } = setup();
    const main = within(screen.getAllByTestId('suspect')[2]).getByTitle(/No source location/);
    assert.equal((main as HTMLButtonElement).disabled, true);
    fireEvent.click(main);
    assert.equal(posted.length, 0);
  });

  test('the retainer path is collapsible and copyable', () => {
    const { posted, toggled, suspects } = setup([1]);
    const first = within(screen.getAllByTestId('suspect')[0]);
    const toggle = first.getByRole('button', { name: /Hide retainer path/ });
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    const path = first.getByRole('list', { name: /Retainer path/ });
    assert.equal(path.querySelectorAll('li').length, suspects[0].retainerPath.length);
    fireEvent.click(toggle);
    assert.deepEqual(toggled, [1]);
    assert.equal(within(screen.getAllByTestId('suspect')[1]).queryByRole('list', { name: /Retainer path/ }), null, 'collapsed by default');
    fireEvent.click(first.getByRole('button', { name: 'Copy path' }));
    const copy = posted.at(-1);
    assert.ok(copy?.type === 'copyRetainerPath' && copy.rank === 1 && copy.text.includes('cache (context) Map'));
  });

  test('verify fix is offered only for suspects with a fix', () => {
    const { posted } = setup();
    const items = screen.getAllByTestId('suspect');
    assert.equal(within(items[0]).queryByRole('button', { name: 'Verify fix' }), null);
    fireEvent.click(within(items[1]).getByRole('button', { name: 'Verify fix' }));
    assert.deepEqual(posted.at(-1), { type: 'verifyFix', rank: 2 });
  });

  test('the preferred fix and each alternative can be applied from the panel', () => {
    const ttl = { kind: 'ttl' as const, title: 'Expire entries of `cache` 60 s after they are set', edits: [], explanation: 'entries expire' };
    const posted: WebviewToHostMessage[] = [];
    render(
      <SuspectsList
        suspects={[suspect(1, { fix: { kind: 'lru-cap', title: 'Cap `cache` at 500 entries', edits: [] }, alternatives: [ttl] })]}
        running={false}
        expanded={[]}
        onToggle={() => undefined}
        post={m => posted.push(m)}
      />,
    );
    const item = within(screen.getByTestId('suspect'));
    fireEvent.click(item.getByRole('button', { name: 'Apply fix' }));
    assert.deepEqual(posted.at(-1), { type: 'applyFix', rank: 1 });
    const others = item.getByRole('list', { name: /Other fixes for suspect 1/ });
    assert.match(others.textContent ?? '', /Expire entries of `cache` 60 s/);
    fireEvent.click(within(others).getByRole('button', { name: 'Apply' }));
    assert.deepEqual(posted.at(-1), { type: 'applyFix', rank: 1, alternative: 0 });
  });

  test('heap strings are rendered as text, never as markup', () => {
    const posted: WebviewToHostMessage[] = [];
    render(
      <SuspectsList
        suspects={[suspect(1, { className: '<img src=x onerror=alert(1)>', root: { name: '<b>x</b>', kind: 'global' } })]}
        running={false}
        expanded={[]}
        onToggle={() => undefined}
        post={m => posted.push(m)}
      />,
    );
    assert.equal(document.querySelector('img'), null);
    assert.ok(screen.getByTestId('suspect').textContent?.includes('<img src=x onerror=alert(1)>'));
  });
});
