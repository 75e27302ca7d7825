/**
 * Projections of a fitted duration model to any vCPU value. Every run seen at v is rescaled to w by
 * Amdahl's factor (1 − q + q/w) / (1 − q + q/v), so the projected distribution keeps the tier's own
 * mix of inputs and noise; percentiles are read from that mixture by bisection, without re-sorting.
 */
import { censoredCdf, censoredMean, CENSORED_SPAN } from './censored';
import type { DurationGroup, DurationModel, DurationProjection, Interval } from './types';

const BISECTION_STEPS = 64;
/** Two-sided 95 % normal quantile, for the order-statistic interval of a percentile. */
const Z_95 = 1.96;

/** T(to) / T(from) under Amdahl's law with parallel fraction q. */
export function amdahlFactor(parallelFraction: number, fromVcpu: number, toVcpu: number): number {
  const q = parallelFraction;
  return (1 - q + q / toVcpu) / (1 - q + q / fromVcpu);
}

/** Index of the first element > x in an ascending array. */
function countAtOrBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Expected number of projected runs at `vcpu` lasting at most `seconds`. */
function projectedCount(model: DurationModel, q: number, vcpu: number, seconds: number): number {
  let count = 0;
  for (const group of model.groups) {
    const original = seconds / amdahlFactor(q, group.vcpu, vcpu);
    const below = countAtOrBelow(group.sortedSeconds, original);
    count += group.weight === undefined ? below : group.weight * below;
    for (const [limit, n] of group.censored) count += n * censoredCdf(original, limit);
  }
  return count;
}

function span(model: DurationModel, q: number, vcpu: number): Interval {
  let low = Infinity;
  let high = 0;
  for (const group of model.groups) {
    const factor = amdahlFactor(q, group.vcpu, vcpu);
    const sorted = group.sortedSeconds;
    if (sorted.length > 0) {
      low = Math.min(low, (sorted[0] as number) * factor);
      high = Math.max(high, (sorted[sorted.length - 1] as number) * factor);
    }
    for (const limit of group.censored.keys()) {
      low = Math.min(low, limit * factor);
      high = Math.max(high, limit * CENSORED_SPAN * factor);
    }
  }
  return { low, high };
}

/** The smallest duration d with at least p · n projected runs ≤ d (bisection in log space). */
export function projectedQuantile(
  model: DurationModel,
  q: number,
  vcpu: number,
  p: number,
): number {
  const { low, high } = span(model, q, vcpu);
  if (!(high > 0) || model.samples === 0) return NaN;
  const target = Math.max(p, 1e-9) * model.samples;
  let lower = Math.log(low);
  let upper = Math.log(high);
  if (projectedCount(model, q, vcpu, low) >= target) return low;
  for (let step = 0; step < BISECTION_STEPS && upper - lower > 1e-12; step += 1) {
    const mid = (lower + upper) / 2;
    if (projectedCount(model, q, vcpu, Math.exp(mid)) >= target) upper = mid;
    else lower = mid;
  }
  return Math.exp(upper);
}

/** Probability that a run at `vcpu` lasts longer than `seconds` (at the estimated scaling, or `q`). */
export function exceedanceProbability(
  model: DurationModel,
  vcpu: number,
  seconds: number,
  q = model.parallelFraction.estimate,
): number {
  if (model.samples === 0) return 0;
  return Math.max(0, 1 - projectedCount(model, q, vcpu, seconds) / model.samples);
}

/** Each group's total seconds (censored runs at their expected length), summed once per group. */
const GROUP_SECONDS = new WeakMap<DurationGroup, number>();

function groupSeconds(group: DurationGroup): number {
  let seconds = GROUP_SECONDS.get(group);
  if (seconds === undefined) {
    seconds = 0;
    for (const value of group.sortedSeconds) seconds += value;
    if (group.weight !== undefined) seconds *= group.weight;
    for (const [limit, n] of group.censored) seconds += n * censoredMean(limit);
    GROUP_SECONDS.set(group, seconds);
  }
  return seconds;
}

export function projectedMeanSeconds(
  model: DurationModel,
  vcpu: number,
  q = model.parallelFraction.estimate,
): number {
  if (model.samples === 0) return NaN;
  let total = 0;
  for (const group of model.groups)
    total += groupSeconds(group) * amdahlFactor(q, group.vcpu, vcpu);
  return total / model.samples;
}

/** Percentile with its ≈ 95 % interval: order-statistic ranks at every plausible q. */
function percentileInterval(model: DurationModel, vcpu: number, p: number): Interval {
  const half = Z_95 * Math.sqrt((p * (1 - p)) / Math.max(1, model.samples));
  const { low: qLow, estimate, high: qHigh } = model.parallelFraction;
  const values = [qLow, estimate, qHigh].flatMap((q) => [
    projectedQuantile(model, q, vcpu, Math.max(0, p - half)),
    projectedQuantile(model, q, vcpu, Math.min(1, p + half)),
  ]);
  return { low: Math.min(...values), high: Math.max(...values) };
}

/** Projected p50/p95/p99 and mean duration at one vCPU value, with intervals. */
export function projectDurations(model: DurationModel, vcpu: number): DurationProjection {
  const q = model.parallelFraction.estimate;
  return {
    vcpu,
    p50Seconds: projectedQuantile(model, q, vcpu, 0.5),
    p95Seconds: projectedQuantile(model, q, vcpu, 0.95),
    p99Seconds: projectedQuantile(model, q, vcpu, 0.99),
    meanSeconds: projectedMeanSeconds(model, vcpu, q),
    p50IntervalSeconds: percentileInterval(model, vcpu, 0.5),
    p95IntervalSeconds: percentileInterval(model, vcpu, 0.95),
  };
}
