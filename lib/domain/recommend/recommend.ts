/**
 * The recommended limits for one tier (README.md beside this file): memory from a high percentile of
 * peak usage, vCPU by projected duration and expected cost at every valid value under an objective,
 * timeout from the projected tail, retries lowered where failures are deterministic.
 */
import type { Limits } from '../limits';
import {
  fitDurationModel,
  projectedMeanSeconds,
  withDurations,
  type DurationModel,
  type DurationSample,
} from '../model';
import { buildCurve, chooseCandidate, type Candidate } from './choose';
import { assessConfidence, MIN_EXECUTIONS } from './confidence';
import { describeEvidence } from './evidence';
import { errorRate, failureBudget } from './budget';
import { memoryWish, peakDistribution } from './memory';
import { buildMemoryModel, type MemoryModel } from './memory-model';
import { ObservationSet } from './observation-set';
import { DAYS_PER_MONTH, projectLimits, type ProjectionContext } from './projection';
import { adviseRetries } from './timeout-retries';
import type {
  ExecutionObservation,
  FailureBudget,
  Projection,
  Recommendation,
  RecommendInput,
} from './types';

/**
 * What an execution tells the duration model: a run time, a lower bound (timeout), or nothing.
 * `weight`: how many executions it stands for in a sampled set.
 */
export function durationSampleOf(o: ExecutionObservation): DurationSample | undefined {
  return durationSample(o);
}

function durationSample(o: ExecutionObservation, weight?: number): DurationSample | undefined {
  const vcpu = o.limits.vcpu;
  if (o.status === 'failed' && o.timeoutAttempts > 0 && o.oomAttempts === 0) {
    const durationSeconds = o.limits.timeoutSeconds;
    return weight === undefined
      ? { vcpu, durationSeconds, censored: true }
      : { vcpu, durationSeconds, censored: true, weight };
  }
  if (o.status !== 'succeeded' || o.runSeconds === undefined) return undefined;
  const sample = {
    vcpu,
    durationSeconds: o.runSeconds,
    inputMb: o.inputMb,
    cpuUtilisation: o.cpuUtilisation,
    cpuSource: o.cpuSource,
  };
  return weight === undefined ? sample : { ...sample, weight };
}

/** What an execution took from start to completion, retries included, scaled like its runs. */
function executionSampleOf(o: ExecutionObservation, weight?: number): DurationSample | undefined {
  const seconds = o.executionSeconds ?? (o.status === 'succeeded' ? o.runSeconds : undefined);
  if (seconds === undefined) return undefined;
  return weight === undefined
    ? { vcpu: o.limits.vcpu, durationSeconds: seconds }
    : { vcpu: o.limits.vcpu, durationSeconds: seconds, weight };
}

/**
 * What an execution would take at limits that no longer make it fail: a success as it ran, a
 * timed-out one as a run longer than its timeout (censored), an OOM-killed one left out (its full
 * run time is unknown). Today's durations keep every execution as it happened.
 */
function fixedExecutionSampleOf(
  o: ExecutionObservation,
  weight?: number,
): DurationSample | undefined {
  if (o.status === 'succeeded') return executionSampleOf(o, weight);
  if (o.status === 'failed' && o.timeoutAttempts > 0 && o.oomAttempts === 0) {
    const vcpu = o.limits.vcpu;
    const durationSeconds = o.limits.timeoutSeconds;
    return weight === undefined
      ? { vcpu, durationSeconds, censored: true }
      : { vcpu, durationSeconds, censored: true, weight };
  }
  return undefined;
}

/**
 * The set's kept executions as `pick` sees them, each with the weight it carries in a sampled set
 * (none in a whole one, so the models see exactly the executions).
 */
function weighted(
  set: ObservationSet,
  pick: (o: ExecutionObservation, weight?: number) => DurationSample | undefined,
): DurationSample[] {
  const { observations, weights } = set.sample();
  const out: DurationSample[] = [];
  for (let i = 0; i < observations.length; i += 1) {
    const o = observations[i] as ExecutionObservation;
    const picked = weights ? pick(o, weights[i]) : pick(o);
    if (picked !== undefined) out.push(picked);
  }
  return out;
}

