// Realistic panel input built to the Report contract (src/shared/report.ts): a leaking HTTP
// service sampled after each forced GC, three snapshots, a few suspects and a ladder comparison
// of a few thousand classes. The slope and its interval are computed from the samples (Theil–Sen
// with Sen's rank-based interval), not written in, so the chart and the badge stay consistent.
// When real hunt reports exist under test/fixtures/reports/*.json, the harness prefers them.

/** Deterministic PRNG so screenshots are stable between runs. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Theil–Sen slope with the rank-based 95% interval for the slope (Sen 1968). */
export function theilSen(points) {
  const slopes = [];
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++)
      if (points[j].t !== points[i].t) slopes.push((points[j].y - points[i].y) / (points[j].t - points[i].t));
  slopes.sort((a, b) => a - b);
  const N = slopes.length;
  const n = points.length;
  const median = N % 2 ? slopes[N >> 1] : (slopes[N / 2 - 1] + slopes[N / 2]) / 2;
  const c = 1.96 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lo = slopes[Math.max(0, Math.floor((N - c) / 2))];
  const hi = slopes[Math.min(N - 1, Math.ceil((N + c) / 2))];
  return { slope: median, ci95: [lo, hi] };
}

const CWD = '/home/dev/shop-api';

export function buildLeakReport() {
  const rand = rng(42);
  const noise = amp => (rand() - 0.5) * 2 * amp;
  const leakRate = 96_000; // bytes per second the cache grows by
  const warmupEndsAt = 24;
  const samples = [];
  for (let t = 0; t <= 180; t += 1.5) {
    const warm = 14e6 * (1 - Math.exp(-t / 6));
    const heapUsed = Math.round(21e6 + warm + leakRate * t + noise(350_000));
    const rss = Math.round(heapUsed + 52e6 + 6e6 * (1 - Math.exp(-t / 10)) + noise(900_000));
    samples.push({ t, heapUsed, rss });
  }
  const fit = theilSen(samples.filter(s => s.t >= warmupEndsAt).map(s => ({ t: s.t, y: s.heapUsed })));
  const snapshotTimes = [120, 150, 180];
  const snapshots = snapshotTimes.map((t, i) => ({
    file: `${CWD}/.leak-hunter/2026-11-23T23-10-00/rung-${i + 1}.heapsnapshot`,
    t,
    heapUsed: samples.find(s => s.t === t).heapUsed,
  }));

  const loc = (file, line, column) => ({ file: `${CWD}/${file}`, line, column });
  const suspects = [
    {
      rank: 1,
      className: 'Map',
      archetype: 'unbounded-collection',
      countDelta: 5580,
      retainedDelta: 5_640_000,
      growthBytesPerSec: 94_000,
      collectionSizes: [11_520, 14_310, 17_100],
      retainedSizes: [11_650_000, 14_470_000, 17_290_000],
      retainerPath: [
        { edge: '(GC roots)', edgeType: 'internal', node: '(Global handles)', nodeType: 'synthetic' },
        { edge: 'require.cache', edgeType: 'property', node: 'Object', nodeType: 'object' },
        { edge: `${CWD}/src/session.js`, edgeType: 'property', node: 'Module', nodeType: 'object' },
        { edge: 'exports', edgeType: 'property', node: 'Object', nodeType: 'object' },
        { edge: 'getSession', edgeType: 'property', node: 'getSession()', nodeType: 'closure' },
        { edge: 'context', edgeType: 'internal', node: 'system / Context', nodeType: 'hidden' },
        { edge: 'sessionCache', edgeType: 'context', node: 'Map', nodeType: 'object' },
      ],
      root: { name: 'sessionCache', kind: 'module-variable', location: loc('src/session.js', 12, 7) },
      growthSite: { location: loc('src/session.js', 41, 5) },
      fix: {
        kind: 'lru-cap',
        title: 'Cap sessionCache at 10,000 entries (evict least recently used)',
        explanation: 'Entries are added per request and never deleted; a cap bounds the Map.',
        edits: [{ file: `${CWD}/src/session.js`, startLine: 12, startColumn: 1, endLine: 12, endColumn: 33, newText: 'const sessionCache = new LruMap(10_000);' }],
      },
    },
    {
      rank: 2,
      className: 'Function',
      archetype: 'listener',
      countDelta: 1860,
      retainedDelta: 1_190_000,
      growthBytesPerSec: 19_800,
      collectionSizes: [3_840, 4_770, 5_700],
      retainerPath: [
        { edge: '(GC roots)', edgeType: 'internal', node: '(Global handles)', nodeType: 'synthetic' },
        { edge: 'bus', edgeType: 'context', node: 'EventEmitter', nodeType: 'object' },
        { edge: '_events', edgeType: 'property', node: 'Object', nodeType: 'object' },
        { edge: 'price-change', edgeType: 'property', node: 'Array', nodeType: 'array' },
        { edge: '[5699]', edgeType: 'element', node: 'onPriceChange()', nodeType: 'closure' },
      ],
      root: { name: 'price-change', kind: 'listener', location: loc('src/routes/quote.js', 27, 3) },
      growthSite: { location: loc('src/routes/quote.js', 27, 3) },
      fix: {
        kind: 'remove-listener',
        title: "Remove the 'price-change' listener when the response closes",
        edits: [{ file: `${CWD}/src/routes/quote.js`, startLine: 31, startColumn: 1, endLine: 31, endColumn: 1, newText: "  res.on('close', () => bus.off('price-change', onPriceChange));\n" }],
      },
    },
    {
      rank: 3,
      className: 'Timeout',
      archetype: 'timer',
      countDelta: 310,
      retainedDelta: 142_000,
      growthBytesPerSec: 2_370,
      retainerPath: [
        { edge: '(GC roots)', edgeType: 'internal', node: '(Timers)', nodeType: 'synthetic' },
        { edge: 'timerListMap', edgeType: 'property', node: 'Object', nodeType: 'object' },
        { edge: '5000', edgeType: 'property', node: 'TimersList', nodeType: 'object' },
        { edge: '_idlePrev', edgeType: 'property', node: 'Timeout', nodeType: 'object' },
      ],
      root: { name: 'setInterval(poll)', kind: 'timer', location: loc('src/workers/poller.js', 8, 14) },
    },
  ];

  const report = {
    schemaVersion: 1,
    verdict: 'leak',
    trend: {
      samples,
      slopeBytesPerSec: fit.slope,
      ci95: fit.ci95,
      warmupEndsAt,
      reason: `Post-GC heap grew steadily for ${180 - warmupEndsAt} s after warm-up; the 95% interval of the slope excludes zero.`,
      pValue: 1e-9,
    },
    snapshots,
    suspects,
    target: { command: ['node', 'src/server.js'], nodeVersion: 'v20.20.2' },
    durationSec: 180,
  };
  return report;
}

