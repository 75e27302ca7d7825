/** What verifying an applied change takes and gives. Plain values: USD, seconds, rates 0–1. */
import type { Estimate } from './intervals';

/** One finished execution of the tier, costed at the limits it ran with (every attempt). */
export interface ExecutionOutcome {
  readonly costUsd: number;
  /** Start to completion, retries included; undefined when Cloud Run did not say. */
  readonly durationSeconds?: number;
  readonly failed: boolean;
  readonly oomAttempts: number;
  readonly timeoutAttempts: number;
}

/** The projection frozen in the change for these exact limits (absent figures: none was made). */
export interface FrozenProjection {
  readonly costPerExecutionUsd?: number;
  readonly monthlyCostUsd?: number;
  readonly monthlySavingUsd?: number;
  readonly p95Seconds?: number;
  /** Share of executions projected to have an attempt killed for memory / by the timeout. */
  readonly oomProbability?: number;
  readonly timeoutProbability?: number;
  /** How many executions the projection was drawn from: its own uncertainty. */
  readonly executions: number;
}

export interface TierVerificationInput {
  readonly tier: string;
  readonly before: readonly ExecutionOutcome[];
  readonly after: readonly ExecutionOutcome[];
  readonly projection: FrozenProjection | null;
  /** Days since the apply, to scale the executions seen to a month. */
  readonly afterDays: number;
}

export const METRICS = [
  'costPerExecution',
  'durationP50',
  'durationP95',
  'oomRate',
  'timeoutRate',
  'failureRate',
] as const;
export type Metric = (typeof METRICS)[number];

export const FAILURE_METRICS = ['oomRate', 'timeoutRate', 'failureRate'] as const;

/** For every metric lower is better. `unknown`: nothing to compare with yet. */
export type MetricOutcome = 'better' | 'as-projected' | 'worse' | 'unknown';

export interface MetricComparison {
  readonly metric: Metric;
  readonly after: Estimate | null;
  readonly before: Estimate | null;
  /** What `after` is judged against: the frozen projection, or the tier before the change. */
  readonly reference: 'projection' | 'before' | 'none';
  /** The reference's interval (a projection's from the executions it was drawn from). */
  readonly expected: Estimate | null;
  readonly outcome: MetricOutcome;
}

export const VERDICTS = ['as-projected', 'better', 'worse', 'too-early'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface MonthlyFigures {
  /** Executions a month at the rate seen since the apply. */
  readonly executionsPerMonth: number;
  readonly realisedCostUsd: Estimate | null;
  /** (before − after) cost per execution × executions a month: the saving actually made. */
  readonly realisedSavingUsd: Estimate | null;
  readonly projectedCostUsd: number | null;
  readonly projectedSavingUsd: number | null;
}

export interface TierVerification {
  readonly tier: string;
  readonly executionsBefore: number;
  readonly executionsAfter: number;
  readonly metrics: readonly MetricComparison[];
  readonly monthly: MonthlyFigures;
  readonly verdict: Verdict;
  /** For `too-early`: how many more executions it takes; 0 otherwise. */
  readonly executionsNeeded: number;
  /** Failure rates after the apply above their expected interval: the case for a rollback. */
  readonly failuresAboveExpected: readonly Metric[];
  /** One sentence per finding, as shown beside the verdict. */
  readonly reasons: readonly string[];
}

export interface ChangeVerification {
  readonly verdict: Verdict;
  readonly executionsNeeded: number;
  readonly tiers: readonly TierVerification[];
  readonly failuresAboveExpected: boolean;
}
