import './test/domSetup';
import { afterEach, describe, test } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- tests run in Node's test runner, not in the webview
import assert from 'node:assert/strict';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { getHostApi } from './host/vscodeApi';
import { createFakeHost } from './test/fakeHost';
import { fit, samples, stateMessage, suspect } from './test/builders';
import type { HostToWebviewMessage } from '../../src/shared/webview';

afterEach(cleanup);

/** A host that answers `ready` at once, inside the post call: the fastest host possible. */
function eagerHost(state: HostToWebviewMessage, saved?: unknown) {
  const host = createFakeHost(saved);
  host.onPost = m => {
    if (m.type === 'ready') window.dispatchEvent(new MessageEvent('message', { data: state }));
  };
  return host;
}

const leakState = stateMessage({
  samples: samples(30),
  trend: fit(),
  verdict: 'leak',
  snapshots: [{ file: '/s1.heapsnapshot', t: 20, heapUsed: 1 }],
  suspects: [suspect(1), suspect(2)],
  comparison: { total: 500, rungs: 3 },
});

describe('App', () => {
  test('registers its listener before posting ready, so an immediate answer is not lost', () => {
    const host = eagerHost(leakState);
    render(<App channel={host.channel} />);
    assert.equal(host.of('ready').length, 1);
    assert.match(screen.getByTestId('verdict').textContent ?? '', /^Leak/);
    assert.equal(screen.getAllByTestId('suspect').length, 2);
  });

  test('restores tab, sort and filter from saved state and asks for that page again', () => {
    const saved = { v: 1, tab: 'comparison', sort: { key: 'countDelta', direction: 'asc' }, filter: 'Map', scrollTop: 0, expanded: [] };
    const host = eagerHost(leakState, saved);
    render(<App channel={host.channel} />);
    assert.equal(screen.getByRole('tab', { selected: true }).textContent, 'Comparison (500)');
    assert.equal((screen.getByRole('searchbox') as HTMLInputElement).value, 'Map');
    const req = host.of('requestComparisonPage').at(-1);
    assert.deepEqual([req?.sort, req?.filter, req?.offset], [{ key: 'countDelta', direction: 'asc' }, 'Map', 0]);
  });

  test('ignores a saved state of the wrong shape', () => {
    const host = eagerHost(leakState, { tab: 'settings', sort: { key: '__proto__' }, filter: 7 });
    render(<App channel={host.channel} />);
    assert.equal(screen.getByRole('tab', { selected: true }).textContent, 'Suspects (2)');
  });

  test('tabs switch with the arrow keys and the choice is saved', () => {
    const host = eagerHost(leakState);
    render(<App channel={host.channel} />);
    fireEvent.keyDown(screen.getByRole('tab', { selected: true }), { key: 'ArrowRight' });
    assert.equal(screen.getByRole('tab', { selected: true }).textContent, 'Comparison (500)');
    assert.equal((host.state as { tab: string }).tab, 'comparison');
  });

  test('empty state offers to start a hunt', () => {
    const host = eagerHost(stateMessage({}, 'idle'));
    render(<App channel={host.channel} />);
    assert.ok(screen.getByText('No hunt yet'));
    fireEvent.click(screen.getByRole('button', { name: 'Hunt Leak' }));
    assert.equal(host.of('startHunt').length, 1);
  });

  test('while a hunt runs: status, "measuring", no restart button, live samples', () => {
    const host = eagerHost(stateMessage({ samples: samples(5) }, 'sampling'));
    render(<App channel={host.channel} />);
    assert.match(screen.getByRole('status').textContent ?? '', /Sampling memory after GC/);
    assert.match(screen.getByTestId('verdict').textContent ?? '', /Measuring/);
    assert.equal(screen.queryByRole('button', { name: /Hunt/ }), null);
    host.send({ type: 'samples', samples: samples(8).slice(5) });
    assert.match(document.querySelector('figcaption')?.textContent ?? '', /8 samples/);
  });

  test('a verified fix shows the post-fix verdict, slopes and its own chart', () => {
    const verify = {
      verdict: 'no-leak' as const,
      before: { slopeBytesPerSec: 50_000, ci95: [45_000, 55_000] as [number, number] },
      after: { slopeBytesPerSec: 120, ci95: [-900, 1100] as [number, number] },
      samples: samples(20, 100),
      fixKind: 'lru-cap' as const,
    };
    const host = eagerHost({ ...leakState, report: { ...(leakState as { report: object }).report, verify } } as HostToWebviewMessage);
    render(<App channel={host.channel} />);
    const section = screen.getByRole('region', { name: 'Fix verification' });
    assert.match(section.textContent ?? '', /After the fix \(LRU cap\)No leak/);
    assert.match(section.textContent ?? '', /before the fix \+50\.0 kB\/s, after \+120 B\/s/);
    assert.equal(screen.getAllByTestId('memory-chart').length, 2);
  });

  test('a malformed host message is reported, and the panel keeps working', () => {
    const host = eagerHost(leakState);
    render(<App channel={host.channel} />);
    host.send({ type: 'analysis', suspects: [{ rank: 0 }] });
    assert.match(screen.getByRole('alert').textContent ?? '', /does not understand.*suspects\[0\]\.rank/);
    assert.equal(screen.getAllByTestId('suspect').length, 2);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    assert.equal(screen.queryByRole('alert'), null);
  });
});

describe('ErrorBoundary', () => {
  test('shows the error instead of a blank panel, and can try again', () => {
    let fail = true;
    function Flaky() {
      if (fail) throw new Error('cannot read the chart');
      return <p>chart ok</p>;
    }
    const original = console.error;
    console.error = () => undefined; // React logs the caught error; expected here
    try {
      render(
        <ErrorBoundary>
          <Flaky />
        </ErrorBoundary>,
      );
      assert.match(screen.getByRole('alert').textContent ?? '', /cannot read the chart/);
      fail = false;
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
      assert.ok(screen.getByText('chart ok'));
    } finally {
      console.error = original;
    }
  });
});

describe('VS Code API wrapper', () => {
  test('acquires the API once however often it is asked for', () => {
    let calls = 0;
    const sent: unknown[] = [];
    (globalThis as Record<string, unknown>).acquireVsCodeApi = () => {
      calls++;
      return { postMessage: (m: unknown) => sent.push(m), getState: () => undefined, setState: () => undefined };
    };
    try {
      const a = getHostApi();
      const b = getHostApi();
      assert.equal(a, b);
      assert.equal(calls, 1);
      a.post({ type: 'startHunt' });
      assert.deepEqual(sent, [{ type: 'startHunt' }]);
    } finally {
      delete (globalThis as Record<string, unknown>).acquireVsCodeApi;
    }
  });
});