/** Mean OOM-killed attempt ÷ mean full run at the same vCPU, from executions that OOM'd. */
function oomAttemptShare(set: ObservationSet, model: DurationModel): number {
  let share = 0;
  let count = 0;
  // The mean pass is O(executions): once per vCPU value, not once per OOM.
  const meanByVcpu = new Map<number, number>();
  const { observations, weights } = set.sample();
  for (let i = 0; i < observations.length; i += 1) {
    const o = observations[i] as ExecutionObservation;
    if (o.oomAttempts === 0 || o.executionSeconds === undefined || !(o.attempts > 0)) continue;
    let fullRun = meanByVcpu.get(o.limits.vcpu);
    if (fullRun === undefined) {
      fullRun = projectedMeanSeconds(model, o.limits.vcpu);
      meanByVcpu.set(o.limits.vcpu, fullRun);
    }
    const attemptSeconds = o.executionSeconds / o.attempts;
    if (!(fullRun > 0) || !Number.isFinite(attemptSeconds)) continue;
    const w = weights ? (weights[i] as number) : 1;
    share += w * Math.min(1, attemptSeconds / fullRun);
    count += w;
  }
  return count === 0 ? 1 : Math.max(0.05, share / count);
}

function trustedCpuShare(set: ObservationSet): number {
  if (set.count === 0) return 0;
  return set.tally.trustedCpu / set.count;
}

function sameLimits(a: Limits, b: Limits): boolean {
  return (
    a.vcpu === b.vcpu &&
    a.memoryBytes === b.memoryBytes &&
    a.timeoutSeconds === b.timeoutSeconds &&
    a.maxRetries === b.maxRetries
  );
}

/** Today's cost as billed, when enough executions ran at today's limits to measure it. */
function anchorCurrent(
  modelled: Projection,
  observed: RecommendInput['observedCurrent'],
  executionsPerMonth: number,
): { projection: Projection; basis: 'observed' | 'projected' } {
  if (!observed || observed.executions < MIN_EXECUTIONS || !(observed.costUsd >= 0)) {
    return { projection: modelled, basis: 'projected' };
  }
  const costPerExecutionUsd = observed.costUsd / observed.executions;
  return {
    projection: {
      ...modelled,
      costPerExecutionUsd,
      monthlyCostUsd: costPerExecutionUsd * executionsPerMonth,
    },
    basis: 'observed',
  };
}

/**
 * A thin tier (at least this many executions, fewer than MIN_EXECUTIONS) is still recommended for
 * when the job's other tiers teach how memory grows with the work: they run the same program.
 */
export const MIN_EXECUTIONS_BORROWING = 10;

/**
 * Where the tier ran at one vCPU value but the job's executions ran at several, the tier takes the
 * job's measured parallel fraction (same program; the tier's own runs still give the durations).
 */
function borrowScaling(
  own: DurationModel,
  jobObservations: ObservationSet | undefined,
  observations: ObservationSet,
): DurationModel {
  if (own.basis === 'vcpu-history' || !jobObservations) return own;
  if (jobObservations.count <= observations.count) return own;
  const pooled = pooledDurationModel(jobObservations);
  if (pooled.basis !== 'vcpu-history') return own;
  return {
    ...own,
    basis: 'vcpu-history',
    parallelFraction: pooled.parallelFraction,
    notes: [
      ...own.notes,
      "The effect of vCPU is measured on the job's executions at several vCPU values (all tiers), not on this tier alone.",
    ],
  };
}

/** The job's duration model, fitted once for all its tiers. */
const POOLED_DURATIONS = new WeakMap<ObservationSet, DurationModel>();

function pooledDurationModel(job: ObservationSet): DurationModel {
  let model = POOLED_DURATIONS.get(job);
  if (!model) {
    model = fitDurationModel(weighted(job, durationSample));
    POOLED_DURATIONS.set(job, model);
  }
  return model;
}

function memoryBasis(memory: MemoryModel): Recommendation['memoryModel']['basis'] {
  if (!memory.fit.coefficients) return 'percentiles';
  return memory.pooled ? 'pooled-fit' : 'fit';
}

