import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { ResourceLimits } from '@/lib/domain/records';
import { insertAudit } from './audit';
import { ChangeRequestNotFoundError } from './errors';
import { jsonObject, parseColumn, parseJsonColumn, toJsonText, type JsonObject } from './json';
import type { ChangeRequestsTable, Executor, Store } from './schema';

export const CHANGE_STATES = [
  'proposed',
  'approved',
  'rejected',
  'withdrawn',
  'applying',
  'applied',
  'failed',
  'superseded',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const limitsSchema = z.object({
  vcpu: z.number().positive(),
  memoryBytes: z.number().int().positive(),
  timeoutSeconds: z.number().positive(),
  maxRetries: z.number().int().min(0),
}) satisfies z.ZodType<ResourceLimits>;

/** One new job of a split: the tier it will serve, its id and its limits. */
export const splitTierSchema = z.object({
  tier: z.string().min(1),
  jobName: z.string().min(1),
  limits: limitsSchema,
});

/**
 * The plan of a change that splits a job serving every tier into one job per tier: copies of the
 * job with each tier's limits, then the tier policy routing each tier to its job. `policyVersion`
 * is the approved tier policy it was proposed against.
 */
export const splitPlanSchema = z.object({
  kind: z.literal('split'),
  policyVersion: z.number().int().min(0),
  tiers: z.array(splitTierSchema).min(1),
});
export type SplitTier = z.infer<typeof splitTierSchema>;
export type SplitPlan = z.infer<typeof splitPlanSchema>;

export interface ChangeRequest {
  readonly id: string;
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly tier: string;
  readonly limitsBefore: ResourceLimits;
  readonly limitsAfter: ResourceLimits;
  /** The job's etag when proposed; applying sends it back so a job edited since is not overwritten. */
  readonly etagAtProposal: string;
  readonly generationAtProposal: number;
  readonly reason: string;
  /** The figures the proposal was based on, frozen so reviewers see what the requester saw. */
  readonly evidence: JsonObject;
  readonly requester: string;
  readonly createdAt: number;
  readonly state: ChangeState;
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly decisionComment: string | null;
  readonly appliedAt: number | null;
  readonly failureReason: string | null;
  readonly updatedAt: number;
  /** Goes up by one with every transition. */
  readonly version: number;
  /** Set when the change creates jobs rather than setting this job's limits. */
  readonly plan: SplitPlan | null;
}

export type NewChangeRequest = Pick<
  ChangeRequest,
  | 'project'
  | 'region'
  | 'job'
  | 'tier'
  | 'limitsBefore'
  | 'limitsAfter'
  | 'etagAtProposal'
  | 'generationAtProposal'
  | 'reason'
  | 'evidence'
  | 'requester'
> & { readonly plan?: SplitPlan };

export interface ChangeRequestQuery {
  readonly state?: ChangeState | readonly ChangeState[];
  readonly project?: string;
  readonly region?: string;
  readonly job?: string;
  /** Newest first; at most 500. */
  readonly limit: number;
}

/** 128 random bits as base64url (22 characters): links to a change cannot be guessed. */
export function newChangeRequestId(): string {
  return randomBytes(16).toString('base64url');
}

/** An audit entry on a new change besides `change.proposed`, such as the dry run that preceded it. */
export interface ProposalAudit {
  readonly action: string;
  readonly details: JsonObject;
}

export type NewChangeRequestWithAudit = NewChangeRequest & {
  /** Written after `change.proposed`, by the requester, in the same transaction. */
  readonly audit?: readonly ProposalAudit[];
};

export async function createChangeRequest(
  store: Store,
  input: NewChangeRequestWithAudit,
): Promise<ChangeRequest> {
  const [created] = await createChangeRequests(store, [input]);
  if (!created) throw new Error('createChangeRequests stored nothing for one change request.');
  return created;
}

/**
 * Several change requests in one transaction, each with its audit entries: either every one is
 * stored or, if any insert fails, none is.
 */
export async function createChangeRequests(
  store: Store,
  inputs: readonly NewChangeRequestWithAudit[],
): Promise<ChangeRequest[]> {
  const now = store.now();
  const rows = inputs.map((input) => rowOf(input, now));
  return store.db.transaction().execute(async (trx) => {
    const created: ChangeRequest[] = [];
    for (const [index, row] of rows.entries()) {
      const input = inputs[index]!;
      await trx.insertInto('change_requests').values(row).execute();
      await insertAudit(trx, now, {
        actor: input.requester,
        action: 'change.proposed',
        target: `change:${row.id}`,
        details: {
          project: input.project,
          region: input.region,
          job: input.job,
          tier: input.tier,
          limitsBefore: JSON.parse(row.limits_before) as JsonObject,
          limitsAfter: JSON.parse(row.limits_after) as JsonObject,
          ...(row.plan !== null && { plan: JSON.parse(row.plan) as JsonObject }),
        },
      });
      for (const entry of input.audit ?? []) {
        await insertAudit(trx, now, {
          ...entry,
          actor: input.requester,
          target: `change:${row.id}`,
        });
      }
      created.push(toChangeRequest(row));
    }
    return created;
  });
}

function rowOf(input: NewChangeRequest, now: number): Selectable<ChangeRequestsTable> {
  return {
    id: newChangeRequestId(),
    project: input.project,
    region: input.region,
    job: input.job,
    tier: input.tier,
    limits_before: toJsonText(limitsSchema.parse(input.limitsBefore)),
    limits_after: toJsonText(limitsSchema.parse(input.limitsAfter)),
    etag_at_proposal: input.etagAtProposal,
    generation_at_proposal: input.generationAtProposal,
    reason: input.reason,
    evidence: toJsonText(input.evidence),
    requester: input.requester.toLowerCase(),
    created_at: now,
    state: 'proposed',
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    applied_at: null,
    failure_reason: null,
    updated_at: now,
    version: 1,
    plan: input.plan ? toJsonText(splitPlanSchema.parse(input.plan)) : null,
  };
}

export async function getChangeRequest(store: Store, id: string): Promise<ChangeRequest> {
  const found = await findChangeRequest(store.db, id);
  if (!found) throw new ChangeRequestNotFoundError(id);
  return found;
}

export async function findChangeRequest(
  executor: Executor,
  id: string,
): Promise<ChangeRequest | null> {
  const row = await executor
    .selectFrom('change_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toChangeRequest(row) : null;
}

export async function listChangeRequests(
  store: Store,
  query: ChangeRequestQuery,
): Promise<ChangeRequest[]> {
  const limit = Math.max(1, Math.min(500, Math.floor(query.limit)));
  let select = store.db.selectFrom('change_requests').selectAll();
  if (query.state !== undefined) {
    const states: readonly ChangeState[] =
      typeof query.state === 'string' ? [query.state] : query.state;
    if (states.length === 0) return [];
    select = select.where('state', 'in', states);
  }
  if (query.project !== undefined) select = select.where('project', '=', query.project);
  if (query.region !== undefined) select = select.where('region', '=', query.region);
  if (query.job !== undefined) select = select.where('job', '=', query.job);
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toChangeRequest);
}

const stateSchema = z.enum(CHANGE_STATES);

export function toChangeRequest(row: Selectable<ChangeRequestsTable>): ChangeRequest {
  const where = (column: string) => ({ table: 'change_requests', rowKey: row.id, column });
  return {
    id: row.id,
    project: row.project,
    region: row.region,
    job: row.job,
    tier: row.tier,
    limitsBefore: parseJsonColumn(limitsSchema, row.limits_before, where('limits_before')),
    limitsAfter: parseJsonColumn(limitsSchema, row.limits_after, where('limits_after')),
    etagAtProposal: row.etag_at_proposal,
    generationAtProposal: Number(row.generation_at_proposal),
    reason: row.reason,
    evidence: parseJsonColumn(jsonObject, row.evidence, where('evidence')),
    requester: row.requester,
    createdAt: Number(row.created_at),
    state: parseColumn(stateSchema, row.state, where('state')),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    decisionComment: row.decision_comment,
    appliedAt: row.applied_at === null ? null : Number(row.applied_at),
    failureReason: row.failure_reason,
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
    plan: row.plan === null ? null : parseJsonColumn(splitPlanSchema, row.plan, where('plan')),
  };
}
