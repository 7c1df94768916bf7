/**
 * The leak decision from post-GC heap samples. A leak must grow significantly over the whole
 * post-warm-up window, still grow at a comparable rate in the most recent seconds (so warm-ups
 * and pools that fill to a maximum are not leaks), and lift its lower envelope (so a TTL
 * sawtooth is not a leak). Flat recent growth is a plateau; anything else needs more time.
 */
import type { MemorySample, Verdict } from '../../shared/report';
import { formatRate } from '../../shared/format';
import { mad, median, theilSen, type SlopeFit } from './robust';

export interface VerdictOptions {
  /** No decision before this many seconds of sampling. */
  minDurationSec: number;
  /** Sampling budget: undecided at this point is inconclusive. */
  maxDurationSec: number;
  /** Growth below this is not a leak worth reporting (bytes/s). */
  minSlopeBytesPerSec: number;
  /** Seconds of process start-up always ignored. */
  startupSec: number;
  /** Length of the most recent window that must still grow (seconds). */
  recentWindowSec: number;
}

export const defaultVerdictOptions: VerdictOptions = {
  minDurationSec: 30,
  maxDurationSec: 90,
  minSlopeBytesPerSec: 16 * 1024,
  startupSec: 2,
  recentWindowSec: 8,
};

export type Decision = 'leak' | 'no-leak' | 'undecided';

export interface TrendAssessment {
  decision: Decision;
  slopeBytesPerSec: number;
  ci95: [number, number];
  pValue: number;
  warmupEndsAt: number;
  reason: string;
  /** Recent-window slope, for people watching the hunt. */
  recentSlope: number;
  /** Lower-envelope (block minima) slope. */
  envelopeSlope: number;
  /** Seconds more sampling estimated to decide, when undecided. */
  needMoreSeconds?: number;
}

const fmt = formatRate;

function fitOf(samples: readonly MemorySample[]): SlopeFit {
  return theilSen(samples.map(s => s.t), samples.map(s => s.heapUsed));
}

/** Slope of the per-block minima: rises with a leak, stays flat under a bounded sawtooth. */
export function envelopeSlope(samples: readonly MemorySample[], blocks = 6): number {
  if (samples.length < blocks * 2) return fitOf(samples).slope;
  const size = Math.floor(samples.length / blocks);
  const t: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const part = samples.slice(b * size, b === blocks - 1 ? samples.length : (b + 1) * size);
    let min = part[0];
    for (const s of part) if (s.heapUsed < min.heapUsed) min = s;
    t.push(median(part.map(s => s.t)));
    y.push(min.heapUsed);
  }
  return theilSen(t, y).slope;
}

/** Rate between the median levels of the first and last fifth: Theil–Sen alone ignores a short rising head. */
function levelRate(samples: readonly MemorySample[]): number {
  const k = Math.max(2, Math.floor(samples.length / 5));
  const head = samples.slice(0, k);
  const tail = samples.slice(-k);
  const dt = median(tail.map(s => s.t)) - median(head.map(s => s.t));
  return dt > 0 ? (median(tail.map(s => s.heapUsed)) - median(head.map(s => s.heapUsed))) / dt : 0;
}

/** Where the warm-up ends: the earliest cut after which growth is below the floor. */
export function findWarmupEnd(samples: readonly MemorySample[], floor: number, startupSec: number, minTailSec = 8): number {
  const t0 = samples[0]?.t ?? 0;
  const tEnd = samples.at(-1)?.t ?? 0;
  const span = tEnd - t0;
  for (let frac = 0; frac <= 0.8; frac += 0.05) {
    const cut = Math.max(t0 + startupSec, t0 + frac * span);
    const tail = samples.filter(s => s.t >= cut);
    if (tail.length < 12 || tEnd - cut < minTailSec) break;
    if (fitOf(tail).slope < floor && levelRate(tail) < floor) return cut;
  }
  return Number.NaN;
}

function isGrowing(fit: SlopeFit, floor: number, alpha = 0.01): boolean {
  return fit.slope > floor && fit.pValue < alpha && fit.ci95[0] > 0;
}

