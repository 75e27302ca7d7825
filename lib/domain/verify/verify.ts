/**
 * Did an applied change deliver? Per tier, executions since the apply against the projection frozen
 * in the change (or, for figures it did not project, the same tier before), each with a 95 %
 * interval from its own count, and a verdict. Failures are judged as soon as the interval allows
 * (a handful of OOMs on a lowered limit is enough); cost and duration wait for MIN_EXECUTIONS.
 */
import { sortFinite } from '../stats';
import { meanInterval, quantileInterval, wilsonInterval, type Estimate } from './intervals';
import {
  FAILURE_METRICS,
  type ChangeVerification,
  type ExecutionOutcome,
  type FrozenProjection,
  type Metric,
  type MetricComparison,
  type MetricOutcome,
  type TierVerification,
  type TierVerificationInput,
  type Verdict,
} from './types';

/** The same threshold reports use before trusting an observed cost (DESIGN §8). */
export const MIN_EXECUTIONS = 30;
/** Differences smaller than these are "as projected": cost 5 %, duration 10 % (run-to-run noise). */
export const COST_TOLERANCE = 0.05;
export const DURATION_TOLERANCE = 0.1;
const DAYS_PER_MONTH = 30;

const point = (value: number, n: number): Estimate => ({ value, low: value, high: value, n });

/** Lower is better: worse when the whole interval is above the reference's, better when below. */
function judge(
  after: Estimate | null,
  expected: Estimate | null,
  tolerance: number,
): MetricOutcome {
  if (!after || !expected) return 'unknown';
  if (after.low > expected.high * (1 + tolerance)) return 'worse';
  if (after.high < expected.low * (1 - tolerance)) return 'better';
  return 'as-projected';
}

function compare(
  metric: Metric,
  after: Estimate | null,
  before: Estimate | null,
  projected: Estimate | null,
  tolerance: number,
): MetricComparison {
  const reference = projected ? 'projection' : before ? 'before' : 'none';
  const expected = projected ?? before;
  return { metric, after, before, reference, expected, outcome: judge(after, expected, tolerance) };
}

function rate(runs: readonly ExecutionOutcome[], hit: (run: ExecutionOutcome) => boolean) {
  return wilsonInterval(runs.filter(hit).length, runs.length);
}

/** A projected probability is as sure as the executions it was drawn from. */
function projectedRate(p: number | undefined, projection: FrozenProjection | null) {
  if (p === undefined || !projection) return null;
  return wilsonInterval(p * projection.executions, projection.executions);
}

function durations(runs: readonly ExecutionOutcome[]) {
  return sortFinite(
    runs.flatMap((run) => (run.durationSeconds === undefined ? [] : [run.durationSeconds])),
  );
}

function comparisons(input: TierVerificationInput): MetricComparison[] {
  const { before, after, projection } = input;
  const costs = (runs: readonly ExecutionOutcome[]) => runs.map((run) => run.costUsd);
  const projectedCost = projection?.costPerExecutionUsd;
  const projectedP95 = projection?.p95Seconds;
  const [durationsBefore, durationsAfter] = [durations(before), durations(after)];
  const oom = (run: ExecutionOutcome) => run.oomAttempts > 0;
  const timeout = (run: ExecutionOutcome) => run.timeoutAttempts > 0;
  const failed = (run: ExecutionOutcome) => run.failed;
  return [
    compare(
      'costPerExecution',
      meanInterval(costs(after)),
      meanInterval(costs(before)),
      projectedCost === undefined ? null : point(projectedCost, projection?.executions ?? 0),
      COST_TOLERANCE,
    ),
    compare(
      'durationP50',
      quantileInterval(durationsAfter, 0.5),
      quantileInterval(durationsBefore, 0.5),
      null,
      DURATION_TOLERANCE,
    ),
    compare(
      'durationP95',
      quantileInterval(durationsAfter, 0.95),
      quantileInterval(durationsBefore, 0.95),
      projectedP95 === undefined ? null : point(projectedP95, projection?.executions ?? 0),
      DURATION_TOLERANCE,
    ),
    compare(
      'oomRate',
      rate(after, oom),
      rate(before, oom),
      projectedRate(projection?.oomProbability, projection),
      0,
    ),
    compare(
      'timeoutRate',
      rate(after, timeout),
      rate(before, timeout),
      projectedRate(projection?.timeoutProbability, projection),
      0,
    ),
    // No failure rate is projected: the budget is "no more failed executions than before".
    compare('failureRate', rate(after, failed), rate(before, failed), null, 0),
  ];
}

