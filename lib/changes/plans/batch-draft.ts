/**
 * What the "all tiers at once" form starts from when the approved tier policy gives tiers their
 * own jobs: per such tier, its job's limits today and the recommendation for the tier, read from
 * that job's 30-day report as the one-tier form reads it. A job or report that cannot be read is
 * named on its row; the other rows still load.
 */
import { appChangeContext, appTierPolicy, readJobReport } from '@/lib/changes/app-context';
import type { ChangeContext } from '@/lib/changes/service-context';
import { tierDrafts, type TierDraft } from '@/lib/changes/draft';
import { isChangeError } from '@/lib/changes/errors';
import { readJob } from '@/lib/changes/cloud-run';
import { limitsJson, limitsOf, type LimitsJson } from '@/lib/changes/job-limits-json';
import type { Tier, TierPolicy } from '@/lib/domain/tiers';
import type { Place } from '@/lib/domain/place';
import { placeOf } from '@/lib/changes/place';

export interface BatchRowDraft extends TierDraft {
  /** The job serving this tier, as the tier policy names it. */
  readonly job: string;
  /** Its limits today; null when it could not be read (see `problem`). */
  readonly current: LimitsJson | null;
  readonly problem: string | null;
  readonly reportError: string | null;
}

export interface BatchDraft {
  /** The project and region of every tier job, sent back with the proposal. */
  readonly place: Place;
  readonly rows: readonly BatchRowDraft[];
  /** Tiers without a job of their own, which a proposal for all tiers at once cannot reach. */
  readonly withoutJob: readonly string[];
}

/** The form is offered on the page of a job that serves a tier of its own. */
export async function hasTierJobs(job: string): Promise<boolean> {
  return (await appTierPolicy()).tiers.some((tier) => tier.jobName === job);
}

const messageOf = (error: unknown) =>
  isChangeError(error) && 'errors' in error
    ? Object.values(error.errors).join(' ')
    : error instanceof Error
      ? error.message
      : String(error);

async function rowDraft(
  context: ChangeContext,
  policy: TierPolicy,
  tier: Tier & { jobName: string },
): Promise<BatchRowDraft> {
  const empty = {
    id: tier.id,
    label: tier.label,
    executions: 0,
    recommended: null,
    projections: [],
  };
  let current: LimitsJson;
  try {
    current = limitsJson(limitsOf(await readJob(context, tier.jobName)));
  } catch (error) {
    if (!isChangeError(error)) throw error;
    return {
      ...empty,
      job: tier.jobName,
      current: null,
      problem: messageOf(error),
      reportError: null,
    };
  }
  try {
    const report = await readJobReport(tier.jobName, policy, placeOf(context));
    const draft = tierDrafts(report, policy).find((candidate) => candidate.id === tier.id) ?? empty;
    return { ...draft, job: tier.jobName, current, problem: null, reportError: null };
  } catch (error) {
    return { ...empty, job: tier.jobName, current, problem: null, reportError: messageOf(error) };
  }
}

/** The tier jobs in `place` (the default project and region when omitted): the page's own. */
export async function loadBatchDraft(place?: Place): Promise<BatchDraft> {
  const context = await appChangeContext(place);
  const policy = context.tierPolicy;
  const own = policy.tiers.filter((tier): tier is Tier & { jobName: string } => !!tier.jobName);
  const rows = await Promise.all(own.map((tier) => rowDraft(context, policy, tier)));
  return {
    place: placeOf(context),
    rows,
    withoutJob: policy.tiers.filter((tier) => !tier.jobName).map((tier) => tier.label),
  };
}
