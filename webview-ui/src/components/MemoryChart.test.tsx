import '../test/domSetup';
import { afterEach, describe, test } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- tests run in Node's test runner, not in the webview
import assert from 'node:assert/strict';
import { cleanup, render } from '@testing-library/react';
import { MemoryChart } from './MemoryChart';
import { VerdictBadge } from './VerdictBadge';
import { buildChartPoints, downsample, withBaseline } from '../model/trendSeries';
import { fit, samples } from '../test/builders';

afterEach(cleanup);

describe('MemoryChart', () => {
  test('draws heap, RSS and trend lines, the band, warm-up and a marker per snapshot', () => {
    const s = samples(60);
    const snaps = [20, 40, 59].map(t => ({ file: `/s${t}.heapsnapshot`, t, heapUsed: s[t].heapUsed }));
    const { container } = render(<MemoryChart samples={s} snapshots={snaps} trend={fit()} running={false} />);
    const fig = container.querySelector('[data-testid="memory-chart"]');
    assert.ok(fig, 'no chart figure');
    assert.ok(fig.querySelector('svg.recharts-surface'), 'no SVG');
    const curves = fig.querySelectorAll('.recharts-line path.recharts-curve');
    assert.equal(curves.length, 3, 'heap, RSS and trend');
    assert.deepEqual([...curves].map(c => c.getAttribute('stroke')).sort(), [
      'var(--vscode-charts-blue)', 'var(--vscode-charts-purple)', 'var(--vscode-charts-red)',
    ]);
    assert.equal(fig.querySelectorAll('.recharts-area').length, 1, 'confidence band');
    assert.equal(fig.querySelectorAll('.recharts-reference-area').length, 1, 'warm-up region');
    assert.equal(fig.querySelectorAll('.recharts-reference-line').length, 3, 'snapshot markers');
    assert.match(fig.querySelector('figcaption')?.textContent ?? '', /60 samples, 3 snapshots/);
  });

  test('before the first fit: heap and RSS only, no trend, band or warm-up', () => {
    const { container } = render(<MemoryChart samples={samples(10)} snapshots={[]} running />);
    assert.equal(container.querySelectorAll('.recharts-line path.recharts-curve').length, 2);
    assert.equal(container.querySelectorAll('.recharts-area').length, 0);
    assert.equal(container.querySelectorAll('.recharts-reference-area').length, 0);
    assert.doesNotMatch(container.querySelector('.recharts-legend-wrapper')?.textContent ?? '', /Trend|band/);
  });

  test('RSS gets its own axis, and a baseline run is overlaid on the heap axis', () => {
    const before = samples(60, 50_000);
    const after = samples(40, 0);
    const { container } = render(
      <MemoryChart samples={after} snapshots={[]} running={false} baseline={{ samples: before, name: 'Heap before the fix' }} />,
    );
    assert.equal(container.querySelectorAll('.recharts-yAxis').length, 2, 'heap axis and RSS axis');
    const strokes = [...container.querySelectorAll('.recharts-line path.recharts-curve')].map(c => c.getAttribute('stroke'));
    assert.ok(strokes.includes('var(--vscode-charts-orange)'), `no baseline curve among ${strokes.join(', ')}`);
    assert.match(container.querySelector('.recharts-legend-wrapper')?.textContent ?? '', /Heap before the fix/);
  });

  test('says what it is waiting for when there are no samples', () => {
    const { container, rerender } = render(<MemoryChart samples={[]} snapshots={[]} running />);
    assert.equal(container.querySelector('svg'), null);
    assert.match(container.textContent ?? '', /Waiting for the first post-GC sample/);
    rerender(<MemoryChart samples={[]} snapshots={[]} running={false} />);
    assert.match(container.textContent ?? '', /No memory samples yet/);
  });
});

describe('trend series', () => {
  test('the trend follows the slope through the post-warm-up samples, and the band brackets it', () => {
    const s = samples(40, 10_000);
    const pts = buildChartPoints(s, fit({ slopeBytesPerSec: 10_000, ci95: [8_000, 12_000], warmupEndsAt: 10 }));
    assert.equal(pts.filter(p => p.trend !== undefined).length, 30, 'no trend inside warm-up');
    const a = pts[15];
    const b = pts[35];
    assert.ok(Math.abs((b.trend! - a.trend!) / 20 - 10_000) < 1e-6, 'slope of the drawn line');
    assert.ok(Math.abs(a.trend! - a.heapUsed!) < 2000, 'line passes through the data');
    for (const p of pts.filter(p => p.band)) assert.ok(p.band![0] <= p.trend! + 1e-6 && p.trend! <= p.band![1] + 1e-6);
  });

  test('downsampling keeps the end points and the point budget', () => {
    const s = samples(10_000);
    const d = downsample(s, 500);
    assert.equal(d.length, 500);
    assert.equal(d[0], s[0]);
    assert.equal(d.at(-1), s.at(-1));
  });
});

describe('VerdictBadge', () => {
  test('names the verdict with slope ± half-interval in readable units', () => {
    const { container } = render(<VerdictBadge verdict="leak" trend={fit({ slopeBytesPerSec: 1_250_000, ci95: [1_000_000, 1_500_000] })} running={false} />);
    const text = container.textContent ?? '';
    assert.match(text, /^Leak/);
    assert.match(text, /\+1\.3 MB\/s ± 250 kB\/s/);
    assert.match(text, /95% CI \+1\.0 MB\/s … \+1\.5 MB\/s/);
  });

  test('inconclusive says how much more sampling it needs; no verdict while measuring', () => {
    const { container, rerender } = render(
      <VerdictBadge verdict="inconclusive" trend={fit({ slopeBytesPerSec: 200, ci95: [-300, 700], needMoreSeconds: 120 })} running={false} />,
    );
    assert.match(container.textContent ?? '', /Inconclusive.*needs about 2 min more sampling/);
    rerender(<VerdictBadge running />);
    assert.match(container.textContent ?? '', /Measuring…/);
  });

  test('a baseline merges into the points in time order without touching the run itself', () => {
    const run = buildChartPoints(samples(5), undefined);
    const merged = withBaseline(run, samples(8, 1000).map(x => ({ ...x, t: x.t + 0.25 })));
    assert.equal(merged.length, 13);
    for (let i = 1; i < merged.length; i++) assert.ok(merged[i].t >= merged[i - 1].t);
    assert.equal(merged.filter(p => p.heapUsed !== undefined).length, 5);
    assert.equal(merged.filter(p => p.before !== undefined).length, 8);
    assert.equal(withBaseline(run, undefined), run);
  });
});