/**
 * The models every projection of this tier uses, learnt once from its observations: the models
 * from the set's sample (the whole history below SAMPLE_STRATUM_LIMIT executions per vCPU value
 * and outcome), counts and rates from every execution.
 */
function projectionContextOf(input: RecommendInput) {
  const { priceBook } = input;
  const observations = ObservationSet.of(input.observations);
  const job = input.jobObservations && ObservationSet.of(input.jobObservations);
  const samples = weighted(observations, durationSample);
  const model = borrowScaling(fitDurationModel(samples), job, observations);
  const todayExecutionModel = withDurations(model, weighted(observations, executionSampleOf));
  // Other limits are judged without today's failures, which the budget keeps them from repeating.
  const fixed = weighted(observations, fixedExecutionSampleOf);
  const executionModel = fixed.length > 0 ? withDurations(model, fixed) : todayExecutionModel;
  const peaks = peakDistribution(observations);
  const memory = buildMemoryModel(observations, job);
  const windowDays =
    input.windowDays > 0 && Number.isFinite(input.windowDays) ? input.windowDays : DAYS_PER_MONTH;
  const executionsPerMonth = (observations.count / windowDays) * DAYS_PER_MONTH;
  const budget = failureBudget(observations, executionsPerMonth, input.maxFailureRate);
  const context: ProjectionContext = {
    model,
    executionModel,
    memory,
    errors: errorRate(job ?? observations),
    budgetRate: budget.rate,
    priceBook,
    executionsPerMonth,
    oomAttemptShare: oomAttemptShare(observations, model),
  };
  return {
    context,
    model,
    peaks,
    memory,
    budget,
    executionsPerMonth,
    todayExecutionModel,
    observations,
  };
}

/**
 * The projected effect of any limit set, by the same models the recommendation used; today's
 * limits are projected with today's failures and get the same measured anchor as the
 * recommendation's `projectedCurrent`.
 */
export function projectLimitsFor(input: RecommendInput, limits: Limits): Projection {
  const { context, executionsPerMonth, todayExecutionModel } = projectionContextOf(input);
  if (!sameLimits(limits, input.current)) return projectLimits(context, limits);
  const today = projectLimits({ ...context, executionModel: todayExecutionModel }, limits);
  return anchorCurrent(today, input.observedCurrent, executionsPerMonth).projection;
}

/** A limit set's projection with the tier's failure budget it is held to and its monthly volume. */
export type LimitsAssessment = {
  readonly projection: Projection;
  readonly failureBudget: FailureBudget;
  readonly executionsPerMonth: number;
};

/** `projectLimitsFor` with the failure budget and volume the projection is judged against. */
export function assessLimitsFor(input: RecommendInput, limits: Limits): LimitsAssessment {
  const { budget, executionsPerMonth } = projectionContextOf(input);
  return {
    projection: projectLimitsFor(input, limits),
    failureBudget: budget,
    executionsPerMonth,
  };
}

