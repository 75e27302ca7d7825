/**
 * The recommendation per tier and the one-job-per-tier advice, from the observations the report's
 * single pass gathered. Same price book and the same window volume scaled to 30 days as the
 * report's cost figures, so savings compare with them.
 */
import type { PriceBook } from '../pricing';
import {
  adviseJobPerTier,
  ObservationSet,
  recommendLimits,
  type JobPerTierAdvice,
  type Objective,
  type Recommendation,
  type RecommendInput,
} from '../recommend';
import type { ResourceLimits } from '../records';
import type { TierAccumulator } from './tier-accumulator';

export type RecommendContext = {
  readonly windowDays: number;
  readonly priceBook: PriceBook;
  readonly objective: Objective;
  /** The job's limits as configured now, when known: the fallback for a tier with no executions. */
  readonly jobLimits?: ResourceLimits;
  /** Finished executions of every tier of the job, for what the tiers learn from each other. */
  readonly jobObservations?: ObservationSet;
  /** The job's failure budget cap, as a share of executions; the engine's default when absent. */
  readonly maxFailureRate?: number;
};

/** What the recommendation engine is given for one tier; null when no limits are known. */
export function tierRecommendInput(
  accumulator: TierAccumulator,
  tierLabel: string,
  context: RecommendContext,
): RecommendInput | null {
  const current = accumulator.newest()?.limits ?? context.jobLimits;
  if (!current) return null;
  const observedCurrent = accumulator.ranAt(current);
  return {
    observations: accumulator.observations(),
    current,
    windowDays: context.windowDays,
    priceBook: context.priceBook,
    objective: context.objective,
    tierLabel,
    ...(observedCurrent && { observedCurrent }),
    ...(context.jobObservations && { jobObservations: context.jobObservations }),
    ...(context.maxFailureRate !== undefined && { maxFailureRate: context.maxFailureRate }),
  };
}

export function recommendTier(
  accumulator: TierAccumulator,
  tierLabel: string,
  context: RecommendContext,
): Recommendation | null {
  const input = tierRecommendInput(accumulator, tierLabel, context);
  return input ? recommendLimits(input) : null;
}

type Served = {
  readonly accumulator: TierAccumulator;
  readonly recommendation: Recommendation;
  readonly unclassified: boolean;
};

/** Null unless the job served more than one tier (unclassified counted) in the window. */
export function adviseJob(
  served: readonly (Served | (Omit<Served, 'recommendation'> & { recommendation: null }))[],
  context: RecommendContext,
): JobPerTierAdvice | null {
  const used = served.filter(
    (s): s is Served => s.recommendation !== null && s.accumulator.observations().count > 0,
  );
  // Unreadable payloads land in a tier-specific job too: only policy tiers make a job shared.
  if (used.filter((s) => !s.unclassified).length < 2) return null;
  const newest = used
    .map((s) => s.accumulator.newest())
    .reduce((a, b) => (b && (!a || b.startMs > a.startMs) ? b : a), undefined);
  const current = context.jobLimits ?? newest?.limits;
  if (!current) return null;
  const observations = ObservationSet.merge(used.map((s) => s.accumulator.observations()));
  let executions = 0;
  let costUsd = 0;
  for (const { accumulator } of used) {
    const ran = accumulator.ranAt(current);
    executions += ran?.executions ?? 0;
    costUsd += ran?.costUsd ?? 0;
  }
  const shared = recommendLimits({
    observations,
    current,
    observedCurrent: { executions, costUsd },
    windowDays: context.windowDays,
    priceBook: context.priceBook,
    objective: context.objective,
    ...(context.maxFailureRate !== undefined && { maxFailureRate: context.maxFailureRate }),
  });
  return adviseJobPerTier({ shared, tiers: used.map((s) => s.recommendation) });
}
