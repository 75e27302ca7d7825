/**
 * `buildJobReport`: one pass over a job's executions → the per-tier report. Attribution sorts the
 * execution windows once; everything else is sums, sketches and bounded samples, so the report
 * stays fast at a million executions.
 */
import type { ExecutionAttribution } from '../attribution';
import { attributorOf, lastAttemptMean } from './attribute-pass';
import {
  DailyCost,
  billedAllocation,
  executionCost,
  executionRunTime,
  reconcile,
  type ExecutionRunTime,
} from '../cost';
import {
  DEFAULT_PAYLOAD_MAPPING,
  extractFeaturesFromValue,
  type PayloadMapping,
  type WorkloadFeatures,
} from '../payload';
import type { ExecutionRecord } from '../records';
import type { Limits } from '../limits';
import {
  assessLimitsFor,
  DAYS_PER_MONTH,
  ObservationSet,
  projectLimitsFor,
  type LimitsAssessment,
  type Projection,
} from '../recommend';
import { UNCLASSIFIED, classify, describeTierBounds } from '../tiers';
import { checkInput, reportInputs, type JobReportInput } from './input';
import {
  adviseJob,
  recommendTier,
  tierRecommendInput,
  type RecommendContext,
} from './recommendations';
import { TaskLookup } from './task-lookup';
import { TierAccumulator } from './tier-accumulator';
import {
  REPORT_SCHEMA_VERSION,
  type JobReport,
  type TierReport,
  type UnclassifiedReport,
} from './types';
import { collectWarnings, type PassFacts } from './warnings';

type Features = { features: WorkloadFeatures } | { reason: string };

const NO_PAYLOAD: Features = { reason: 'The execution has no JOB_PAYLOAD.' };

/**
 * Features already read from one parsed payload value under one mapping. A listing parses each
 * execution's JOB_PAYLOAD on its own, so this pays off only where parsed values are shared (a
 * ledger's or a test's); reading itself is a short loop over the items either way.
 */
const FEATURES = new WeakMap<PayloadMapping, WeakMap<object, Features>>();

function readFeatures(execution: ExecutionRecord, mapping: PayloadMapping): Features {
  const payload = execution.payload;
  if (payload.state === 'absent') return NO_PAYLOAD;
  if (payload.state === 'unreadable') return { reason: payload.reason };
  const value = payload.value;
  const shared = typeof value === 'object' && value !== null;
  let known = shared ? FEATURES.get(mapping) : undefined;
  const seen = known?.get(value as object);
  if (seen) return seen;
  const result = extractFeaturesFromValue(value, mapping);
  const read: Features = result.ok ? { features: result.features } : { reason: result.reason };
  if (shared) {
    if (!known) {
      known = new WeakMap();
      FEATURES.set(mapping, known);
    }
    known.set(value as object, read);
  }
  return read;
}

/** Seconds of [a, b] inside the window. */
function secondsInside(startMs: number, endMs: number, window: JobReportInput['window']): number {
  return Math.max(0, Math.min(endMs, window.endMs) - Math.max(startMs, window.startMs)) / 1000;
}

/** The part of the window billing is compared over: up to the metered mark when it is earlier. */
function meteredWindow(input: JobReportInput): JobReportInput['window'] {
  const until = input.meteredUntilMs;
  if (until === undefined || until >= input.window.endMs) return input.window;
  return { startMs: input.window.startMs, endMs: Math.max(input.window.startMs, until) };
}

function inWindow(execution: ExecutionRecord, window: JobReportInput['window']): boolean {
  const at = execution.startMs ?? execution.createMs;
  return at >= window.startMs && at < window.endMs;
}

type PassState = PassFacts & {
  tiers: Map<string, TierAccumulator>;
  daily: DailyCost;
  /** Billed attempt seconds of the completed executions, clipped like `clippedUsage`. */
  clippedAttemptSeconds: number;
  /** The part of the window billing is compared over, worked out once per pass. */
  metered: JobReportInput['window'];
};

function newPass(input: JobReportInput): PassState {
  const tiers = new Map<string, TierAccumulator>();
  for (const tier of input.policy.tiers) tiers.set(tier.id, new TierAccumulator());
  tiers.set(UNCLASSIFIED, new TierAccumulator());
  return {
    tiers,
    daily: new DailyCost(),
    running: 0,
    runningUsage: { vcpuSeconds: 0, gibSeconds: 0 },
    clippedUsage: { vcpuSeconds: 0, gibSeconds: 0 },
    clippedAttemptSeconds: 0,
    metered: meteredWindow(input),
    straddling: 0,
    estimatedUsd: 0,
    unreadable: new Map(),
    firstStartMs: Number.POSITIVE_INFINITY,
  };
}