const LABELS: Record<Metric, string> = {
  costPerExecution: 'cost per execution',
  durationP50: 'p50 duration',
  durationP95: 'p95 duration',
  oomRate: 'OOM rate',
  timeoutRate: 'timeout rate',
  failureRate: 'failure rate',
};

const REFERENCE_WORDS = { projection: 'the projection', before: 'before the change', none: '' };

function reasonOf(comparison: MetricComparison): string | null {
  const { outcome, metric, reference } = comparison;
  if (outcome === 'unknown' || outcome === 'as-projected') return null;
  const direction = outcome === 'worse' ? 'above' : 'below';
  return `The ${LABELS[metric]} since the apply is ${direction} ${REFERENCE_WORDS[reference]}, beyond its interval.`;
}

function monthlyFigures(
  input: TierVerificationInput,
  cost: MetricComparison,
): TierVerification['monthly'] {
  const n = input.after.length;
  const perMonth = input.afterDays > 0 ? (n / input.afterDays) * DAYS_PER_MONTH : 0;
  const scale = (e: Estimate | null) =>
    e && perMonth > 0
      ? { value: e.value * perMonth, low: e.low * perMonth, high: e.high * perMonth, n: e.n }
      : null;
  const beforeMean = cost.before?.value;
  const saving =
    cost.after && beforeMean !== undefined
      ? {
          value: beforeMean - cost.after.value,
          low: beforeMean - cost.after.high,
          high: beforeMean - cost.after.low,
          n: cost.after.n,
        }
      : null;
  return {
    executionsPerMonth: perMonth,
    realisedCostUsd: scale(cost.after),
    realisedSavingUsd: scale(saving),
    projectedCostUsd: input.projection?.monthlyCostUsd ?? null,
    projectedSavingUsd: input.projection?.monthlySavingUsd ?? null,
  };
}

function verdictOf(metrics: readonly MetricComparison[], n: number): [Verdict, number] {
  const outcome = (metric: Metric) => metrics.find((each) => each.metric === metric)?.outcome;
  if (FAILURE_METRICS.some((metric) => outcome(metric) === 'worse')) return ['worse', 0];
  if (n < MIN_EXECUTIONS) return ['too-early', MIN_EXECUTIONS - n];
  if (metrics.some((each) => each.outcome === 'worse')) return ['worse', 0];
  if (outcome('costPerExecution') === 'better') return ['better', 0];
  return ['as-projected', 0];
}

export function verifyTier(input: TierVerificationInput): TierVerification {
  const metrics = comparisons(input);
  const [verdict, executionsNeeded] = verdictOf(metrics, input.after.length);
  const failuresAboveExpected = metrics
    .filter((each) => (FAILURE_METRICS as readonly Metric[]).includes(each.metric))
    .filter((each) => each.outcome === 'worse')
    .map((each) => each.metric);
  const reasons = metrics.flatMap((each) => reasonOf(each) ?? []);
  if (verdict === 'too-early') {
    reasons.unshift(
      `${input.after.length} of the ${MIN_EXECUTIONS} executions needed have run since the apply; ${executionsNeeded} more to tell.`,
    );
  }
  if (!input.projection)
    reasons.push(
      'No projection was frozen for these limits; compared with the tier before the change.',
    );
  const cost = metrics[0] as MetricComparison;
  return {
    tier: input.tier,
    executionsBefore: input.before.length,
    executionsAfter: input.after.length,
    metrics,
    monthly: monthlyFigures(input, cost),
    verdict,
    executionsNeeded,
    failuresAboveExpected,
    reasons,
  };
}

const RANK: Record<Verdict, number> = { worse: 3, 'too-early': 2, 'as-projected': 1, better: 0 };

/** The change's verdict is its worst tier's; "better" only when every tier is better. */
export function verifyChange(tiers: readonly TierVerificationInput[]): ChangeVerification {
  const verified = tiers.map(verifyTier);
  const verdict = verified.reduce<Verdict>(
    (worst, tier) => (RANK[tier.verdict] > RANK[worst] ? tier.verdict : worst),
    verified.length === 0 ? 'too-early' : 'better',
  );
  const needed = Math.max(
    verified.length === 0 ? MIN_EXECUTIONS : 0,
    ...verified.map((tier) => tier.executionsNeeded),
  );
  return {
    verdict,
    executionsNeeded: verdict === 'too-early' ? needed : 0,
    tiers: verified,
    failuresAboveExpected: verified.some((tier) => tier.failuresAboveExpected.length > 0),
  };
}
