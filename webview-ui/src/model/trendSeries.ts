/**
 * Chart series derived from the samples and the fit. The report carries the slope and its
 * confidence interval but not an intercept, so the line is anchored the way a Theil–Sen fit is:
 * at the median of (heapUsed − slope·t) over the post-warm-up samples.
 */
import type { MemorySample, SnapshotRef } from '../../../src/shared/report';
import type { TrendFit } from '../../../src/shared/webview';

export interface ChartPoint {
  t: number;
  heapUsed?: number;
  rss?: number;
  trend?: number;
  /** [low, high] of the slope's 95% band, pivoting at the fit's centre. */
  band?: [number, number];
  /** Heap of the baseline run (before a fix) at the same running time. */
  before?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Largest-triangle-three-buckets: keeps the shape of a long series in `threshold` points. */
export function downsample(samples: MemorySample[], threshold: number): MemorySample[] {
  if (samples.length <= threshold || threshold < 3) return samples;
  const out: MemorySample[] = [samples[0]];
  const every = (samples.length - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor(i * every) + 1;
    const end = Math.min(Math.floor((i + 1) * every) + 1, samples.length - 1);
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, samples.length);
    let avgT = 0;
    let avgY = 0;
    for (let j = end; j < nextEnd; j++) {
      avgT += samples[j].t;
      avgY += samples[j].heapUsed;
    }
    const n = Math.max(1, nextEnd - end);
    avgT /= n;
    avgY /= n;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs(
        (samples[a].t - avgT) * (samples[j].heapUsed - samples[a].heapUsed) -
          (samples[a].t - samples[j].t) * (avgY - samples[a].heapUsed),
      );
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(samples[best]);
    a = best;
  }
  out.push(samples[samples.length - 1]);
  return out;
}

export function buildChartPoints(samples: MemorySample[], fit: TrendFit | undefined, maxPoints = 1500): ChartPoint[] {
  const shown = downsample(samples, maxPoints);
  const fitted = fit ? samples.filter(s => s.t >= fit.warmupEndsAt) : [];
  if (!fit || fitted.length < 2) return shown.map(s => ({ t: s.t, heapUsed: s.heapUsed, rss: s.rss }));
  const slope = fit.slopeBytesPerSec;
  const intercept = median(fitted.map(s => s.heapUsed - slope * s.t));
  const tc = median(fitted.map(s => s.t));
  const yc = intercept + slope * tc;
  const [lo, hi] = fit.ci95;
  return shown.map(s => {
    const p: ChartPoint = { t: s.t, heapUsed: s.heapUsed, rss: s.rss };
    if (s.t >= fit.warmupEndsAt) {
      p.trend = intercept + slope * s.t;
      const a = yc + lo * (s.t - tc);
      const b = yc + hi * (s.t - tc);
      p.band = [Math.min(a, b), Math.max(a, b)];
    }
    return p;
  });
}

/** Snapshot markers, labelled in time order (S1, S2…). */
export function snapshotMarkers(snapshots: SnapshotRef[]): { t: number; label: string; file: string }[] {
  return [...snapshots].sort((a, b) => a.t - b.t).map((s, i) => ({ t: s.t, label: `S${i + 1}`, file: s.file }));
}

/** Merges a baseline run's heap (the hunt before a fix) into the points, on the shared running-time axis. */
export function withBaseline(points: ChartPoint[], baseline: MemorySample[] | undefined, maxPoints = 1500): ChartPoint[] {
  if (!baseline?.length) return points;
  const extra = downsample(baseline, maxPoints).map(s => ({ t: s.t, before: s.heapUsed }));
  const merged: ChartPoint[] = [];
  let i = 0;
  let j = 0;
  while (i < points.length || j < extra.length) {
    if (j >= extra.length || (i < points.length && points[i].t <= extra[j].t)) merged.push(points[i++]);
    else merged.push(extra[j++]);
  }
  return merged;
}
