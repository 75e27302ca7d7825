/**
 * Peak memory of a tier's executions and the memory to give it. An execution that ran out of memory
 * tells only that its peak was above the limit it ran at; it is kept as a cut-off value (see the
 * model's censored.ts) so percentiles and the projected OOM risk account for it.
 */
import { censoredCdf, CENSORED_SPAN } from '../model';
import { hasUsablePeak, isOomObservation, ObservationSet } from './observation-set';
import type { ExecutionObservation } from './types';
import { MIN_MEASURED_FOR_LOW } from '../verdict/thresholds';

/** The percentile of peak memory the recommendation covers. */
export const MEMORY_PERCENTILE = 0.99;
/** Safety margin over that percentile: BASE + WIDENING / √executions (wider with fewer runs). */
export const MEMORY_MARGIN_BASE = 0.1;
export const MEMORY_MARGIN_WIDENING = 0.5;
/**
 * After OOMs, memory is at least this multiple of the highest limit an execution ran out at
 * (Kubernetes' Vertical Pod Autoscaler bumps by 1.2; the true peak here is unknown, so more).
 */
export const OOM_BUMP_RATIO = 1.5;

export type PeakDistribution = {
  /** Peaks that were measured, ascending (bytes). */
  readonly sortedBytes: Float64Array;
  /**
   * When the peaks are a weighted sample: the executions `sortedBytes[0..i]` stand for, running
   * total (the last is the measured peaks counted over every execution). Absent: each stands for one.
   */
  readonly cumulativeWeights?: Float64Array;
  /** Memory limit an execution ran out at → how many did. */
  readonly oomAtLimit: ReadonlyMap<number, number>;
  readonly total: number;
  /** Share of `total` measured exactly or sliced from a window no other execution shared. */
  readonly trustedShare: number;
};

/**
 * Measured peaks needed before ambiguous ones (upper bounds from shared windows) are left out; the
 * verdict's "could be cut" checks follow the same rule.
 */
export const MIN_TRUSTED_PEAKS = MIN_MEASURED_FOR_LOW;

const isTrusted = (o: ExecutionObservation) =>
  o.memorySource === 'exact' || o.memorySource === 'sliced';

/**
 * An ambiguous peak is the highest of every execution sharing its window, often another tier's:
 * with enough measured peaks, they are left out rather than let a neighbour's peak count. The
 * counts (peaks, OOMs by limit, the trusted share) are the whole history's; for a sampled set the
 * peaks' spread is the sample's, each weighted by the executions it stands for.
 */
export function peakDistribution(
  observations: readonly ExecutionObservation[] | ObservationSet,
): PeakDistribution {
  const set = ObservationSet.of(observations);
  const { tally } = set;
  const useBounds = tally.trustedPeaks < MIN_TRUSTED_PEAKS;
  const { observations: kept, weights } = set.sample();
  const peaks: number[] = [];
  const bounds: number[] = [];
  const peakWeights: number[] = [];
  const boundWeights: number[] = [];
  kept.forEach((o, i) => {
    if (isOomObservation(o) || !hasUsablePeak(o)) return;
    const trusted = isTrusted(o);
    if (!trusted && !useBounds) return;
    (trusted ? peaks : bounds).push(o.peakMemoryBytes as number);
    if (weights) (trusted ? peakWeights : boundWeights).push(weights[i] as number);
  });
  peaks.push(...bounds);
  peakWeights.push(...boundWeights);
  const oomAtLimit = new Map(tally.oomAtLimit);
  const ooms = [...oomAtLimit.values()].reduce((a, b) => a + b, 0);
  const measured = tally.trustedPeaks + (useBounds ? tally.boundPeaks : 0);
  const total = measured + ooms;
  const trustedShare =
    set.count === 0
      ? 0
      : (tally.trustedPeaks + ooms) / Math.max(1, tally.trustedPeaks + tally.boundPeaks + ooms);
  if (!weights)
    return { sortedBytes: Float64Array.from(peaks).sort(), oomAtLimit, total, trustedShare };
  // Sorted with their weights, rescaled so they add up to the peaks counted over every execution.
  const order = peaks.map((_, i) => i).sort((a, b) => (peaks[a] as number) - (peaks[b] as number));
  const sampled = peakWeights.reduce((a, b) => a + b, 0);
  const scale = sampled > 0 ? measured / sampled : 0;
  const sortedBytes = Float64Array.from(order, (i) => peaks[i] as number);
  const cumulativeWeights = new Float64Array(order.length);
  let running = 0;
  order.forEach((i, k) => {
    running += (peakWeights[i] as number) * scale;
    cumulativeWeights[k] = running;
  });
  return { sortedBytes, cumulativeWeights, oomAtLimit, total, trustedShare };
}