const PREFIXES = ['', 'Http', 'Session', 'Price', 'Order', 'Cart', 'User', 'Socket', 'Stream', 'Token', 'Quote', 'Cache', 'Audit', 'Metric', 'Queue', 'Job'];
const STEMS = ['Record', 'Handler', 'Entry', 'State', 'Context', 'Parser', 'Buffer', 'Request', 'Response', 'Event', 'Node', 'Item', 'Store', 'Client', 'Options', 'Result'];
const BUILTINS = ['(string)', '(closure)', '(array)', '(compiled code)', '(system)', '(concatenated string)', '(sliced string)', '(number)', 'Object', 'Array', 'Map', 'Set', 'Function', 'Promise', 'Buffer', 'Uint8Array', 'system / Context', 'Timeout', 'TimersList', 'EventEmitter', 'IncomingMessage', 'ServerResponse', 'Socket'];

/** ClassGrowth-shaped values (core/heap/model.ts) for a 3-rung ladder of `n` classes. */
export function buildClassGrowth(n, rungs = 3) {
  const rand = rng(7);
  const names = [...BUILTINS];
  for (let i = 0; names.length < n; i++) {
    const name = `${PREFIXES[i % PREFIXES.length]}${STEMS[Math.floor(i / PREFIXES.length) % STEMS.length]}`;
    names.push(i < PREFIXES.length * STEMS.length ? name : `${name}$${Math.floor(i / (PREFIXES.length * STEMS.length))}`);
  }
  const leaking = new Map([['Map', 5580], ['(string)', 11_200], ['Object', 5600], ['SessionRecord', 5580], ['(closure)', 1860], ['Function', 1860], ['system / Context', 1870], ['Timeout', 310], ['(array)', 930]]);
  return names.map(className => {
    const base = Math.max(1, Math.round(Math.exp(rand() * 9)));
    const per = 16 + Math.round(rand() * 120);
    const grow = leaking.get(className) ?? 0;
    const jitter = () => Math.round((rand() - 0.5) * base * 0.02);
    const counts = Array.from({ length: rungs }, (_, r) => base + Math.round((grow * r) / (rungs - 1)) + (grow ? 0 : jitter()));
    const shallowSizes = counts.map(c => c * per);
    const retainedSizes = counts.map((c, r) => c * per * (grow ? 3 : 1.4) + (grow ? r * 1000 : 0));
    const monotonic = counts.every((c, r) => r === 0 || c > counts[r - 1]) && retainedSizes.every((c, r) => r === 0 || c > retainedSizes[r - 1]);
    return { className, counts, shallowSizes, retainedSizes: retainedSizes.map(Math.round), newCount: grow || Math.max(0, Math.round(rand() * base * 0.01)), monotonic };
  });
}

/** The same workload re-run after the LRU cap: memory rises while the cache fills, then plateaus. */
export function buildVerifyResult(before) {
  const rand = rng(99);
  const samples = [];
  for (let t = 0; t <= 120; t += 1.5) {
    const heapUsed = Math.round(21e6 + 14e6 * (1 - Math.exp(-t / 6)) + 9e6 * (1 - Math.exp(-t / 8)) + (rand() - 0.5) * 700_000);
    samples.push({ t, heapUsed, rss: Math.round(heapUsed + 55e6 + (rand() - 0.5) * 900_000) });
  }
  const after = theilSen(samples.filter(s => s.t >= 60).map(s => ({ t: s.t, y: s.heapUsed })));
  return {
    verdict: after.ci95[0] <= 0 ? 'no-leak' : 'leak',
    before: { slopeBytesPerSec: before.slopeBytesPerSec, ci95: before.ci95 },
    after: { slopeBytesPerSec: after.slope, ci95: after.ci95 },
    samples,
    fixKind: 'lru-cap',
  };
}
