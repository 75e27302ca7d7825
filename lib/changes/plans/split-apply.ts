/**
 * Applying an approved split: the analysed job is re-read (edited since → `superseded`, nothing
 * created), then each tier's job is created — dry run first, then CreateJob with a bounded wait —
 * and read back, and finally the tier policy is moved to route each tier to its job, approved by
 * whoever approved the change. Every step is safe to repeat: a job this change already created
 * (it carries the change's label) is checked, never created twice, and a policy that already
 * routes the tiers is left alone. A job of the same name that this change did not create stops
 * the apply as `failed`, with nothing overwritten.
 */
import type { JobRecord } from '@/lib/domain/records';
import type { TierPolicy } from '@/lib/domain/tiers';
import { createJobFrom } from '@/lib/gcp';
import { SYSTEM_ACTOR, type ChangeRequest, type SplitPlan, type SplitTier } from '@/lib/store';
import { audit } from '@/lib/changes/change-audit';
import {
  DEFAULT_OPERATION_TIMEOUT_MS,
  type Actor,
  type ChangeContext,
} from '@/lib/changes/service-context';
import { isChangeError } from '@/lib/changes/errors';
import { dryRunCreate, findJob, readJob, upstream } from '@/lib/changes/cloud-run';
import { describeLimits, driftOf, limitsOf, sameLimits } from '@/lib/changes/job-limits';
import { changeLabel, splitLabels } from '@/lib/changes/plans/split';
import {
  approvedTierPolicy,
  decideProposal,
  insertProposal,
  StaleBaseError,
} from '@/lib/store/tier-policies';
import { move } from '@/lib/changes/transitions';

export type SplitOutcome = 'applied' | 'already-applied' | 'superseded';

/** The approved policy with every planned tier routed to its new job. */
export function routedPolicy(policy: TierPolicy, plan: SplitPlan): TierPolicy {
  const jobOf = new Map(plan.tiers.map((item) => [item.tier, item.jobName]));
  return {
    tiers: policy.tiers.map((tier) => {
      const jobName = jobOf.get(tier.id);
      return jobName === undefined ? tier : { ...tier, jobName };
    }),
  };
}

function samePolicy(a: TierPolicy, b: TierPolicy): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A job is this change's when it carries the change's label; its limits must be the plan's. */
function isOurs(change: ChangeRequest, job: JobRecord): boolean {
  return job.labels['tierwise-change'] === changeLabel(change.id);
}

export async function applySplitClaimed(
  context: ChangeContext,
  actor: Actor,
  change: ChangeRequest,
  plan: SplitPlan,
): Promise<{ outcome: SplitOutcome; change: ChangeRequest }> {
  const base = await readJob(context, change.job);
  const policy = await approvedTierPolicy(context.store);
  const routed = routedPolicy(policy.policy, plan);
  const alreadyRouted = samePolicy(policy.policy, routed);
  const drift = driftOf({ etag: change.etagAtProposal, limits: change.limitsBefore }, base);
  if (!alreadyRouted && policy.version !== plan.policyVersion) {
    drift.push(
      `the tier policy changed (version ${plan.policyVersion} when proposed, ${policy.version} now)`,
    );
  }
  const existing = await Promise.all(plan.tiers.map((item) => findJob(context, item.jobName)));
  const created = existing.filter((job): job is JobRecord => job !== null && isOurs(change, job));
  if (drift.length > 0 && created.length === 0) {
    const superseded = await move(context, change.id, {
      from: ['applying'],
      to: 'superseded',
      actor: actor.email,
      patch: {
        failureReason: `Since this was proposed ${drift.join('; ')}. Nothing was created.`,
      },
    });
    return { outcome: 'superseded', change: superseded };
  }

  let sent = 0;
  for (const [index, item] of plan.tiers.entries()) {
    const found = existing[index] ?? null;
    if (found) {
      checkFound(change, item, found);
      continue;
    }
    await createTierJob(context, actor, change, item);
    sent += 1;
  }
  if (!alreadyRouted) await routeTiers(context, change, policy.version, routed);
  await audit(context, actor, change, 'change.policy-updated', {
    routes: Object.fromEntries(plan.tiers.map((item) => [item.tier, item.jobName])),
    ...(alreadyRouted && { note: 'The tier policy already routed every tier to its job.' }),
  });
  return finishSplit(context, actor, change, plan, sent === 0 && alreadyRouted);
}