function countAtOrBelow(peaks: PeakDistribution, bytes: number): number {
  let low = 0;
  let high = peaks.sortedBytes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((peaks.sortedBytes[mid] as number) <= bytes) low = mid + 1;
    else high = mid;
  }
  let count =
    peaks.cumulativeWeights === undefined
      ? low
      : low === 0
        ? 0
        : (peaks.cumulativeWeights[low - 1] as number);
  for (const [limit, n] of peaks.oomAtLimit) count += n * censoredCdf(bytes, limit);
  return count;
}

/** Probability that an execution's peak exceeds `memoryBytes` (it would be OOM-killed). */
export function oomProbability(peaks: PeakDistribution, memoryBytes: number): number {
  if (peaks.total === 0) return 0;
  return Math.max(0, 1 - countAtOrBelow(peaks, memoryBytes) / peaks.total);
}

/** The smallest peak b with at least p · total executions at or below b; undefined when empty. */
export function peakQuantile(peaks: PeakDistribution, p: number): number | undefined {
  if (peaks.total === 0) return undefined;
  const limits = [...peaks.oomAtLimit.keys()];
  let lower = Math.log(Math.min(peaks.sortedBytes[0] ?? Infinity, ...limits));
  let upper = Math.log(
    Math.max(
      peaks.sortedBytes[peaks.sortedBytes.length - 1] ?? 0,
      ...limits.map((l) => l * CENSORED_SPAN),
    ),
  );
  const target = Math.max(p, 1e-9) * peaks.total;
  if (countAtOrBelow(peaks, Math.exp(lower)) >= target) return Math.exp(lower);
  for (let step = 0; step < 64 && upper - lower > 1e-12; step += 1) {
    const mid = (lower + upper) / 2;
    if (countAtOrBelow(peaks, Math.exp(mid)) >= target) upper = mid;
    else lower = mid;
  }
  return Math.exp(upper);
}

export function memoryMargin(executions: number): number {
  return MEMORY_MARGIN_BASE + MEMORY_MARGIN_WIDENING / Math.sqrt(Math.max(1, executions));
}

export type MemoryWish = {
  readonly bytes: number;
  readonly percentileBytes: number | undefined;
  readonly margin: number;
  /** Highest limit an execution ran out of memory at, if any did. */
  readonly oomLimitBytes: number | undefined;
};

/** The memory to ask for before snapping: high percentile + margin, at least the OOM bump. */
export function memoryWish(peaks: PeakDistribution, currentBytes: number): MemoryWish {
  const percentileBytes = peakQuantile(peaks, MEMORY_PERCENTILE);
  const margin = memoryMargin(peaks.total);
  const oomLimits = [...peaks.oomAtLimit.keys()];
  const oomLimitBytes = oomLimits.length > 0 ? Math.max(...oomLimits) : undefined;
  const fromPeaks = percentileBytes === undefined ? currentBytes : percentileBytes * (1 + margin);
  const bytes = Math.max(
    fromPeaks,
    oomLimitBytes === undefined ? 0 : oomLimitBytes * OOM_BUMP_RATIO,
  );
  return { bytes, percentileBytes, margin, oomLimitBytes };
}
