/**
 * The applied changes of a job or of the project, each with its verification reduced to what a
 * chart marker and the overview's "realised saving" show. Read from the ledger as it stands (the
 * page that shows them has just synced it); the verdict is logged and the guardrail run only
 * where a change is looked at itself (the change page and `GET /api/changes/{id}`).
 */
import type { Estimate, Verdict } from '@/lib/domain/verify';
import type { ChangeContext, Place } from '@/lib/changes/service-context';
import { listChanges } from '../queries';
import { getChangeVerification } from './read';

/** Verifying reads two ledger windows per change: the newest this many are read. */
export const APPLIED_CHANGES_READ = 20;

export interface AppliedChangeSummary {
  readonly id: string;
  readonly job: string;
  readonly tier: string;
  readonly appliedAtMs: number;
  readonly verdict: Verdict;
  /** For `too-early`: how many more executions the verdict needs. */
  readonly executionsNeeded: number;
  /** Per month at the rate seen since the apply, every tier added; null until measurable. */
  readonly realisedSavingUsd: Estimate | null;
  /** What the change promised a month, as frozen in it; null when nothing was projected. */
  readonly projectedSavingUsd: number | null;
}

/** Bounds added as well as values: the sum of 95 % intervals of disjoint executions. */
export function addEstimates(estimates: readonly (Estimate | null)[]): Estimate | null {
  const known = estimates.filter((each): each is Estimate => each !== null);
  if (known.length === 0) return null;
  return known.reduce((sum, each) => ({
    value: sum.value + each.value,
    low: sum.low + each.low,
    high: sum.high + each.high,
    n: sum.n + each.n,
  }));
}

/**
 * Newest first; `job` (and `place`) narrow to one job. Changes not applied (or superseded) are
 * left out.
 */
export async function summariseAppliedChanges(
  context: ChangeContext,
  options: { readonly nowMs: number; readonly job?: string; readonly place?: Place },
): Promise<AppliedChangeSummary[]> {
  const changes = await listChanges(context, {
    state: 'applied',
    ...(options.job !== undefined && { job: options.job }),
    ...(options.place !== undefined && { place: options.place }),
    limit: APPLIED_CHANGES_READ,
  });
  const summaries = await Promise.all(
    changes.map(async (change) => {
      const view = await getChangeVerification(context, change, {
        nowMs: options.nowMs,
        syncLedger: false,
      });
      if (!view) return null;
      const projected = view.tiers
        .map((tier) => tier.monthly.projectedSavingUsd)
        .filter((each): each is number => each !== null);
      return {
        id: change.id,
        job: change.job,
        tier: change.tier,
        appliedAtMs: view.appliedAtMs,
        verdict: view.verdict,
        executionsNeeded: view.executionsNeeded,
        realisedSavingUsd: addEstimates(view.tiers.map((tier) => tier.monthly.realisedSavingUsd)),
        projectedSavingUsd: projected.length > 0 ? projected.reduce((a, b) => a + b, 0) : null,
      } satisfies AppliedChangeSummary;
    }),
  );
  return summaries.filter((each) => each !== null);
}

export interface RealisedSavings {
  /** Settled changes' realised savings a month, added; null when no change is settled yet. */
  readonly realisedSavingUsd: Estimate | null;
  /** The same changes' projected savings, added, for the comparison beside it. */
  readonly projectedSavingUsd: number | null;
  /** The changes counted in the sum. */
  readonly counted: readonly AppliedChangeSummary[];
  /** Applied changes too early to tell: not in the sum. */
  readonly tooEarly: readonly AppliedChangeSummary[];
}

/** What the overview shows as "realised saving since changes applied". */
export function realisedSavings(summaries: readonly AppliedChangeSummary[]): RealisedSavings {
  const counted = summaries.filter((each) => each.verdict !== 'too-early');
  const projected = counted
    .map((each) => each.projectedSavingUsd)
    .filter((each): each is number => each !== null);
  return {
    realisedSavingUsd: addEstimates(counted.map((each) => each.realisedSavingUsd)),
    projectedSavingUsd: projected.length > 0 ? projected.reduce((a, b) => a + b, 0) : null,
    counted,
    tooEarly: summaries.filter((each) => each.verdict === 'too-early'),
  };
}