function checkFound(change: ChangeRequest, item: SplitTier, found: JobRecord): void {
  if (!isOurs(change, found)) {
    throw new Error(
      `A job named ${item.jobName} already exists and was not created by this change; nothing was overwritten. Withdraw this change and propose the split with another name.`,
    );
  }
  if (!sameLimits(limitsOf(found), item.limits)) {
    throw new Error(
      `Job ${item.jobName}, created by this change, now has ${describeLimits(limitsOf(found))}, not the approved ${describeLimits(item.limits)}.`,
    );
  }
}

async function createTierJob(
  context: ChangeContext,
  actor: Actor,
  change: ChangeRequest,
  item: SplitTier,
): Promise<void> {
  const labels = splitLabels(change.id, item.tier);
  const refusal = await dryRunCreate(context, change.job, item, labels);
  if (refusal) throw new Error(`Creating ${item.jobName}: ${refusal.message}`);
  await audit(context, actor, change, 'change.dry-run', {
    result: `accepted by Cloud Run: create ${item.jobName}`,
    tier: item.tier,
  });
  try {
    const job = await createJobFrom(context.clients, {
      project: change.project,
      region: change.region,
      sourceJob: change.job,
      jobId: item.jobName,
      limits: item.limits,
      labels,
      validateOnly: false,
      operationTimeoutMs: context.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS,
      onOperation: async (operation) => {
        await audit(context, actor, change, 'change.operation', {
          operation,
          createdJob: item.jobName,
        });
      },
    });
    await audit(context, actor, change, 'change.job-created', {
      createdJob: item.jobName,
      tier: item.tier,
      limits: limitsOf(job),
      generation: job.generation,
    });
  } catch (error) {
    throw isChangeError(error) ? error : upstream(error);
  }
}

/** The new routing as a tier policy version, approved by the change's approver. */
async function routeTiers(
  context: ChangeContext,
  change: ChangeRequest,
  baseVersion: number,
  routed: TierPolicy,
): Promise<void> {
  const proposal = await insertProposal(context.store, {
    policy: routed,
    reason: `Route each tier to its own job (change ${change.id}): ${change.reason}`,
    requester: change.requester,
    baseVersion,
  });
  try {
    const decided = await decideProposal(context.store, proposal.id, {
      to: 'approved',
      actor: change.decidedBy ?? SYSTEM_ACTOR,
      comment: `Approved with change ${change.id}.`,
    });
    if (!decided) throw new StaleBaseError();
  } catch (error) {
    if (!(error instanceof StaleBaseError)) throw error;
    await decideProposal(context.store, proposal.id, { to: 'superseded', actor: SYSTEM_ACTOR });
    throw new Error(
      'Another tier policy was approved while the jobs were being created; the jobs exist, the routing was not changed. Apply again to route the tiers.',
    );
  }
}

async function finishSplit(
  context: ChangeContext,
  actor: Actor | { email: string },
  change: ChangeRequest,
  plan: SplitPlan,
  nothingSent: boolean,
): Promise<{ outcome: SplitOutcome; change: ChangeRequest }> {
  const problems = await splitProblems(context, change, plan);
  if (problems.length > 0) throw new Error(problems.join(' '));
  await audit(context, actor, change, 'change.verified', {
    jobs: Object.fromEntries(plan.tiers.map((item) => [item.jobName, describeLimits(item.limits)])),
    ...(nothingSent && {
      note: 'Every job and the routing were already in place; nothing was sent.',
    }),
  });
  const applied = await move(context, change.id, {
    from: ['applying'],
    to: 'applied',
    actor: actor.email,
  });
  return { outcome: nothingSent ? 'already-applied' : 'applied', change: applied };
}

/** What is not yet as approved: every job there with its limits, every tier routed to it. */
export async function splitProblems(
  context: ChangeContext,
  change: ChangeRequest,
  plan: SplitPlan,
): Promise<string[]> {
  const problems: string[] = [];
  for (const item of plan.tiers) {
    const job = await findJob(context, item.jobName);
    if (!job) problems.push(`Job ${item.jobName} does not exist.`);
    else if (!isOurs(change, job)) problems.push(`Job ${item.jobName} was not created by it.`);
    else if (!sameLimits(limitsOf(job), item.limits)) {
      problems.push(
        `Job ${item.jobName} has ${describeLimits(limitsOf(job))}, not ${describeLimits(item.limits)}.`,
      );
    }
  }
  const policy = (await approvedTierPolicy(context.store)).policy;
  const unrouted = plan.tiers.filter(
    (item) => policy.tiers.find((tier) => tier.id === item.tier)?.jobName !== item.jobName,
  );
  if (unrouted.length > 0) {
    problems.push(
      `The tier policy does not route ${unrouted.map((item) => `${item.tier} to ${item.jobName}`).join(', ')}.`,
    );
  }
  return problems;
}
