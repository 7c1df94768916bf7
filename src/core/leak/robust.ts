/**
 * Robust trend statistics for memory samples: Theil–Sen slope with Sen's confidence interval
 * and the Mann–Kendall trend test, both corrected for serial correlation (GC sawtooth, periodic
 * caches), which otherwise makes every wiggle look significant.
 */

export interface SlopeFit {
  slope: number;
  intercept: number;
  ci95: [number, number];
  /** One-sided p-value of the Mann–Kendall test for an increasing trend. */
  pValue: number;
  /** Sample count after the serial-correlation correction. */
  effectiveN: number;
  n: number;
}

/** Median of a numeric array (copy-sorted); NaN for an empty one. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median absolute deviation around the median. */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map(v => Math.abs(v - m)));
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Lag-1 autocorrelation of a series (0 when undefined). */
export function lag1Autocorrelation(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    den += d * d;
    if (i > 0) num += d * (values[i - 1] - mean);
  }
  return den === 0 ? 0 : num / den;
}

/** Theil–Sen slope, Sen's 95% interval and a Mann–Kendall p-value, corrected for lag-1 correlation. */
export function theilSen(t: readonly number[], y: readonly number[]): SlopeFit {
  const n = Math.min(t.length, y.length);
  if (n < 3) {
    return { slope: 0, intercept: y[0] ?? 0, ci95: [-Infinity, Infinity], pValue: 1, effectiveN: n, n };
  }
  const slopes: number[] = [];
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dt = t[j] - t[i];
      const dy = y[j] - y[i];
      if (dt > 0) slopes.push(dy / dt);
      s += Math.sign(dy);
    }
  }
  slopes.sort((a, b) => a - b);
  const slope = median(slopes);
  const intercept = median(y.slice(0, n).map((v, i) => v - slope * t[i]));
  const residuals = y.slice(0, n).map((v, i) => v - (intercept + slope * t[i]));
  // Serially correlated residuals carry less information: shrink n (and so widen the interval).
  const r = Math.max(0, Math.min(0.95, lag1Autocorrelation(residuals)));
  const inflation = (1 + r) / (1 - r);
  const effectiveN = n / inflation;
  const varS = ((n * (n - 1) * (2 * n + 5)) / 18) * inflation;
  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  const pValue = 1 - normalCdf(z);
  const c = 1.96 * Math.sqrt(varS);
  const m = slopes.length;
  const lo = Math.max(0, Math.floor((m - c) / 2));
  const hi = Math.min(m - 1, Math.ceil((m + c) / 2));
  const ci95: [number, number] = m > 0 ? [slopes[lo], slopes[hi]] : [-Infinity, Infinity];
  return { slope, intercept, ci95, pValue, effectiveN, n };
}