export function recommendLimits(input: RecommendInput): Recommendation {
  const { current } = input;
  const objective = input.objective ?? 'balanced';
  const {
    context,
    model,
    peaks,
    memory,
    budget,
    executionsPerMonth,
    todayExecutionModel,
    observations,
  } = projectionContextOf(input);
  const retries = adviseRetries(observations, current.maxRetries);
  const memoryFacts = memoryWish(peaks, current.memoryBytes);
  const today = anchorCurrent(
    projectLimits({ ...context, executionModel: todayExecutionModel }, current),
    input.observedCurrent,
    executionsPerMonth,
  );
  const projectedCurrent = today.projection;
  const unknownDurations = observations.tally.unknownDurations;
  const curve = buildCurve(context, {
    maxRetries: retries.maxRetries,
    currentTimeoutSeconds: current.timeoutSeconds,
    currentVcpu: current.vcpu,
    unknownDurations,
  });
  const latencyTargetSeconds =
    input.latencyTargetSeconds ??
    todaysLatency(projectedCurrent, context, current, unknownDurations);
  let chosen: Candidate | undefined;
  const executions = observations.count;
  const borrowed =
    executions < MIN_EXECUTIONS &&
    executions >= MIN_EXECUTIONS_BORROWING &&
    memory.pooled &&
    memory.fit.coefficients !== null;
  if (executions >= MIN_EXECUTIONS || borrowed) {
    // Without evidence of how vCPU changes duration, vCPU stays (or rises only as memory needs).
    const allowed =
      model.basis === 'none' ? curve.filter((c) => c.limits.vcpu >= current.vcpu) : curve;
    chosen = chooseCandidate(allowed, objective, latencyTargetSeconds);
  }
  const recommended: Limits = chosen?.limits ?? current;
  const unchanged = sameLimits(recommended, current);
  const projected = chosen && !unchanged ? chosen.projection : projectedCurrent;
  const learningStep = memory.unboundedOoms > 0 && recommended.memoryBytes > current.memoryBytes;
  const { level, reasons } = assessConfidence({
    executions,
    memoryTrustedShare: peaks.trustedShare,
    cpuTrustedShare: trustedCpuShare(observations),
    basis: model.basis,
    vcpuChanged: recommended.vcpu !== current.vcpu,
    currentVcpu: current.vcpu,
    recommendedVcpu: recommended.vcpu,
    vcpuValuesSeen: new Set(model.groups.map((g) => g.vcpu)).size,
    memory,
    learningStep,
    budget,
    projected,
    pessimisticSaving: pessimisticSaving(context, recommended, current),
    borrowed,
  });
  const monthlySavingUsd = projectedCurrent.monthlyCostUsd - projected.monthlyCostUsd;
  return {
    objective,
    latencyTargetSeconds: objective === 'balanced' ? latencyTargetSeconds : null,
    current,
    recommended,
    changed: !unchanged,
    executions,
    executionsPerMonth,
    projectedCurrent,
    currentCostBasis: today.basis,
    projected,
    monthlySavingUsd,
    savingFraction:
      projectedCurrent.monthlyCostUsd > 0 ? monthlySavingUsd / projectedCurrent.monthlyCostUsd : 0,
    curve: curve.map((c) => c.projection),
    model: {
      basis: model.basis,
      parallelFraction: model.parallelFraction,
      sizeExponent: model.sizeExponent,
      notes: model.notes,
    },
    failureBudget: budget,
    memoryModel: {
      basis: memoryBasis(memory),
      bounded: memory.unboundedOoms === 0,
      learningStep,
      notes: memory.notes,
    },
    confidence: level,
    confidenceReasons: reasons,
    evidence: describeEvidence({
      tierLabel: input.tierLabel,
      peaks,
      memory: memoryFacts,
      memoryModel: memory,
      learningStep,
      budget,
      currentMemoryBytes: current.memoryBytes,
      retries,
      currentRetries: current.maxRetries,
      projectedCurrent,
      projected,
      executionsPerMonth,
    }),
  };
}

/**
 * The p95 `balanced` keeps. Runs killed by an OOM end early, so a tier that OOMs today looks faster
 * than its vCPU is: there the target is today's vCPU as the candidates are judged (runs that
 * complete), never stricter than today's measured p95.
 */
function todaysLatency(
  projectedCurrent: Projection,
  context: ProjectionContext,
  current: Limits,
  unknownDurations: number,
): number {
  if (unknownDurations === 0) return projectedCurrent.p95Seconds;
  const completing = projectLimits(context, current).p95Seconds;
  return Number.isFinite(completing)
    ? Math.max(projectedCurrent.p95Seconds, completing)
    : projectedCurrent.p95Seconds;
}

/**
 * Today's monthly cost minus the recommendation's, both at the pessimistic end of the vCPU scaling
 * (the q that makes the recommended vCPU look worst): a move that only pays off at the optimistic
 * end is not one to be sure of.
 */
function pessimisticSaving(
  context: ProjectionContext,
  recommended: Limits,
  current: Limits,
): number {
  const { low, high } = context.model.parallelFraction;
  const savings = [low, high].map((q) => {
    const at = (limits: Limits) =>
      projectLimits(
        {
          ...context,
          model: { ...context.model, parallelFraction: { low: q, estimate: q, high: q } },
        },
        limits,
      ).monthlyCostUsd;
    return at(current) - at(recommended);
  });
  return Math.min(...savings);
}
