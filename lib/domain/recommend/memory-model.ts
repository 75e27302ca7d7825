/**
 * The OOM risk of a tier at any memory limit, from its own executions and a fit of peak memory to
 * workload size (lib/domain/model/memory-fit.ts) learnt on the whole job when its other tiers are
 * given. A measured peak is projected as itself with the fit's run-to-run spread; an OOM-killed one
 * as the fit's peak for its workload, conditioned on having been above the limit it ran out at.
 * Where the fit cannot place it (too few measured peaks, or a workload larger than any measured),
 * the peak is only known to be above the limit: it counts as an OOM at every limit below
 * LEARNING_SPAN × that limit at the upper end, so the budget asks for a step that is sure to learn.
 */
import {
  censoredCdf,
  EXTRAPOLATION_LIMIT,
  exceedance,
  fitPeakMemory,
  fittedPeak,
  type MemoryFit,
  type MemorySample,
} from '../model';
import { memoryMargin, MIN_TRUSTED_PEAKS } from './memory';
import { hasUsablePeak, isOomObservation, ObservationSet } from './observation-set';
import type { ExecutionObservation } from './types';

/** Standard errors of the fitted peak added at the upper end. */
const FIT_ERROR_Z = 2;
/**
 * A tier with OOMs in its history is never projected below these shares of one execution in its
 * history (estimate, upper end): no history of n executions can tell a risk below ~1/n from zero.
 */
export const OOM_FLOOR_ESTIMATE = 0.1;
/**
 * A peak the history cannot bound counts as an OOM, at the upper end, below this multiple of the
 * limit it ran out at: a step to learn it must at least triple that limit (doubling leaves the top
 * of a wide spread of peaks unknown).
 */
export const LEARNING_SPAN = 3;
/** One-sided 95 % normal quantile: the upper end adds the sampling error of a month's share. */
const Z_ONE_SIDED_95 = 1.645;
export const OOM_FLOOR_HIGH = 0.3;

/**
 * Features the fit uses, in order: total MB, clips, clips × megapixels, megapixel-seconds, and the
 * largest frame's megapixels alone (an encoder's lookahead holds frames of the output's size,
 * whatever the clip count).
 */
export const MEMORY_FEATURES = [
  'total MB',
  'clip count',
  'clips × frame megapixels',
  'megapixel-seconds',
  'frame megapixels',
] as const;

export function memoryFeaturesOf(o: ExecutionObservation): number[] | undefined {
  const w = o.workload;
  if (!w || w.maxMegapixels === undefined || w.mediaSeconds === undefined) return undefined;
  return [
    w.totalMb,
    w.clipCount,
    w.clipCount * w.maxMegapixels,
    w.mediaSeconds * w.maxMegapixels,
    w.maxMegapixels,
  ];
}

const isTrusted = (o: ExecutionObservation) =>
  o.memorySource === 'exact' || o.memorySource === 'sliced';

type Item = {
  readonly bytes: number;
  readonly censored: boolean;
  /** Fitted centre and its standard error, when the fit can place this workload. */
  readonly centre?: number;
  readonly standardError?: number;
  /** A censored peak the fit cannot bound. */
  readonly unbounded: boolean;
  /** How many executions it stands for (sampled tiers), 1 otherwise. */
  readonly weight: number;
};

export type MemoryModel = {
  readonly fit: MemoryFit;
  readonly pooled: boolean;
  readonly items: readonly Item[];
  readonly ooms: number;
  readonly unboundedOoms: number;
  readonly highestOomLimit: number | undefined;
  /**
   * How many of the tier's executions each measured peak stands for: every OOM-killed execution is
   * an item, but a run that completed is one only when its peak was measured (an ambiguous peak is
   * left out once enough are), so the measured ones also stand for the completed runs left out.
   * Without it the OOM-killed share of the items overstates the tier's.
   */
  readonly measuredWeight: number;
  readonly notes: readonly string[];
};

/**
 * Measured and censored peaks the fit learns from; ambiguous ones only when too few are measured
 * (counted over every execution, not the sample). Weighted by how many executions each stands for.
 */
