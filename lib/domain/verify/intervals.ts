/**
 * 95 % intervals that widen with fewer executions: Wilson's score interval for a rate
 * (Wilson 1927; it stays inside [0, 1] and is honest at 0 of n), the normal interval of a mean,
 * and the distribution-free order-statistic interval of a quantile (the ranks whose binomial
 * probability brackets q; e.g. Conover, Practical Nonparametric Statistics, §3.2).
 */
import { quantileSorted } from '../stats';

export const Z95 = 1.959963984540054;

export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** How many executions it is drawn from. */
  readonly n: number;
}

export function wilsonInterval(successes: number, n: number): Estimate | null {
  if (!(n > 0)) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}

export function meanInterval(values: readonly number[]): Estimate | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((sum, x) => sum + x, 0) / n;
  if (n === 1) return { value: mean, low: -Infinity, high: Infinity, n };
  const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  const half = Z95 * Math.sqrt(variance / n);
  return { value: mean, low: mean - half, high: mean + half, n };
}

/** Sorted values → the q-quantile and the order statistics that bracket it with ~95 %. */
export function quantileInterval(sorted: ArrayLike<number>, q: number): Estimate | null {
  const n = sorted.length;
  const value = quantileSorted(sorted, q);
  if (value === undefined) return null;
  const half = Z95 * Math.sqrt(n * q * (1 - q));
  const lowRank = Math.floor(n * q - half);
  const highRank = Math.ceil(n * q + half);
  const low = lowRank < 1 ? -Infinity : (sorted[lowRank - 1] ?? -Infinity);
  const high = highRank > n ? Infinity : (sorted[highRank - 1] ?? Infinity);
  return { value, low: Math.min(low, value), high: Math.max(high, value), n };
}
