import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import type { TierPolicy } from '@/lib/domain/tiers';
import {
  createChangeRequest,
  type ChangeRequest,
  type JsonObject,
  type NewChangeRequestWithAudit,
} from '@/lib/store';
import { ALL_TIERS, type Actor, type ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError } from './errors';
import { dryRun, readJob } from '@/lib/changes/cloud-run';
import { describeLimits, limitsOf, sameLimits } from './job-limits';
import { requirePermission } from './permissions';
import { parseProposal, type Proposal } from './proposal-schema';
import { planStages, stagesJson } from './stages';
import { proposalContext } from './place';

/** A change must take effect on the job it was analysed for: a tier served elsewhere is refused. */
export function checkTier(policy: TierPolicy, job: string, tier: string | undefined): string {
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

/** A proposal checked as Cloud Run would check it, ready to store once its evidence is read. */
export interface CheckedChange {
  readonly job: JobRecord;
  readonly tier: string;
  readonly limitsBefore: ResourceLimits;
  readonly limitsAfter: ResourceLimits;
  readonly reason: string;
}

/**
 * The job is read (its limits, etag and generation frozen into the change), a no-op is refused,
 * and Google's dry run must accept the new limits. Nothing is stored.
 */
export async function checkChange(
  context: ChangeContext,
  proposal: Proposal & { readonly tier: string },
): Promise<CheckedChange> {
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
  return { job, tier: proposal.tier, limitsBefore, limitsAfter, reason: proposal.reason };
}

/** The change as the store keeps it: frozen evidence, and the dry run audited with it. */
export async function changeToStore(
  context: ChangeContext,
  actor: Actor,
  checked: CheckedChange,
): Promise<NewChangeRequestWithAudit> {
  const { job, limitsAfter } = checked;
  return {
    project: context.project,
    region: context.region,
    job: job.name,
    tier: checked.tier,
    limitsBefore: checked.limitsBefore,
    limitsAfter,
    etagAtProposal: job.etag,
    generationAtProposal: job.generation,
    reason: checked.reason,
    evidence: await readEvidence(context, job, checked.tier),
    requester: actor.email,
    audit: [
      {
        action: 'change.dry-run',
        details: {
          job: job.name,
          result: 'accepted by Cloud Run',
          etag: job.etag,
          limitsAfter: { ...limitsAfter },
        },
      },
    ],
  };
}

/** Records a proposal after checking it as Cloud Run would (see checkChange). */
export async function proposeChange(
  given: ChangeContext,
  actor: Actor,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'propose-change', 'propose a change');
  // Checked and stored at the place the body names (`project`, `region`), the default otherwise.
  const context = await proposalContext(given, raw);
  const proposal = parsed(raw);
  const tier = checkTier(context.tierPolicy, proposal.job, proposal.tier);
  // Staged: a deep memory cut applies its first step; each next one follows its verification.
  const plan = proposal.staged
    ? planStages(
        limitsOf(await readJob(context, proposal.job)).memoryBytes,
        proposal.limits.memoryBytes,
      )
    : null;
  const limits = plan ? { ...proposal.limits, memoryBytes: plan.memorySteps[0]! } : proposal.limits;
  const checked = await checkChange(context, { ...proposal, tier, limits });
  const stored = await changeToStore(context, actor, checked);
  return createChangeRequest(
    context.store,
    plan ? { ...stored, evidence: { ...stored.evidence, stages: stagesJson(plan) } } : stored,
  );
}

/** The report's figures for one tier; a proposal stays possible when the report cannot be read. */
export async function readEvidence(
  context: ChangeContext,
  job: JobRecord,
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
