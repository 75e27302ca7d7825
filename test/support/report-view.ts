/** A small report built by the real engine, plus a recommendation, for the dashboard's tests. */
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { recommendLimits, type Recommendation } from '@/lib/domain/recommend';
import { LIMITS_2_4, tierObservations } from '@/test/support/observations';
import { buildJobReport, type JobReport, type TierReport } from '@/lib/domain/report';
import { T0, clips, execution } from '@/test/support/report-records';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';

const DAY = 86_400_000;
const M = 60_000;
export const BOOK = findPriceBook('jobs-tier1') as PriceBook;

/** Three days: 30 small runs of 60 s, 5 medium runs of 200 s, 2 unreadable payloads. */
export function sampleReport(): JobReport {
  const small = Array.from({ length: 30 }, (_, i) =>
    execution({ id: `s${i}`, startMs: T0 + i * 90 * M, seconds: 60, payload: clips(2, 20) }),
  );
  const medium = Array.from({ length: 5 }, (_, i) =>
    execution({ id: `m${i}`, startMs: T0 + DAY + i * 60 * M, seconds: 200, payload: clips(5, 40) }),
  );
  const unreadable = [0, 1].map((i) =>
    execution({ id: `u${i}`, startMs: T0 + 2 * DAY + i * M, seconds: 30, payload: '{oops' }),
  );
  return buildJobReport({
    project: 'p',
    region: 'r',
    job: 'job',
    window: { startMs: T0, endMs: T0 + 3 * DAY },
    policy: DEFAULT_TIER_POLICY,
    priceBook: BOOK,
    objective: 'balanced',
    nowMs: T0 + 3 * DAY,
    executions: [...small, ...medium, ...unreadable],
  });
}

/** 400 runs at 2 vCPU / 4 GiB peaking near 1 GiB: the engine recommends less memory. */
export function sampleRecommendation(shape: { oomEvery?: number } = {}): Recommendation {
  return recommendLimits({
    observations: tierObservations({ count: 400, peakBytes: 2 ** 30, ...shape }),
    current: LIMITS_2_4,
    windowDays: 30,
    priceBook: BOOK,
    objective: 'cost',
    tierLabel: 'small',
  });
}

export function withRecommendation(
  tier: TierReport,
  recommendation: Recommendation | null,
): TierReport {
  return { ...tier, recommendation };
}
