/** What the proposal form starts from: the job as it is and, per tier, the engine's advice. */
import type { Limits } from '@/lib/domain/limits';
import type { JobReport } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { appChangeContext, readJobReport } from './app-context';
import { ALL_TIERS } from './context';
import { projectedPoints, recommendationOf, tierOf, type ProjectedPoint } from './evidence';
import { readJob } from './google';
import { limitsJson, limitsOf } from './job-limits-json';

export interface TierDraft {
  readonly id: string;
  readonly label: string;
  readonly executions: number;
  /** The recommendation's limits in the form's shape; null when the engine has none yet. */
  readonly recommended: ReturnType<typeof limitsJson> | null;
  readonly projections: readonly ProjectedPoint[];
}

export interface ProposalDraft {
  readonly job: string;
  readonly current: ReturnType<typeof limitsJson>;
  readonly tiers: readonly TierDraft[];
  /** Why the report could not be read; the form still works without a prefill. */
  readonly reportError: string | null;
}

/** Each tier of the policy with the report's recommendation for it, in the form's shape. */
export function tierDrafts(report: JobReport, policy: TierPolicy): TierDraft[] {
  return policy.tiers.map((tier): TierDraft => {
    const found = tierOf(report, tier.id);
    const recommendation = recommendationOf(found);
    const recommended: Limits | null = recommendation?.recommended ?? null;
    return {
      id: tier.id,
      label: tier.label,
      executions: found?.executions ?? 0,
      recommended: recommended ? limitsJson(recommended) : null,
      projections: projectedPoints(recommendation),
    };
  });
}

export async function loadProposalDraft(jobName: string): Promise<ProposalDraft> {
  const context = await appChangeContext();
  const job = await readJob(context, jobName);
  const current = limitsJson(limitsOf(job));
  try {
    const report = await readJobReport(job.name, context.tierPolicy);
    const tiers = tierDrafts(report, context.tierPolicy);
    return { job: job.name, current, tiers, reportError: null };
  } catch (error) {
    const tiers = context.tierPolicy.tiers.map((tier) => ({
      id: tier.id,
      label: tier.label,
      executions: 0,
      recommended: null,
      projections: [],
    }));
    return {
      job: job.name,
      current,
      tiers,
      reportError: error instanceof Error ? error.message : String(error),
    };
  }
}

export { ALL_TIERS };