function samplesOf(set: ObservationSet): MemorySample[] {
  const useAmbiguous = set.tally.trustedPeaks < MIN_TRUSTED_PEAKS;
  const { observations, weights } = set.sample();
  const samples: MemorySample[] = [];
  observations.forEach((o, i) => {
    const features = memoryFeaturesOf(o);
    const weight = weights ? { weight: weights[i] as number } : {};
    if (isOomObservation(o)) {
      samples.push({ features, bytes: o.limits.memoryBytes, censored: true, ...weight });
    } else if (hasUsablePeak(o) && (isTrusted(o) || useAmbiguous)) {
      samples.push({ features, bytes: o.peakMemoryBytes as number, censored: false, ...weight });
    }
  });
  return samples;
}

/** Memory samples per set, worked out once (a job's set serves each of its tiers). */
const SAMPLES = new WeakMap<ObservationSet, MemorySample[]>();

function samplesOfSet(set: ObservationSet): MemorySample[] {
  let samples = SAMPLES.get(set);
  if (!samples) {
    samples = samplesOf(set);
    SAMPLES.set(set, samples);
  }
  return samples;
}

/** One fit per job, shared by its tiers (keyed by the job's observation set). */
const POOLED_FITS = new WeakMap<ObservationSet, MemoryFit>();

function pooledFit(job: ObservationSet): MemoryFit {
  let fit = POOLED_FITS.get(job);
  if (!fit) {
    fit = fitPeakMemory(samplesOfSet(job));
    POOLED_FITS.set(job, fit);
  }
  return fit;
}

export function buildMemoryModel(
  tierObservations: readonly ExecutionObservation[] | ObservationSet,
  job: readonly ExecutionObservation[] | ObservationSet | undefined,
): MemoryModel {
  const observations = ObservationSet.of(tierObservations);
  const jobObservations = job && ObservationSet.of(job);
  const pooled = jobObservations !== undefined && jobObservations.count > observations.count;
  const own = samplesOfSet(observations);
  const fit = pooled ? pooledFit(jobObservations) : fitPeakMemory(own);
  let unboundedOoms = 0;
  let highestOomLimit: number | undefined;
  const measuredMax = fit.coefficients
    ? pooled
      ? pooledMaxFeatures(jobObservations!)
      : maxMeasuredFeatures(own)
    : [];
  const items = own.map((s): Item => {
    if (s.censored) highestOomLimit = Math.max(highestOomLimit ?? 0, s.bytes);
    const placed = s.features ? fittedPeak(fit, s.features) : undefined;
    const outside =
      s.features !== undefined &&
      s.features.some(
        (f, j) =>
          (fit.coefficients?.[j + 1] ?? 0) > 0 && f > EXTRAPOLATION_LIMIT * (measuredMax[j] ?? 0),
      );
    const unbounded = s.censored && (!placed || outside);
    const weight = s.weight ?? 1;
    if (unbounded) unboundedOoms += weight;
    return {
      bytes: s.bytes,
      censored: s.censored,
      unbounded,
      weight,
      ...(placed && { centre: placed.bytes, standardError: placed.standardError }),
    };
  });
  let ooms = 0;
  let measured = 0;
  for (const i of items) {
    if (i.censored) ooms += i.weight;
    else measured += i.weight;
  }
  const measuredWeight = standsFor(observations, measured);
  const notes = [...fit.notes];
  if (unboundedOoms > 0) {
    notes.push(
      `The true peak of ${Math.round(unboundedOoms)} out-of-memory executions cannot be bounded from the measured ones: they are only known to need more than the limit they ran at.`,
    );
  }
  return { fit, pooled, items, ooms, unboundedOoms, highestOomLimit, measuredWeight, notes };
}

/**
 * Completed (not OOM-killed) executions per measured peak: those left out are taken to be like the
 * measured ones. 1 when none was measured (the completed runs then have nothing to stand for them).
 */
