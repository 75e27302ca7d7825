/** What the proposal form starts from: the job as it is and, per tier, the engine's advice. */
import type { Limits } from '@/lib/domain/limits';
import type { JobReport } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { loadReportView } from '@/lib/data/report-view';
import { appChangeContext } from './app-context';
import type { ProjectionView } from './projection-query';
import { ALL_TIERS } from '@/lib/changes/service-context';
import type { Confidence } from '@/lib/domain/recommend';
import {
  projectedEffectOf,
  projectedPoints,
  recommendationOf,
  tierOf,
  type ProjectedEffectPoint,
  type ProjectedPoint,
} from './evidence';
import { readJob } from '@/lib/changes/cloud-run';
import type { Place } from '@/lib/domain/place';
import { placeOf } from './place';
import { limitsJson, limitsOf } from './job-limits-json';

export interface TierDraft {
  readonly id: string;
  readonly label: string;
  readonly executions: number;
  /** The recommendation's limits in the form's shape; null when the engine has none yet. */
  readonly recommended: ReturnType<typeof limitsJson> | null;
  readonly projections: readonly ProjectedPoint[];
  /** The engine's projection for exactly `recommended`; null without a recommendation. */
  readonly projected?: ProjectedEffectPoint | null;
  /** The recommendation's confidence and why; null without a recommendation. */
  readonly confidence?: { readonly level: Confidence; readonly reasons: readonly string[] } | null;
}

export interface ProposalDraft {
  readonly job: string;
  /** The job's project and region, sent back with the proposal. */
  readonly place: Place;
  readonly current: ReturnType<typeof limitsJson>;
  readonly tiers: readonly TierDraft[];
  /** The report view the prefill comes from: the job report's window and objective. */
  readonly view: ProjectionView;
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
      projected: recommendation?.failureBudget
        ? projectedEffectOf(
            recommendation.projected,
            recommendation.failureBudget,
            recommendation.executionsPerMonth,
          )
        : null,
      confidence: recommendation
        ? { level: recommendation.confidence, reasons: recommendation.confidenceReasons }
        : null,
    };
  });
}

/**
 * The form as the job report shows it: the same window, objective, saved price book and policy, so
 * the prefilled limits are the recommendation on the report for that objective.
 */
export async function loadProposalDraft(
  jobName: string,
  view: ProjectionView = { days: 30, objective: 'balanced' },
): Promise<ProposalDraft> {
  const context = await appChangeContext(view.place);
  const place = placeOf(context);
  const job = await readJob(context, jobName);
  const current = limitsJson(limitsOf(job));
  try {
    const { report } = await loadReportView({
      job: job.name,
      ...place,
      window: { kind: 'days', days: view.days },
      policy: null,
      bookId: null,
      objective: view.objective,
    });
    const tiers = tierDrafts(report, report.inputs.policy);
    return { job: job.name, place, current, tiers, view: { ...view, place }, reportError: null };
  } catch (error) {
    const tiers = context.tierPolicy.tiers.map((tier) => ({
      id: tier.id,
      label: tier.label,
      executions: 0,
      recommended: null,
      projections: [],
      projected: null,
    }));
    return {
      job: job.name,
      place,
      current,
      tiers,
      view: { ...view, place },
      reportError: error instanceof Error ? error.message : String(error),
    };
  }
}

export { ALL_TIERS };