function addRunning(state: PassState, execution: ExecutionRecord, input: JobReportInput): void {
  state.running += 1;
  if (execution.startMs === undefined) return;
  const seconds = secondsInside(execution.startMs, input.nowMs, state.metered);
  const billed = billedAllocation(execution.limits, execution.sidecars);
  state.runningUsage.vcpuSeconds += billed.vcpu * seconds;
  state.runningUsage.gibSeconds += (billed.memoryBytes / 2 ** 30) * seconds;
}

function addCompleted(
  state: PassState,
  input: JobReportInput,
  execution: ExecutionRecord,
  run: ExecutionRunTime,
  attribution: ExecutionAttribution,
): void {
  const read = readFeatures(execution, input.payloadMapping ?? DEFAULT_PAYLOAD_MAPPING);
  const features = 'features' in read ? read.features : undefined;
  if ('reason' in read)
    state.unreadable.set(read.reason, (state.unreadable.get(read.reason) ?? 0) + 1);
  const tier = classify(features, input.policy);
  const cost = executionCost(
    execution.limits,
    run,
    attribution,
    input.priceBook,
    execution.sidecars,
  );
  state.tiers.get(tier)?.add({ execution, run, cost, attribution, features });
  const startMs = execution.startMs ?? execution.createMs;
  state.firstStartMs = Math.min(state.firstStartMs, startMs);
  state.daily.add(startMs, tier, cost.costUsd);
  if (run.estimated) state.estimatedUsd += cost.costUsd;
  // Metering sees only the part of a run inside the window: clip by the share of time inside.
  const endMs = execution.completionMs ?? startMs;
  const spanSeconds = (endMs - startMs) / 1000;
  const metered = state.metered;
  const share =
    spanSeconds > 0
      ? secondsInside(startMs, endMs, metered) / spanSeconds
      : startMs < metered.endMs
        ? 1
        : 0;
  if (share < 1 && share > 0) state.straddling += 1;
  state.clippedUsage.vcpuSeconds += cost.vcpuSeconds * share;
  state.clippedUsage.gibSeconds += cost.gibSeconds * share;
  state.clippedAttemptSeconds += run.billedSeconds * share;
}

function unclassifiedReport(state: PassState, report: TierReport): UnclassifiedReport {
  const unreadable = [...state.unreadable]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);
  return { ...report, unreadable };
}

/** Every tier's finished executions as one set (unclassified included), in the tiers' order. */
function jobObservationsOf(state: PassState): ObservationSet {
  return ObservationSet.merge([...state.tiers.values()].map((a) => a.observations()));
}

type Finished = { accumulator: TierAccumulator; report: TierReport };

function finishTiers(input: JobReportInput, state: PassState, base: RecommendContext) {
  // Every tier of the job runs the same program: each tier's recommendation learns from them all.
  const jobObservations = jobObservationsOf(state);
  const context: RecommendContext = { ...base, jobObservations };
  const finish = (id: string, identity: Parameters<TierAccumulator['finish']>[0]): Finished => {
    const accumulator = state.tiers.get(id) as TierAccumulator;
    const recommendation = recommendTier(accumulator, identity.label, context);
    return {
      accumulator,
      report: accumulator.finish(identity, recommendation, context.windowDays),
    };
  };
  const tiers = input.policy.tiers.map((tier) =>
    finish(tier.id, {
      id: tier.id,
      label: tier.label,
      bounds: describeTierBounds(tier),
      jobName: tier.jobName ?? null,
    }),
  );
  const unclassified = finish(UNCLASSIFIED, {
    id: UNCLASSIFIED,
    label: 'Unclassified',
    bounds: 'JOB_PAYLOAD could not be read',
    jobName: null,
  });
  const served = [...tiers, unclassified].map(({ accumulator, report }) => ({
    accumulator,
    recommendation: report.recommendation,
    unclassified: report.id === UNCLASSIFIED,
  }));
  return {
    tiers: tiers.map((t) => t.report),
    unclassified: unclassifiedReport(state, unclassified.report),
    jobPerTierAdvice: adviseJob(served, context),
  };
}

