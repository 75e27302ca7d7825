/**
 * What the split form starts from: the job, whether it serves every tier (only then can it be
 * split), the engine's one-job-per-tier advice and each tier's recommended limits, with a
 * suggested name for each new job.
 */
import type { JobPerTierAdvice } from '@/lib/domain/recommend';
import { appChangeContext, readJobReport } from '@/lib/changes/app-context';
import { tierDrafts, type TierDraft } from '@/lib/changes/draft';
import { readJob } from '@/lib/changes/cloud-run';
import { limitsJson, limitsOf } from '@/lib/changes/job-limits-json';
import { JOB_ID_PATTERN } from '@/lib/changes/plans/split-schema';
import { placeOf } from '@/lib/changes/place';
import type { Place } from '@/lib/domain/place';

export interface SplitTierDraft extends TierDraft {
  readonly suggestedJobName: string;
}

export interface SplitDraft {
  readonly job: string;
  /** The job's project and region, sent back with the proposal. */
  readonly place: Place;
  readonly current: ReturnType<typeof limitsJson>;
  readonly tiers: readonly SplitTierDraft[];
  /** Why this job cannot be split (a tier already runs elsewhere); null when it can. */
  readonly blocked: string | null;
  readonly advice: JobPerTierAdvice | null;
  readonly reportError: string | null;
}

/** `reel-stitching-job` + `small` → `reel-stitching-job-small`, kept a valid job id. */
export function suggestedJobName(job: string, tier: string): string {
  const name = `${job}-${tier}`
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
  return JOB_ID_PATTERN.test(name) ? name : `${job.slice(0, 40)}-tier`;
}

export async function loadSplitDraft(jobName: string, at?: Place): Promise<SplitDraft> {
  const context = await appChangeContext(at);
  const place = placeOf(context);
  const job = await readJob(context, jobName);
  const policy = context.tierPolicy;
  const elsewhere = policy.tiers.filter(
    (tier) => tier.jobName !== undefined && tier.jobName !== job.name,
  );
  const blocked =
    elsewhere.length > 0
      ? `The tier policy already runs ${elsewhere.map((tier) => `${tier.id} on ${tier.jobName}`).join(', ')}: ${job.name} does not serve every tier.`
      : null;
  const named = (drafts: readonly TierDraft[]) =>
    drafts.map((tier) => ({ ...tier, suggestedJobName: suggestedJobName(job.name, tier.id) }));
  const base = {
    job: job.name,
    place,
    current: limitsJson(limitsOf(job)),
    blocked,
  };
  try {
    const report = await readJobReport(job.name, policy, place);
    return {
      ...base,
      tiers: named(tierDrafts(report, policy)),
      advice: report.jobPerTierAdvice,
      reportError: null,
    };
  } catch (error) {
    return {
      ...base,
      tiers: named(
        policy.tiers.map((tier) => ({
          id: tier.id,
          label: tier.label,
          executions: 0,
          recommended: null,
          projections: [],
        })),
      ),
      advice: null,
      reportError: error instanceof Error ? error.message : String(error),
    };
  }
}
