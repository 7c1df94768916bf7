import { describe, test } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- tests run in Node's test runner, not in the webview
import assert from 'node:assert/strict';
import { INITIAL_PANEL_DATA, reducePanel } from './panelModel';
import type { PanelData } from './panelModel';
import type { HostToWebviewMessage } from '../../../src/shared/webview';
import { fit, samples, stateMessage, suspect } from '../test/builders';

const fold = (msgs: HostToWebviewMessage[], from: PanelData = INITIAL_PANEL_DATA) =>
  msgs.reduce((d, message) => reducePanel(d, { kind: 'host', message }), from);

describe('panel model', () => {
  test('live samples append in time order and replays are ignored', () => {
    const s = samples(6);
    const d = fold([stateMessage({ samples: s.slice(0, 3) }, 'sampling'), { type: 'samples', samples: s.slice(2, 5) }, { type: 'samples', samples: s.slice(0, 2) }]);
    assert.deepEqual(d.report.samples.map(x => x.t), [0, 1, 2, 3, 4]);
  });

  test('snapshots are added once', () => {
    const snap = { file: '/a.heapsnapshot', t: 3, heapUsed: 9 };
    const d = fold([stateMessage(), { type: 'snapshot', snapshot: snap }, { type: 'snapshot', snapshot: snap }]);
    assert.equal(d.report.snapshots.length, 1);
  });

  test('analysis replaces suspects and keeps an earlier verdict when it carries none', () => {
    const d = fold([
      stateMessage(),
      { type: 'analysis', verdict: 'leak', trend: fit(), suspects: [suspect(1), suspect(2)] },
      { type: 'analysis', suspects: [suspect(1)] },
    ]);
    assert.equal(d.report.verdict, 'leak');
    assert.equal(d.report.suspects.length, 1);
  });

  test('a new comparison drops cached pages; the same one does not', () => {
    const a = fold([stateMessage()]);
    const b = fold([{ type: 'analysis', suspects: [], comparison: { total: 10, rungs: 3 } }], a);
    const c = fold([{ type: 'analysis', suspects: [], comparison: { total: 10, rungs: 3 } }], b);
    const d = fold([{ type: 'analysis', suspects: [], comparison: { total: 12, rungs: 3 } }], c);
    assert.ok(b.comparisonEpoch > a.comparisonEpoch);
    assert.equal(c.comparisonEpoch, b.comparisonEpoch);
    assert.ok(d.comparisonEpoch > c.comparisonEpoch);
  });

  test('errors: general ones are kept, page errors are left to the table, invalid messages explained', () => {
    const d = fold([stateMessage(), { type: 'error', message: 'page failed', requestId: 3 }]);
    assert.equal(d.error, undefined);
    const e = fold([{ type: 'error', message: 'target exited', detail: 'exit code 1' }], d);
    assert.deepEqual(e.error, { message: 'target exited', detail: 'exit code 1' });
    const f = reducePanel(reducePanel(e, { kind: 'dismissError' }), { kind: 'invalid', reason: 'message.type: unknown' });
    assert.match(f.error?.detail ?? '', /unknown/);
  });

  test('a state from another protocol version is shown, with a warning', () => {
    const d = fold([{ ...stateMessage({ samples: samples(2) }), protocol: 99 } as HostToWebviewMessage]);
    assert.equal(d.report.samples.length, 2);
    assert.match(d.error?.detail ?? '', /extension v99, panel v1/);
    assert.equal(fold([stateMessage()]).error, undefined);
  });
});