/** The single pass: every execution costed, attributed and added to its tier. */
function runPass(input: JobReportInput) {
  checkInput(input);
  const tasks = new TaskLookup(input.tasks);
  const attribute = attributorOf(input);
  const state = newPass(input);
  input.executions.forEach((execution, i) => {
    const tasksOfExecution = tasks.tasksOf(execution);
    if (!inWindow(execution, input.window)) return;
    if (execution.status === 'running') {
      addRunning(state, execution, input);
      return;
    }
    const run = executionRunTime(execution, tasksOfExecution);
    // Figures attributed earlier from the same kind of reading (the ledger's) are not redone.
    const attribution =
      input.attributed?.get(execution.id) ?? attribute(execution, i, lastAttemptMean(run));
    addCompleted(state, input, execution, run, attribution);
  });
  const inputs = reportInputs(input);
  const context: RecommendContext = {
    windowDays: inputs.window.dataDays ?? inputs.window.days,
    priceBook: input.priceBook,
    objective: input.objective,
    jobLimits: input.jobLimits,
    ...(input.maxFailureRate !== undefined && { maxFailureRate: input.maxFailureRate }),
  };
  return { state, inputs, context };
}

/**
 * The projected effect of exactly `limits` on one tier, by the models its recommendation uses:
 * what the change form shows for the limits being typed. Null for a tier the policy lacks or with
 * no known limits.
 */
export function projectTierLimits(
  input: JobReportInput,
  tierId: string,
  limits: Limits,
): Projection | null {
  const recommendInput = tierInputOf(input, tierId);
  return recommendInput ? projectLimitsFor(recommendInput, limits) : null;
}

/** `projectTierLimits` with the tier's failure budget and monthly volume: what the change form shows. */
export function assessTierLimits(
  input: JobReportInput,
  tierId: string,
  limits: Limits,
): LimitsAssessment | null {
  const recommendInput = tierInputOf(input, tierId);
  return recommendInput ? assessLimitsFor(recommendInput, limits) : null;
}

/** The tier's recommendation input, with the job-wide evidence `finishTiers` gives it. */
function tierInputOf(input: JobReportInput, tierId: string) {
  const { state, context } = runPass(input);
  const accumulator = state.tiers.get(tierId);
  const label = input.policy.tiers.find((tier) => tier.id === tierId)?.label ?? tierId;
  const jobObservations = jobObservationsOf(state);
  return accumulator
    ? tierRecommendInput(accumulator, label, { ...context, jobObservations })
    : null;
}

export function buildJobReport(input: JobReportInput): JobReport {
  const { state, inputs, context } = runPass(input);
  const { tiers, unclassified, jobPerTierAdvice } = finishTiers(input, state, context);
  const all = [...tiers, unclassified];
  const sum = (pick: (t: (typeof all)[number]) => number) =>
    all.reduce((total, tier) => total + pick(tier), 0);
  const reconciliation = reconcile({
    window: meteredWindow(input),
    nowMs: input.nowMs,
    book: input.priceBook,
    computedUsage: state.clippedUsage,
    meteredPoints: input.allocationPoints,
    attempts: sum((t) => t.attempts),
    attemptSeconds: state.clippedAttemptSeconds,
    runningUsage: state.runningUsage,
    runningExecutions: state.running,
    estimatedUsd: state.estimatedUsd,
    straddlingExecutions: state.straddling,
  });
  const costUsd = sum((t) => t.cost.costUsd);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    inputs,
    tiers,
    unclassified,
    totals: {
      executions: sum((t) => t.executions),
      succeeded: sum((t) => t.succeeded),
      failed: sum((t) => t.failed),
      cancelled: sum((t) => t.cancelled),
      running: state.running,
      attempts: sum((t) => t.attempts),
      billedRetries: sum((t) => t.billedRetries),
      costUsd,
      failureCostUsd: sum((t) => t.cost.failureCostUsd),
      wasteUsd: sum((t) => t.cost.wasteUsd),
      monthlyCostUsd: (costUsd / (inputs.window.dataDays ?? inputs.window.days)) * DAYS_PER_MONTH,
      monthlySavingUsd: sum((t) => t.recommendation?.monthlySavingUsd ?? 0),
    },
    costByDay: state.daily.series(
      [...input.policy.tiers.map((t) => t.id), UNCLASSIFIED],
      input.window,
    ),
    reconciliation,
    jobPerTierAdvice,
    warnings: collectWarnings(input, state, all, reconciliation),
  };
}
