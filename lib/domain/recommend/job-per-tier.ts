/**
 * Whether one job per tier would cost less than one shared job. Cloud Run cannot set resources per
 * execution, so a shared job must carry limits big enough for its largest tier; separate jobs let each
 * tier have its own. Compared at their best limits on both sides, so the saving is from the split.
 */
import { formatPercent, formatUsd } from '../../format';
import type { Recommendation } from './types';

/** Below this saving (share of the shared job's cost, and USD a month) the split is not advised. */
export const JOB_PER_TIER_MIN_SAVING_FRACTION = 0.05;
export const JOB_PER_TIER_MIN_SAVING_USD = 1;

export type JobPerTierAdvice = {
  readonly advise: boolean;
  /** The shared job at its own recommended limits. */
  readonly sharedMonthlyCostUsd: number;
  /** The shared job as it is configured today. */
  readonly sharedCurrentMonthlyCostUsd: number;
  /** Each tier in its own job at its recommended limits, summed. */
  readonly perTierMonthlyCostUsd: number;
  readonly monthlySavingUsd: number;
  readonly savingFraction: number;
  readonly text: string;
};

export type JobPerTierInput = {
  /** The recommendation for all executions of the shared job taken together. */
  readonly shared: Recommendation;
  /** One recommendation per tier (the unclassified group included if it has executions). */
  readonly tiers: readonly Recommendation[];
};

export function adviseJobPerTier({ shared, tiers }: JobPerTierInput): JobPerTierAdvice {
  const sharedMonthlyCostUsd = shared.projected.monthlyCostUsd;
  const perTierMonthlyCostUsd = tiers.reduce((total, t) => total + t.projected.monthlyCostUsd, 0);
  const monthlySavingUsd = sharedMonthlyCostUsd - perTierMonthlyCostUsd;
  const savingFraction = sharedMonthlyCostUsd > 0 ? monthlySavingUsd / sharedMonthlyCostUsd : 0;
  const enoughData = shared.confidence !== 'not-enough-data' && tiers.length > 1;
  const advise =
    enoughData &&
    savingFraction >= JOB_PER_TIER_MIN_SAVING_FRACTION &&
    monthlySavingUsd >= JOB_PER_TIER_MIN_SAVING_USD;
  const text = !enoughData
    ? 'Not enough history to compare one shared job with one job per tier.'
    : advise
      ? `One job per tier would cost ${formatUsd(perTierMonthlyCostUsd)} a month instead of ${formatUsd(sharedMonthlyCostUsd)} for one shared job at its best limits: ${formatUsd(monthlySavingUsd)} (${formatPercent(savingFraction)}) less. Route each tier to its own job with the limits recommended for it.`
      : `One job per tier would cost ${formatUsd(perTierMonthlyCostUsd)} a month against ${formatUsd(sharedMonthlyCostUsd)} for one shared job at its best limits; the difference is too small to be worth a split.`;
  return {
    advise,
    sharedMonthlyCostUsd,
    sharedCurrentMonthlyCostUsd: shared.projectedCurrent.monthlyCostUsd,
    perTierMonthlyCostUsd,
    monthlySavingUsd,
    savingFraction,
    text,
  };
}
