import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MemorySample, SnapshotRef } from '../../../src/shared/report';
import type { TrendFit } from '../../../src/shared/webview';
import { formatBytes, formatSeconds } from '../../../src/shared/format';
import { buildChartPoints, snapshotMarkers, withBaseline } from '../model/trendSeries';
import { useElementSize } from './useElementSize';

interface Props {
  samples: MemorySample[];
  snapshots: SnapshotRef[];
  trend?: TrendFit;
  running: boolean;
  height?: number;
  label?: string;
  /** A run to compare with (the hunt before a fix), drawn as a second heap curve. */
  baseline?: { samples: MemorySample[]; name: string };
}

// Theme colours only, so light, dark and high-contrast themes all read correctly.
const C = {
  heap: 'var(--vscode-charts-blue)',
  before: 'var(--vscode-charts-orange)',
  rss: 'var(--vscode-charts-purple)',
  trend: 'var(--vscode-charts-red)',
  band: 'var(--vscode-charts-red)',
  warmup: 'var(--vscode-charts-yellow)',
  snapshot: 'var(--vscode-charts-foreground)',
  grid: 'var(--vscode-charts-lines)',
  axis: 'var(--vscode-charts-foreground)',
};

const DEFAULT_HEIGHT = 280;

/** Post-GC memory over time: heap and RSS, warm-up, snapshots, and the fitted trend with its band. */
export function MemoryChart({ samples, snapshots, trend, running, height = DEFAULT_HEIGHT, label = 'Memory over time', baseline }: Props) {
  const [ref, size] = useElementSize<HTMLDivElement>({ width: 640, height });
  const points = useMemo(() => withBaseline(buildChartPoints(samples, trend), baseline?.samples), [samples, trend, baseline]);
  const markers = useMemo(() => snapshotMarkers(snapshots), [snapshots]);

  if (samples.length === 0) {
    return (
      <div className="lh-chart lh-chart-empty" ref={ref}>
        <p className="lh-muted">{running ? 'Waiting for the first post-GC sample…' : 'No memory samples yet.'}</p>
      </div>
    );
  }

  const first = samples[0];
  const last = samples[samples.length - 1];
  const summary =
    `Post-GC heap used went from ${formatBytes(first.heapUsed)} to ${formatBytes(last.heapUsed)} ` +
    `over ${formatSeconds(last.t - first.t)} (${samples.length} samples, ${snapshots.length} snapshots).`;
  const warmupEnd = trend && trend.warmupEndsAt > first.t ? Math.min(trend.warmupEndsAt, last.t) : undefined;
  const tick = { fill: C.axis, fontSize: 11 };
  // Before the first fit there is no trend: leave it out of the legend rather than list empty series.
  const fitted = points.some(p => p.trend !== undefined);

  return (
    <figure className="lh-chart" ref={ref} aria-label={label} data-testid="memory-chart">
      <ComposedChart
        width={size.width}
        height={height}
        data={points}
        margin={{ top: 18, right: 8, bottom: 4, left: 8 }}
        accessibilityLayer
      >
        <CartesianGrid stroke={C.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(t: number) => formatSeconds(t)}
          tick={tick}
          stroke={C.axis}
        />
        {/* RSS is often ten times the post-GC heap: on one axis the heap's growth would be a flat line. */}
        <YAxis yAxisId="heap" tickFormatter={(b: number) => formatBytes(b, 0)} tick={{ ...tick, fill: C.heap }} stroke={C.heap} width={64} domain={['auto', 'auto']} />
        <YAxis yAxisId="rss" orientation="right" tickFormatter={(b: number) => formatBytes(b, 0)} tick={{ ...tick, fill: C.rss }} stroke={C.rss} width={64} domain={['auto', 'auto']} />
        {warmupEnd !== undefined && (
          <ReferenceArea
            yAxisId="heap"
            x1={first.t}
            x2={warmupEnd}
            fill={C.warmup}
            fillOpacity={0.12}
            stroke="none"
            ifOverflow="hidden"
            label={{ value: 'warm-up', position: 'insideTopLeft', fill: C.axis, fontSize: 11 }}
          />
        )}
        {fitted && (
          <Area
            yAxisId="heap"
            dataKey="band"
            name="95% band"
            stroke="none"
            fill={C.band}
            fillOpacity={0.15}
            isAnimationActive={false}
            connectNulls
            legendType="square"
          />
        )}
        <Line yAxisId="rss" dataKey="rss" name="RSS (right axis)" connectNulls stroke={C.rss} dot={false} strokeWidth={1.5} isAnimationActive={false} />
        {baseline && (
          <Line
            yAxisId="heap"
            dataKey="before"
            name={baseline.name}
            stroke={C.before}
            strokeDasharray="4 2"
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls
          />
        )}
        <Line yAxisId="heap" dataKey="heapUsed" connectNulls name="Heap used (post-GC)" stroke={C.heap} dot={false} strokeWidth={2} isAnimationActive={false} />
        {fitted && (
          <Line
            yAxisId="heap"
            dataKey="trend"
            name="Trend"
            stroke={C.trend}
            strokeDasharray="6 4"
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls
          />
        )}
        {markers.map(m => (
          <ReferenceLine
            yAxisId="heap"
            key={`${m.label}-${m.t}`}
            x={m.t}
            stroke={C.snapshot}
            strokeDasharray="2 3"
            label={{ value: m.label, position: 'top', fill: C.axis, fontSize: 11 }}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t: unknown) => `t = ${formatSeconds(Number(t))}`}
          formatter={(v: unknown) => (Array.isArray(v) ? v.map(x => formatBytes(Number(x))).join(' … ') : formatBytes(Number(v)))}
          contentStyle={{
            background: 'var(--vscode-editorHoverWidget-background)',
            border: '1px solid var(--vscode-editorHoverWidget-border)',
            color: 'var(--vscode-editorHoverWidget-foreground)',
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: 'var(--vscode-foreground)' }} />
      </ComposedChart>
      <figcaption className="lh-sr-only">{summary}</figcaption>
    </figure>
  );
}
