import type { ResourceLimits } from '@/lib/domain/records';
import type { TierPolicy } from '@/lib/domain/tiers';
import { appendAudit, createChangeRequest, type ChangeRequest, type JsonObject } from '@/lib/store';
import { ALL_TIERS, type Actor, type ChangeContext } from './context';
import { ChangeInputError } from './errors';
import { dryRun, readJob } from './google';
import { describeLimits, limitsOf, sameLimits } from './job-limits';
import { requirePermission } from './permissions';
import { parseProposal, type Proposal } from './proposal-schema';

/** A change must take effect on the job it was analysed for: a tier served elsewhere is refused. */
function checkTier(policy: TierPolicy, job: string, tier: string | undefined): string {
  if (tier === undefined || tier === ALL_TIERS) return ALL_TIERS;
  const found = policy.tiers.find((candidate) => candidate.id === tier);
  if (!found) {
    const known = policy.tiers.map((candidate) => candidate.id).join(', ');
    throw new ChangeInputError({ tier: `Unknown tier "${tier}"; the tier policy has ${known}.` });
  }
  if (found.jobName !== undefined && found.jobName !== job) {
    throw new ChangeInputError({
      tier: `Tier ${tier} runs on job ${found.jobName}, so limits on ${job} would not reach it; propose the change on ${found.jobName}.`,
    });
  }
  return tier;
}

function parsed(raw: unknown): Proposal {
  const result = parseProposal(raw);
  if (!result.ok) throw new ChangeInputError(result.errors);
  return result.value;
}

/**
 * Records a proposal after checking it as Cloud Run would: the job is read (its limits, etag and
 * generation frozen into the change), a no-op is refused, and Google's dry run must accept it.
 */
export async function proposeChange(
  context: ChangeContext,
  actor: Actor,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'propose-change', 'propose a change');
  const proposal = parsed(raw);
  const tier = checkTier(context.tierPolicy, proposal.job, proposal.tier);
  const job = await readJob(context, proposal.job);
  const limitsBefore = limitsOf(job);
  const limitsAfter: ResourceLimits = {
    timeoutSeconds: job.timeoutSeconds,
    maxRetries: job.maxRetries,
    ...proposal.limits,
  };
  if (sameLimits(limitsBefore, limitsAfter)) {
    throw new ChangeInputError({
      limits: `Job ${job.name} already runs with ${describeLimits(limitsBefore)}; nothing would change.`,
    });
  }
  await dryRun(context, job.name, limitsAfter, job.etag);
  const evidence = await readEvidence(context, job, tier);
  const change = await createChangeRequest(context.store, {
    project: context.project,
    region: context.region,
    job: job.name,
    tier,
    limitsBefore,
    limitsAfter,
    etagAtProposal: job.etag,
    generationAtProposal: job.generation,
    reason: proposal.reason,
    evidence,
    requester: actor.email,
  });
  await appendAudit(context.store, {
    actor: actor.email,
    action: 'change.dry-run',
    target: `change:${change.id}`,
    details: {
      job: job.name,
      result: 'accepted by Cloud Run',
      etag: job.etag,
      limitsAfter: { ...limitsAfter },
    },
  });
  return change;
}

/** The report's figures for one tier; a proposal stays possible when the report cannot be read. */
export async function readEvidence(
  context: ChangeContext,
  job: Parameters<NonNullable<ChangeContext['evidence']>>[0],
  tier: string,
): Promise<JsonObject> {
  if (!context.evidence) return {};
  try {
    return await context.evidence(job, tier);
  } catch (error) {
    // A proposal stays possible when the report cannot be read; reviewers see that it is missing.
    const message = error instanceof Error ? error.message : String(error);
    return { unavailable: `The report could not be read when this was proposed: ${message}` };
  }
}