function standsFor(observations: ObservationSet, measured: number): number {
  if (measured === 0) return 1;
  let oomKilled = 0;
  for (const count of observations.tally.oomAtLimit.values()) oomKilled += count;
  return Math.max(1, (observations.tally.executions - oomKilled) / measured);
}

/** The job's largest measured workloads, shared by its tiers like the pooled fit. */
const POOLED_MAX = new WeakMap<ObservationSet, number[]>();

function pooledMaxFeatures(jobObservations: ObservationSet): number[] {
  let max = POOLED_MAX.get(jobObservations);
  if (!max) {
    max = maxMeasuredFeatures(samplesOfSet(jobObservations));
    POOLED_MAX.set(jobObservations, max);
  }
  return max;
}

function maxMeasuredFeatures(samples: readonly MemorySample[]): number[] {
  const max: number[] = [];
  for (const s of samples) {
    if (s.censored || !s.features) continue;
    s.features.forEach((f, j) => (max[j] = Math.max(max[j] ?? 0, f)));
  }
  return max;
}

export type OomRisk = { readonly estimate: number; readonly high: number };

/**
 * Risks already worked out per model and memory limit: choosing walks the same few limits for every
 * vCPU value (and each projection asks again), and each answer is a pass over the model's items.
 */
const RISKS = new WeakMap<MemoryModel, Map<number, OomRisk>>();

/** Probability that an execution of the tier is OOM-killed at `memoryBytes`, with its upper end. */
export function oomRisk(model: MemoryModel, memoryBytes: number): OomRisk {
  let known = RISKS.get(model);
  if (!known) {
    known = new Map();
    RISKS.set(model, known);
  }
  let risk = known.get(memoryBytes);
  if (!risk) {
    risk = computeOomRisk(model, memoryBytes);
    known.set(memoryBytes, risk);
  }
  return risk;
}

function computeOomRisk(model: MemoryModel, memoryBytes: number): OomRisk {
  if (model.items.length === 0) return { estimate: 0, high: 0 };
  // Each measured peak also stands for the completed runs whose peak was left out.
  const perPeak = model.measuredWeight;
  let n = 0;
  let evidence = 0;
  for (const item of model.items) {
    n += item.weight * (item.censored ? 1 : perPeak);
    evidence += item.weight;
  }
  const { fit } = model;
  const fitted = Number.isFinite(fit.relativeSd) && Number.isFinite(fit.relativeSdHigh);
  // Without a fit, a measured peak's run-to-run spread is taken from the percentile margin.
  const sd = fitted ? fit.relativeSd : memoryMargin(n) / 2;
  const sdHigh = fitted ? fit.relativeSdHigh : memoryMargin(n) / 1.5;
  let estimate = 0;
  let high = 0;
  for (const item of model.items) {
    const w = item.weight;
    if (!item.censored) {
      const wm = w * perPeak;
      estimate += wm * exceedance(item.bytes, sd, memoryBytes);
      high += wm * exceedance(item.bytes, sdHigh, memoryBytes);
      continue;
    }
    const logUniform = 1 - censoredCdf(memoryBytes, item.bytes);
    if (item.unbounded || item.centre === undefined || !fitted) {
      estimate += w * logUniform;
      high += memoryBytes < item.bytes * LEARNING_SPAN ? w : 0;
      continue;
    }
    estimate += w * exceedance(item.centre, sd, memoryBytes, item.bytes);
    high +=
      w *
      exceedance(
        item.centre + FIT_ERROR_Z * (item.standardError ?? 0),
        sdHigh,
        memoryBytes,
        item.bytes,
      );
  }
  estimate = Math.min(1, estimate / n);
  high = Math.min(1, high / n);
  // Next month's executions are another sample of workloads: the share varies by ~√(p(1 − p)/n),
  // n the peaks it rests on (a measured peak standing for others is still one).
  high += Z_ONE_SIDED_95 * Math.sqrt((high * (1 - high)) / evidence);
  if (model.ooms > 0) {
    estimate = Math.max(estimate, OOM_FLOOR_ESTIMATE / n);
    high = Math.max(high, OOM_FLOOR_HIGH / n);
  }
  return { estimate, high: Math.max(high, estimate) };
}
