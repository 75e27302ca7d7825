/**
 * Applying an approved change to Cloud Run: claim it (one applier wins), re-read the job, dry run,
 * UpdateJob with the proposal's etag, wait a bounded time, read back and verify. A job changed
 * meanwhile (drift, or a write refused for its stale etag) supersedes the change; every other
 * failure after the claim leaves it `failed` with Google's words; applying again is safe because
 * the job is re-read first and a change already in effect is recorded, never sent twice.
 */
import type { JobRecord } from '@/lib/domain/records';
import { GcpConflictError, updateJobLimits } from '@/lib/gcp';
import type { ChangeRequest } from '@/lib/store';
import { audit } from './change-audit';
import {
  DEFAULT_OPERATION_TIMEOUT_MS,
  type Actor,
  type ChangeContext,
} from '@/lib/changes/service-context';
import { isChangeError } from './errors';
import { dryRun, readJob, upstream } from '@/lib/changes/cloud-run';
import { describeLimits, driftOf, limitsOf, sameLimits } from './job-limits';
import { requirePermission } from './permissions';
import { applySplitClaimed } from '@/lib/changes/plans/split-apply';
import { loadChangeAt, move, requireState } from './transitions';

export type ApplyOutcome = 'applied' | 'already-applied' | 'superseded' | 'failed';

export interface ApplyResult {
  readonly outcome: ApplyOutcome;
  readonly change: ChangeRequest;
}

export async function applyChange(
  given: ChangeContext,
  actor: Actor,
  id: string,
): Promise<ApplyResult> {
  requirePermission(actor, 'apply-change', 'apply changes');
  // Applied where it was proposed: the job of this name in the change's own project and region.
  const { change, context } = await loadChangeAt(given, id);
  requireState(change, ['approved', 'failed'], 'applied');
  const claimed = await move(context, id, {
    from: ['approved', 'failed'],
    to: 'applying',
    actor: actor.email,
  });
  try {
    return await applyClaimed(context, actor, claimed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = await move(context, id, {
      from: ['applying'],
      to: 'failed',
      actor: actor.email,
      patch: { failureReason: reason },
    });
    return { outcome: 'failed', change: failed };
  } finally {
    // Even a failed apply may have written (an update whose read-back failed): never show stale limits.
    context.onJobsChanged?.([
      change.job,
      ...(change.plan?.tiers.map((tier) => tier.jobName) ?? []),
    ]);
  }
}

async function applyClaimed(
  context: ChangeContext,
  actor: Actor,
  change: ChangeRequest,
): Promise<ApplyResult> {
  if (change.plan) return applySplitClaimed(context, actor, change, change.plan);
  const job = await readJob(context, change.job);
  if (isAlreadyApplied(change, job)) return finish(context, actor, change, job, true);
  const drift = driftOf({ etag: change.etagAtProposal, limits: change.limitsBefore }, job);
  if (drift.length > 0) {
    return supersede(
      context,
      actor,
      change,
      `changed since this was proposed: ${drift.join('; ')}`,
    );
  }
  let updated: JobRecord;
  try {
    await dryRun(context, change.job, change.limitsAfter, change.etagAtProposal);
    await audit(context, actor, change, 'change.dry-run', { result: 'accepted by Cloud Run' });
    updated = await sendUpdate(context, actor, change);
  } catch (error) {
    if (!isEtagConflict(error)) throw error;
    // Another change (or a person) wrote the job between our read and our write: the etag guard
    // refused ours, so nothing of it was written. That is the losing side of a race, not a failure.
    const now = await readJob(context, change.job);
    if (isAlreadyApplied(change, now)) return finish(context, actor, change, now, true);
    return supersede(
      context,
      actor,
      change,
      'changed while this change was being applied (Cloud Run refused the stale etag)',
    );
  }
  if (!sameLimits(limitsOf(updated), change.limitsAfter)) {
    throw new Error(
      `Cloud Run reports ${describeLimits(limitsOf(updated))} after the update, not the approved ${describeLimits(change.limitsAfter)}.`,
    );
  }
  const readBack = await readJob(context, change.job);
  return finish(context, actor, change, readBack, false);
}

async function supersede(
  context: ChangeContext,
  actor: Actor,
  change: ChangeRequest,
  why: string,
): Promise<ApplyResult> {
  const superseded = await move(context, change.id, {
    from: ['applying'],
    to: 'superseded',
    actor: actor.email,
    patch: { failureReason: `Job ${change.job} ${why}. Nothing was written.` },
  });
  return { outcome: 'superseded', change: superseded };
}

/** Cloud Run's answer to a write carrying an etag the job no longer has (ABORTED). */
function isEtagConflict(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof GcpConflictError) return true;
  }
  return false;
}

/** A job that already has the approved limits under a newer etag was updated by an earlier try. */
function isAlreadyApplied(change: ChangeRequest, job: JobRecord): boolean {
  return job.etag !== change.etagAtProposal && sameLimits(limitsOf(job), change.limitsAfter);
}

async function sendUpdate(
  context: ChangeContext,
  actor: Actor,
  change: ChangeRequest,
): Promise<JobRecord> {
  try {
    return await updateJobLimits(context.clients, {
      project: change.project,
      region: change.region,
      job: change.job,
      limits: change.limitsAfter,
      etag: change.etagAtProposal,
      validateOnly: false,
      operationTimeoutMs: context.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS,
      onOperation: async (operation) => {
        await audit(context, actor, change, 'change.operation', { operation });
      },
    });
  } catch (error) {
    throw isChangeError(error) ? error : upstream(error);
  }
}

async function finish(
  context: ChangeContext,
  actor: Actor,
  change: ChangeRequest,
  job: JobRecord,
  alreadyApplied: boolean,
): Promise<ApplyResult> {
  if (!sameLimits(limitsOf(job), change.limitsAfter)) {
    throw new Error(
      `Reading job ${change.job} back shows ${describeLimits(limitsOf(job))}, not the approved ${describeLimits(change.limitsAfter)}.`,
    );
  }
  await audit(context, actor, change, 'change.verified', {
    limits: change.limitsAfter,
    generation: job.generation,
    etag: job.etag,
    ...(alreadyApplied && { note: 'The job already had the approved limits; nothing was sent.' }),
  });
  const applied = await move(context, change.id, {
    from: ['applying'],
    to: 'applied',
    actor: actor.email,
  });
  return { outcome: alreadyApplied ? 'already-applied' : 'applied', change: applied };
}
