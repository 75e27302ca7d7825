/**
 * What the recommendation for one tier takes and gives. Plain serialisable values: seconds, bytes,
 * vCPU, USD at full precision, probabilities 0–1. How it is worked out: README.md beside this file.
 */
import type { Limits } from '../limits';
import type { Interval, ModelBasis, Range, UsageSource } from '../model';
import type { PriceBook } from '../pricing';
import type { ResourceLimits } from '../records';
import type { ObservationSet } from './observation-set';

export const OBJECTIVES = ['cost', 'speed', 'balanced'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low', 'not-enough-data'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** One finished execution of the tier (running ones are left out by the caller). */
export type ExecutionObservation = {
  /** The limits it ran with, from its own template. */
  readonly limits: ResourceLimits;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly taskCount: number;
  /** Billed attempts over all tasks. */
  readonly attempts: number;
  readonly oomAttempts: number;
  readonly timeoutAttempts: number;
  /** Run time of the attempt that did the work (the longest task's last attempt), when known. */
  readonly runSeconds?: number;
  /** Start to completion, every attempt and retry included: what the caller waited. */
  readonly executionSeconds?: number;
  readonly inputMb?: number;
  /**
   * The workload's size from its JOB_PAYLOAD (lib/domain/payload.ts), when it could be read: what
   * peak memory is fitted against. `megapixelSeconds` is Σ media seconds × the largest frame's pixels.
   */
  readonly workload?: WorkloadSize;
  /** Busy CPU ÷ (vCPU × run time), 0–1. */
  readonly cpuUtilisation?: number;
  readonly cpuSource: UsageSource;
  readonly peakMemoryBytes?: number;
  readonly memorySource: UsageSource;
};

export type WorkloadSize = {
  readonly clipCount: number;
  readonly totalMb: number;
  readonly maxMegapixels?: number;
  readonly mediaSeconds?: number;
};

export type RecommendInput = {
  /**
   * The tier's finished executions: a list, or an `ObservationSet` gathered as they were read
   * (bounded at any number; observation-set.ts says what is sampled).
   */
  readonly observations: readonly ExecutionObservation[] | ObservationSet;
  /** The limits in force now (the job's, or the newest execution's). */
  readonly current: ResourceLimits;
  /** Length of the history window the observations come from, to scale volume to 30 days. */
  readonly windowDays: number;
  readonly priceBook: PriceBook;
  /** Default `balanced`. */
  readonly objective?: Objective;
  /** For `balanced`: the p95 duration not to exceed; default today's p95. */
  readonly latencyTargetSeconds?: number;
  /** How executions of this tier are called in the evidence, e.g. "small". */
  readonly tierLabel?: string;
  /**
   * The finished executions that ran at exactly `current` and what they were billed (every attempt).
   * From `MIN_EXECUTIONS` of them, today's cost is this measured figure instead of the model's.
   */
  readonly observedCurrent?: { readonly executions: number; readonly costUsd: number };
  /**
   * Finished executions of the job's other tiers (the same program). Memory growth with workload size
   * and the effect of vCPU are learnt from them too, so a thin tier borrows their evidence.
   */
  readonly jobObservations?: readonly ExecutionObservation[] | ObservationSet;
  /** Most failed executions allowed, as a share of executions; default `DEFAULT_MAX_FAILURE_RATE`. */
  readonly maxFailureRate?: number;
};

/** Projected effect of one limit set. */
export type Projection = {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
  /** Execution time (start to completion, retries included), as users wait for it. */
  readonly p50Seconds: number;
  readonly p95Seconds: number;
  readonly p50IntervalSeconds: Interval;
  readonly p95IntervalSeconds: Interval;
  readonly oomProbability: number;
  readonly timeoutProbability: number;
  /** Upper ends (≈ 95 %) of the OOM and timeout risks: what the failure budget is checked against. */
  readonly oomProbabilityHigh: number;
  readonly timeoutProbabilityHigh: number;
  /** Executions that fail after every retry from errors other than OOM and timeouts. */
  readonly errorProbability: number;
  /** Failed executions (OOM + timeout + errors after retries) as a share, with its upper end. */
  readonly failureProbability: number;
  readonly failureProbabilityHigh: number;
  /** True when `failureProbabilityHigh` is within the tier's failure budget. */
  readonly withinBudget: boolean;
  /** Expected billed cost of one execution, retries of OOMs and timeouts included. */
  readonly costPerExecutionUsd: number;
  readonly monthlyCostUsd: number;
};

export type FailureBudget = {
  /** Failed executions allowed, as a share of executions and per month. */
  readonly rate: number;
  readonly perMonth: number;
  /** Failed executions in the history, as a share and scaled to a month. */
  readonly todayRate: number;
  readonly todayPerMonth: number;
  /** The cap on the share, whatever today's. */
  readonly maxRate: number;
};

export type Recommendation = {
  readonly objective: Objective;
  /** The p95 the `balanced` objective kept to, null for the other objectives. */
  readonly latencyTargetSeconds: number | null;
  readonly current: ResourceLimits;
  readonly recommended: Limits;
  readonly changed: boolean;
  /** Finished executions the recommendation rests on, and that volume scaled to 30 days. */
  readonly executions: number;
  readonly executionsPerMonth: number;
  readonly projectedCurrent: Projection;
  /**
   * `observed`: `projectedCurrent`'s cost is what executions at today's limits were billed, per
   * execution; `projected`: too few ran at today's limits, so it is the model's like every other point.
   */
  readonly currentCostBasis: 'observed' | 'projected';
  readonly projected: Projection;
  readonly monthlySavingUsd: number;
  /** Saving as a fraction of the projected current cost, 0 when that is 0. */
  readonly savingFraction: number;
  /** One point per valid vCPU value (memory raised where that vCPU needs more), for a chart. */
  readonly curve: readonly Projection[];
  readonly model: {
    readonly basis: ModelBasis;
    readonly parallelFraction: Range;
    readonly sizeExponent: number | null;
    readonly notes: readonly string[];
  };
  /** The most failures the recommendation may bring, and today's for comparison. */
  readonly failureBudget: FailureBudget;
  readonly memoryModel: {
    /** `fit`: peak memory fitted to workload size (OOMs as lower bounds); else percentiles only. */
    readonly basis: 'fit' | 'pooled-fit' | 'percentiles';
    /** False when OOM-killed peaks cannot be placed: the limits are then a step to learn them. */
    readonly bounded: boolean;
    readonly learningStep: boolean;
    readonly notes: readonly string[];
  };
  readonly confidence: Confidence;
  readonly confidenceReasons: readonly string[];
  /** Plain-words facts behind the figures. */
  readonly evidence: readonly string[];
};
