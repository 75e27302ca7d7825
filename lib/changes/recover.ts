import { SYSTEM_ACTOR, listChangeRequests, type ChangeRequest, type SplitPlan } from '@/lib/store';
import { audit } from './change-audit';
import { INTERRUPTED_APPLY_AFTER_MS, type ChangeContext } from '@/lib/changes/service-context';
import { readJob } from '@/lib/changes/cloud-run';
import { describeLimits, limitsOf, sameLimits } from './job-limits';
import { splitProblems } from '@/lib/changes/plans/split-apply';
import { move } from './transitions';
import { contextAt, placeOf } from './place';

export interface RecoveryResult {
  readonly applied: readonly string[];
  readonly failed: readonly string[];
  /** Left `applying` because the job could not be read; tried again next time. */
  readonly unresolved: readonly { id: string; reason: string }[];
}

/**
 * Resolves changes left `applying` by an app that stopped mid-apply: the job is read back, and the
 * change becomes `applied` if the job has the approved limits, `failed` (safe to apply again) if
 * not. Only changes untouched for `staleAfterMs` are taken, so another instance's apply in
 * progress is left alone.
 */
export async function resolveInterruptedApplies(
  context: ChangeContext,
  options: { staleAfterMs?: number } = {},
): Promise<RecoveryResult> {
  const cutoff = context.store.now() - (options.staleAfterMs ?? INTERRUPTED_APPLY_AFTER_MS);
  // Every place's: each change is read back at its own project and region.
  const applying = await listChangeRequests(context.store, {
    state: 'applying',
    ...(!context.at && placeOf(context)),
    limit: 500,
  });
  const result = {
    applied: [] as string[],
    failed: [] as string[],
    unresolved: [] as { id: string; reason: string }[],
  };
  for (const change of applying.filter((candidate) => candidate.updatedAt <= cutoff)) {
    try {
      const outcome = await resolveOne(await contextAt(context, change), change);
      result[outcome].push(change.id);
    } catch (error) {
      result.unresolved.push({
        id: change.id,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
}

/** What reading the change back found: verified details when it took effect, else why not. */
type Finding = { verified: Record<string, string | number | object> } | { failureReason: string };

async function resolveOne(
  context: ChangeContext,
  change: ChangeRequest,
): Promise<'applied' | 'failed'> {
  const finding = change.plan
    ? await findSplit(context, change, change.plan)
    : await findLimits(context, change);
  if ('verified' in finding) {
    await audit(context, { email: SYSTEM_ACTOR }, change, 'change.verified', finding.verified);
    await move(context, change.id, { from: ['applying'], to: 'applied', actor: SYSTEM_ACTOR });
    return 'applied';
  }
  await move(context, change.id, {
    from: ['applying'],
    to: 'failed',
    actor: SYSTEM_ACTOR,
    patch: { failureReason: finding.failureReason },
  });
  return 'failed';
}

async function findLimits(context: ChangeContext, change: ChangeRequest): Promise<Finding> {
  const job = await readJob(context, change.job);
  if (sameLimits(limitsOf(job), change.limitsAfter)) {
    return {
      verified: {
        limits: change.limitsAfter,
        generation: job.generation,
        etag: job.etag,
        note: 'Found applying after a restart; the job has the approved limits.',
      },
    };
  }
  return {
    failureReason: `Tierwise stopped while applying this change; job ${change.job} still has ${describeLimits(limitsOf(job))}. Apply it again to retry.`,
  };
}

async function findSplit(
  context: ChangeContext,
  change: ChangeRequest,
  plan: SplitPlan,
): Promise<Finding> {
  const problems = await splitProblems(context, change, plan);
  if (problems.length === 0) {
    return {
      verified: {
        jobs: plan.tiers.map((item) => item.jobName),
        note: 'Found applying after a restart; every job exists and the tier policy routes to it.',
      },
    };
  }
  return {
    failureReason: `Tierwise stopped while applying this split: ${problems.join(' ')} Apply it again to finish; jobs already created are kept.`,
  };
}