/** Assesses samples taken so far; `elapsedSec` is the sampling time spent. */
export function assessTrend(samples: readonly MemorySample[], options: Partial<VerdictOptions> = {}): TrendAssessment {
  const o = { ...defaultVerdictOptions, ...options };
  const floor = o.minSlopeBytesPerSec;
  const t0 = samples[0]?.t ?? 0;
  const elapsed = (samples.at(-1)?.t ?? 0) - t0;
  const post = samples.filter(s => s.t >= t0 + o.startupSec);
  const base = { slopeBytesPerSec: 0, ci95: [0, 0] as [number, number], pValue: 1, warmupEndsAt: t0 + o.startupSec, recentSlope: 0, envelopeSlope: 0 };
  if (post.length < 8) {
    return { ...base, decision: 'undecided', reason: `only ${post.length} samples so far`, needMoreSeconds: Math.max(0, o.minDurationSec - elapsed) };
  }
  const full = fitOf(post);
  const tEnd = post.at(-1)!.t;
  const recentFrom = Math.min(tEnd - o.recentWindowSec, post[0].t + 0.6 * (tEnd - post[0].t));
  const recent = fitOf(post.filter(s => s.t >= recentFrom));
  const env = envelopeSlope(post);
  const noise = mad(post.map((s, i) => s.heapUsed - (full.intercept + full.slope * post[i].t)));
  const rise = full.slope * (tEnd - post[0].t);
  const common = { pValue: full.pValue, recentSlope: recent.slope, envelopeSlope: env };
  const ready = elapsed >= o.minDurationSec;

  const leakLike =
    // The lower envelope must rise with the fit: growth that only shows in the peaks (GC timing,
    // expiring entries) is noise around a plateau.
    isGrowing(full, floor) && recent.slope >= 0.4 * full.slope && recent.slope > floor && env > Math.max(0.5 * floor, 0.5 * full.slope) && rise > 4 * noise;
  if (leakLike && ready) {
    return {
      ...common, decision: 'leak', slopeBytesPerSec: full.slope, ci95: full.ci95, warmupEndsAt: post[0].t,
      reason: `heap grows ${fmt(full.slope)} (95% CI ${fmt(full.ci95[0])}..${fmt(full.ci95[1])}, Mann–Kendall p=${full.pValue.toExponential(1)}) and still grows ${fmt(recent.slope)} over the last ${(tEnd - recentFrom).toFixed(0)} s; lower envelope rises ${fmt(env)}`,
    };
  }
  const warmCut = findWarmupEnd(samples, floor, o.startupSec, Math.max(8, o.recentWindowSec));
  const flatNow =
    (recent.slope < floor && !Number.isNaN(warmCut)) ||
    (full.slope < floor && env < floor && !isGrowing(recent, 3 * floor));
  if (flatNow && ready) {
    const warmupEndsAt = Number.isNaN(warmCut) ? post[0].t : warmCut;
    const tail = fitOf(samples.filter(s => s.t >= warmupEndsAt));
    const rising = warmupEndsAt > post[0].t + 1;
    return {
      ...common, decision: 'no-leak', slopeBytesPerSec: tail.slope, ci95: tail.ci95, warmupEndsAt,
      reason: `${rising ? `heap rose until ${warmupEndsAt.toFixed(0)} s (warm-up), then ` : ''}growth is ${fmt(tail.slope)} (below the ${fmt(floor)} floor; last ${(tEnd - recentFrom).toFixed(0)} s: ${fmt(recent.slope)}): a plateau`,
    };
  }
  const decision: Decision = 'undecided';
  let needMoreSeconds = Math.max(o.minDurationSec - elapsed, 0);
  let reason: string;
  if (leakLike || flatNow) {
    reason = `${leakLike ? 'growing' : 'flat'} so far; waiting for the ${o.minDurationSec} s minimum`;
  } else if (full.slope > floor && recent.slope < 0.4 * full.slope) {
    reason = `growth is slowing (${fmt(full.slope)} overall, ${fmt(recent.slope)} recently): maybe a warm-up or a filling cache`;
    needMoreSeconds = Math.max(needMoreSeconds, Math.ceil(0.5 * elapsed));
  } else {
    // Sen's interval narrows roughly with n^1.5 for evenly spaced samples.
    const width = Math.max(1, full.ci95[1] - full.ci95[0]);
    const target = Math.max(floor, Math.abs(full.slope - floor));
    const factor = Math.min(4, Math.max(1.2, Math.pow(width / target, 2 / 3)));
    needMoreSeconds = Math.max(needMoreSeconds, Math.ceil(elapsed * (factor - 1)));
    reason = `trend not yet decided: ${fmt(full.slope)} (95% CI ${fmt(full.ci95[0])}..${fmt(full.ci95[1])}), recent ${fmt(recent.slope)}, envelope ${fmt(env)}`;
  }
  return { ...common, decision, slopeBytesPerSec: full.slope, ci95: full.ci95, warmupEndsAt: post[0].t, reason, needMoreSeconds };
}

/** The final verdict once the budget is spent: an undecided trend is inconclusive. */
export function finalVerdict(a: TrendAssessment): Verdict {
  return a.decision === 'undecided' ? 'inconclusive' : a.decision;
}

/** A provisional signal, early in the hunt, that growth is real enough to start the snapshot ladder. */
export function looksLikeGrowth(samples: readonly MemorySample[], options: Partial<VerdictOptions> = {}): boolean {
  const o = { ...defaultVerdictOptions, ...options };
  const t0 = samples[0]?.t ?? 0;
  const post = samples.filter(s => s.t >= t0 + o.startupSec);
  if (post.length < 10) return false;
  const fit = fitOf(post);
  const tEnd = post.at(-1)!.t;
  const recent = fitOf(post.filter(s => s.t >= tEnd - Math.max(5, o.recentWindowSec / 2)));
  return isGrowing(fit, o.minSlopeBytesPerSec, 0.05) && recent.slope > o.minSlopeBytesPerSec && levelRate(post) > o.minSlopeBytesPerSec;
}
