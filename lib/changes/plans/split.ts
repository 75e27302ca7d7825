/**
 * Proposing to split a job that serves every tier into one job per tier (the reel-stitching
 * owner's "one job per tier" option): each new job is a copy of the analysed job with its tier's
 * limits, and once they exist the tier policy routes each tier to its job. The proposal is checked
 * as Cloud Run would check the creates — names free, limits valid, Google's dry run of every
 * create accepted — before anything is stored.
 */
import type { JobRecord } from '@/lib/domain/records';
import type { TierPolicy } from '@/lib/domain/tiers';
import {
  appendAudit,
  createChangeRequest,
  type ChangeRequest,
  type JsonObject,
  type SplitPlan,
  type SplitTier,
} from '@/lib/store';
import { ALL_TIERS, type Actor, type ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError } from '@/lib/changes/errors';
import { dryRunCreate, jobExists, readJob } from '@/lib/changes/cloud-run';
import { limitsOf } from '@/lib/changes/job-limits';
import { proposeChange, readEvidence } from '@/lib/changes/propose';
import { requirePermission } from '@/lib/changes/permissions';
import type { FieldErrors } from '@/lib/changes/proposal-schema';
import { parseSplit, type SplitRequest } from '@/lib/changes/plans/split-schema';
import { proposalContext } from '@/lib/changes/place';
import { approvedTierPolicy } from '@/lib/store/tier-policies';

/** The policy must route every tier to this job today, and the split must name each tier once. */
function checkAgainstPolicy(policy: TierPolicy, request: SplitRequest): FieldErrors {
  const errors: FieldErrors = {};
  const elsewhere = policy.tiers.filter(
    (tier) => tier.jobName !== undefined && tier.jobName !== request.job,
  );
  if (elsewhere.length > 0) {
    errors.job = `Job ${request.job} does not serve every tier: ${elsewhere
      .map((tier) => `${tier.id} runs on ${tier.jobName}`)
      .join(', ')}. Propose limits on each tier's job instead.`;
  }
  const seen = new Map<string, number>();
  const names = new Map<string, number>();
  request.tiers.forEach((item, index) => {
    if (!policy.tiers.some((tier) => tier.id === item.tier)) {
      errors[`tiers.${index}.tier`] =
        `Unknown tier "${item.tier}"; the tier policy has ${policy.tiers.map((tier) => tier.id).join(', ')}.`;
    } else if (seen.has(item.tier)) {
      errors[`tiers.${index}.tier`] = `Tier ${item.tier} is listed twice.`;
    }
    seen.set(item.tier, index);
    if (item.jobName === request.job) {
      errors[`tiers.${index}.jobName`] =
        `The new job needs its own name; ${request.job} is the job being split.`;
    } else if (names.has(item.jobName)) {
      errors[`tiers.${index}.jobName`] =
        `${item.jobName} is already the name of the ${request.tiers[names.get(item.jobName) ?? 0]?.tier} job.`;
    }
    names.set(item.jobName, index);
  });
  const missing = policy.tiers.filter((tier) => !seen.has(tier.id)).map((tier) => tier.id);
  if (missing.length > 0) {
    errors.tiers = `Give every tier its job: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`;
  }
  return errors;
}

/** Timeout and retries left out keep the analysed job's values. */
function fullLimits(job: JobRecord, limits: SplitRequest['tiers'][number]['limits']) {
  return { timeoutSeconds: job.timeoutSeconds, maxRetries: job.maxRetries, ...limits };
}

/** The labels every job a split creates carries: its tier and the change that created it. */
export function splitLabels(changeId: string | undefined, tier: string): Record<string, string> {
  return {
    'tierwise-tier': labelValue(tier),
    ...(changeId !== undefined && { 'tierwise-change': changeLabel(changeId) }),
  };
}

/** Change ids are base64url; label values allow only lower-case letters, digits, `-` and `_`. */
export function changeLabel(changeId: string): string {
  return Buffer.from(changeId, 'base64url').toString('hex');
}

function labelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 63);
}

export async function proposeSplit(
  given: ChangeContext,
  actor: Actor,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'propose-change', 'propose a change');
  // The job and the new ones are in the place the body names, the default otherwise.
  const context = await proposalContext(given, raw);
  const parsed = parseSplit(raw);
  if (!parsed.ok) throw new ChangeInputError(parsed.errors);
  const request = parsed.value;
  const approved = await approvedTierPolicy(context.store);
  const policyErrors = checkAgainstPolicy(approved.policy, request);
  if (Object.keys(policyErrors).length > 0) throw new ChangeInputError(policyErrors);

  const job = await readJob(context, request.job);
  const taken = await Promise.all(request.tiers.map((item) => jobExists(context, item.jobName)));
  const nameErrors: FieldErrors = {};
  taken.forEach((exists, index) => {
    if (exists) {
      nameErrors[`tiers.${index}.jobName`] =
        `A job named ${request.tiers[index]?.jobName} already exists in ${context.project} / ${context.region}.`;
    }
  });
  if (Object.keys(nameErrors).length > 0) throw new ChangeInputError(nameErrors);

  const planned: SplitTier[] = request.tiers.map((item) => ({
    tier: item.tier,
    jobName: item.jobName,
    limits: fullLimits(job, item.limits),
  }));
  const refusals: FieldErrors = {};
  for (const [index, item] of planned.entries()) {
    const refusal = await dryRunCreate(context, job.name, item, splitLabels(undefined, item.tier));
    if (refusal) refusals[`tiers.${index}.${refusal.field}`] = refusal.message;
  }
  if (Object.keys(refusals).length > 0) throw new ChangeInputError(refusals);

  const plan: SplitPlan = { kind: 'split', policyVersion: approved.version, tiers: planned };
  const evidence = await splitEvidence(context, job, planned);
  const limits = limitsOf(job);
  const change = await createChangeRequest(context.store, {
    project: context.project,
    region: context.region,
    job: job.name,
    tier: ALL_TIERS,
    limitsBefore: limits,
    limitsAfter: limits,
    etagAtProposal: job.etag,
    generationAtProposal: job.generation,
    reason: request.reason,
    evidence,
    requester: actor.email,
    plan,
  });
  await appendAudit(context.store, {
    actor: actor.email,
    action: 'change.dry-run',
    target: `change:${change.id}`,
    details: {
      job: job.name,
      result: `Cloud Run accepted creating ${planned.map((item) => item.jobName).join(', ')}`,
      etag: job.etag,
    },
  });
  return change;
}

/** Each tier's figures from the analysed job's report, frozen as a limit change freezes one. */
async function splitEvidence(
  context: ChangeContext,
  job: JobRecord,
  planned: readonly SplitTier[],
): Promise<JsonObject> {
  if (!context.evidence) return {};
  const tiers: JsonObject = {};
  for (const item of planned) tiers[item.tier] = await readEvidence(context, job, item.tier);
  return { tiers };
}

/** A proposal body as the API takes it: `"kind": "split"` splits the job, otherwise limits. */
export async function proposeAnyChange(
  context: ChangeContext,
  actor: Actor,
  raw: unknown,
): Promise<ChangeRequest> {
  const kind =
    typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  if (kind === 'split') return proposeSplit(context, actor, raw);
  if (kind !== undefined && kind !== 'limits') {
    throw new ChangeInputError({
      kind: `Unknown kind "${String(kind)}"; use "limits" or "split".`,
    });
  }
  return proposeChange(context, actor, raw);
}
