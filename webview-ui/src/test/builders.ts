/** Small builders for component tests: valid contract values with only what a test cares about. */
import type { MemorySample, Suspect } from '../../../src/shared/report';
import type { ComparisonRow, HostToWebviewMessage, ReportSoFar, TrendFit } from '../../../src/shared/webview';
import { WEBVIEW_PROTOCOL_VERSION } from '../../../src/shared/webview';

export function samples(n: number, slope = 50_000, start = 20e6): MemorySample[] {
  return Array.from({ length: n }, (_, i) => ({ t: i, heapUsed: start + slope * i + (i % 3) * 1000, rss: start + 40e6 + slope * i }));
}

export const fit = (over: Partial<TrendFit> = {}): TrendFit => ({
  slopeBytesPerSec: 50_000,
  ci95: [45_000, 55_000],
  warmupEndsAt: 5,
  reason: 'steady growth after warm-up',
  ...over,
});

export function suspect(rank: number, over: Partial<Suspect> = {}): Suspect {
  return {
    rank,
    className: 'Map',
    archetype: 'unbounded-collection',
    countDelta: 1000,
    retainedDelta: 2_000_000,
    growthBytesPerSec: 40_000,
    retainerPath: [
      { edge: '(GC roots)', edgeType: 'internal', node: '(Global handles)', nodeType: 'synthetic' },
      { edge: 'cache', edgeType: 'context', node: 'Map', nodeType: 'object' },
    ],
    root: { name: 'cache', kind: 'module-variable', location: { file: '/app/src/cache.js', line: 12, column: 7 } },
    ...over,
  };
}

export function row(i: number): ComparisonRow {
  const counts = [i, i * 2, i * 3];
  return {
    className: `Class${String(i).padStart(6, '0')}`,
    counts,
    shallowSizes: counts.map(c => c * 32),
    retainedSizes: counts.map(c => c * 64),
    newCount: i * 2,
    monotonic: i % 2 === 0,
    countDelta: i * 2,
    shallowDelta: i * 64,
    retainedDelta: i * 128,
  };
}

export function stateMessage(report: Partial<ReportSoFar> = {}, phase: 'done' | 'sampling' | 'idle' = 'done'): HostToWebviewMessage {
  return {
    type: 'state',
    protocol: WEBVIEW_PROTOCOL_VERSION,
    status: { phase },
    report: { samples: [], snapshots: [], suspects: [], ...report },
  };
}
