/**
 * What the duration model learns from and what it projects. Durations in seconds, CPU in vCPU,
 * utilisation as a fraction 0–1 of the execution's own vCPU limit. Model and reasoning: README.md.
 */

/** Where a usage figure came from; the same names as the attribution step uses. */
export type UsageSource = 'exact' | 'sliced' | 'ambiguous' | 'missing';

/** One finished execution of a tier, as the model sees it. */
export type DurationSample = {
  /** The vCPU the execution ran with. */
  readonly vcpu: number;
  /**
   * Run time of the attempt that did the work. For a timed-out execution, the timeout: the true
   * run time is longer and unknown (`censored`).
   */
  readonly durationSeconds: number;
  /** True when `durationSeconds` is only a lower bound (the attempt was killed at the timeout). */
  readonly censored?: boolean;
  /** Input size (total MB of the payload), the covariate that explains most of the spread. */
  readonly inputMb?: number;
  /** Busy CPU ÷ (vCPU × run time), 0–1. */
  readonly cpuUtilisation?: number;
  readonly cpuSource?: UsageSource;
  /** How many executions this one stands for, when it was sampled from more (default 1). */
  readonly weight?: number;
};

/** How the scaling with vCPU was learnt. */
export type ModelBasis =
  /** Runs of the tier at two or more vCPU values: the scaling is measured. */
  | 'vcpu-history'
  /** One vCPU value: the parallel share is bounded from CPU utilisation. */
  | 'utilisation'
  /** Neither: durations are projected unchanged, with the widest interval. */
  | 'none';

export type Range = { readonly estimate: number; readonly low: number; readonly high: number };

/** The durations seen at one vCPU value, ready to be rescaled to another. */
export type DurationGroup = {
  readonly vcpu: number;
  /** Uncensored durations, ascending. */
  readonly sortedSeconds: Float64Array;
  /** Timed-out runs: their lower bound (the timeout) → how many (weighted). */
  readonly censored: ReadonlyMap<number, number>;
  /**
   * How many executions each of `sortedSeconds` stands for (default 1): sampled runs of one vCPU
   * value can come in several groups of different weights.
   */
  readonly weight?: number;
};

export type DurationModel = {
  readonly basis: ModelBasis;
  /**
   * Amdahl's parallel fraction q of the run time at 1 vCPU: T(v) = T(1) · (1 − q + q / v).
   * `low`/`high` are the plausible range the projections' intervals are built from.
   */
  readonly parallelFraction: Range;
  /** Duration ∝ inputMb^exponent within the tier, when sizes were known (else null). */
  readonly sizeExponent: number | null;
  /** Spread of log durations around the fit (vcpu-history only; else null). */
  readonly logResidualSd: number | null;
  /** Samples the projections rest on, censored ones included (weighted: the executions they stand for). */
  readonly samples: number;
  readonly censoredSamples: number;
  readonly groups: readonly DurationGroup[];
  /** Plain-words notes about what the fit could and could not use. */
  readonly notes: readonly string[];
};

export type Interval = { readonly low: number; readonly high: number };

/** Projected duration of the tier's executions at one vCPU value. */
export type DurationProjection = {
  readonly vcpu: number;
  readonly p50Seconds: number;
  readonly p95Seconds: number;
  readonly p99Seconds: number;
  readonly meanSeconds: number;
  /** Covers parameter uncertainty and the sampling error of the percentile itself (≈ 95 %). */
  readonly p50IntervalSeconds: Interval;
  readonly p95IntervalSeconds: Interval;
};
