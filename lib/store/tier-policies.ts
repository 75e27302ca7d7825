/**
 * Tier policy versions in the database: proposals, their decisions and the policy in force — the
 * approved version with the highest number, or the built-in default (version 0) before any.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { isUniqueViolation, type Store } from './index';
import { insertAudit } from './audit';
import type { Executor } from './schema';

export const TIER_POLICY_STATES = [
  'proposed',
  'approved',
  'rejected',
  'withdrawn',
  'superseded',
] as const;
export type TierPolicyState = (typeof TIER_POLICY_STATES)[number];

export const tierPolicySchema = z.object({
  tiers: z.array(
    z.object({
      id: z.string().trim().min(1).max(64),
      label: z.string().trim().min(1).max(100),
      maxClipCount: z.number().optional(),
      maxTotalMb: z.number().optional(),
      jobName: z.string().trim().min(1).max(63).optional(),
    }),
  ),
}) satisfies z.ZodType<TierPolicy>;

interface TierPolicyVersionsTable {
  id: string;
  policy: string;
  reason: string;
  requester: string;
  created_at: number;
  base_version: number;
  state: string;
  decided_by: string | null;
  decided_at: number | null;
  decision_comment: string | null;
  version: number;
  /** The policy version this row became when approved; null unless approved. */
  approved_version: number | null;
}

const typedTables = (executor: Executor) =>
  executor.withTables<{ tier_policy_versions: TierPolicyVersionsTable }>();

export interface TierPolicyProposal {
  readonly id: string;
  readonly policy: TierPolicy;
  readonly reason: string;
  readonly requester: string;
  readonly createdAt: number;
  /** The approved version it was written against; approving it fails if another came first. */
  readonly baseVersion: number;
  readonly state: TierPolicyState;
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  readonly decisionComment: string | null;
  /** The version it became when approved; null unless approved. */
  readonly approvedVersion: number | null;
}

export interface ApprovedTierPolicy {
  /** 0 for the built-in default, then one up with every approval. */
  readonly version: number;
  readonly policy: TierPolicy;
  readonly proposalId: string | null;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
}

function toProposal(row: TierPolicyVersionsTable): TierPolicyProposal {
  return {
    id: row.id,
    policy: tierPolicySchema.parse(JSON.parse(row.policy)),
    reason: row.reason,
    requester: row.requester,
    createdAt: Number(row.created_at),
    baseVersion: Number(row.base_version),
    state: z.enum(TIER_POLICY_STATES).parse(row.state),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    decisionComment: row.decision_comment,
    approvedVersion: row.approved_version === null ? null : Number(row.approved_version),
  };
}

const BUILT_IN: ApprovedTierPolicy = {
  version: 0,
  policy: DEFAULT_TIER_POLICY,
  proposalId: null,
  approvedBy: null,
  approvedAt: null,
};

/** The policy in force: what reports classify with and GET /api/tier-policy serves. */
export async function approvedTierPolicy(store: Store): Promise<ApprovedTierPolicy> {
  const row = await typedTables(store.db)
    .selectFrom('tier_policy_versions')
    .selectAll()
    .where('approved_version', 'is not', null)
    .orderBy('approved_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return BUILT_IN;
  const proposal = toProposal(row);
  return {
    version: proposal.approvedVersion ?? 0,
    policy: proposal.policy,
    proposalId: proposal.id,
    approvedBy: proposal.decidedBy,
    approvedAt: proposal.decidedAt,
  };
}

export async function insertProposal(
  store: Store,
  input: Pick<TierPolicyProposal, 'policy' | 'reason' | 'requester' | 'baseVersion'>,
): Promise<TierPolicyProposal> {
  const now = store.now();
  const row: TierPolicyVersionsTable = {
    id: randomBytes(16).toString('base64url'),
    policy: JSON.stringify(input.policy),
    reason: input.reason,
    requester: input.requester.trim().toLowerCase(),
    created_at: now,
    base_version: input.baseVersion,
    state: 'proposed',
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    version: 1,
    approved_version: null,
  };
  return store.db.transaction().execute(async (trx) => {
    await typedTables(trx).insertInto('tier_policy_versions').values(row).execute();
    await insertAudit(trx, now, {
      actor: row.requester,
      action: 'tier-policy.proposed',
      target: `tier-policy:${row.id}`,
      details: {
        baseVersion: input.baseVersion,
        policy: JSON.parse(row.policy) as never,
        reason: input.reason,
      },
    });
    return toProposal(row);
  });
}

export async function findProposal(store: Store, id: string): Promise<TierPolicyProposal | null> {
  const row = await typedTables(store.db)
    .selectFrom('tier_policy_versions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toProposal(row) : null;
}

/** Newest first; `state` narrows to proposals in that state. */
export async function listProposals(
  store: Store,
  query: { readonly state?: TierPolicyState; readonly limit?: number } = {},
): Promise<TierPolicyProposal[]> {
  let select = typedTables(store.db).selectFrom('tier_policy_versions').selectAll();
  if (query.state !== undefined) select = select.where('state', '=', query.state);
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 200)
    .execute();
  return rows.map(toProposal);
}

export type Decision = {
  to: 'approved' | 'rejected' | 'withdrawn' | 'superseded';
  actor: string;
  comment?: string;
};

/**
 * One transaction: the proposal moves only from `proposed`, and an approval takes the next version
 * number only if the version in force is still the proposal's base. Returns false when someone
 * decided first; throws StaleBaseError (rolling the move back) when another policy was approved
 * meanwhile — on PostgreSQL two simultaneous approvals meet at the unique version index.
 */
export async function decideProposal(
  store: Store,
  id: string,
  decision: Decision,
): Promise<boolean> {
  const now = store.now();
  const actor = decision.actor.trim().toLowerCase();
  return store.db.transaction().execute(async (trx) => {
    const typed = typedTables(trx);
    const row = await typed
      .selectFrom('tier_policy_versions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.state !== 'proposed') return false;
    const base = Number(row.base_version);
    if (decision.to === 'approved' && (await versionInForce(trx)) !== base) {
      throw new StaleBaseError();
    }
    const moved = await typed
      .updateTable('tier_policy_versions')
      .set({
        state: decision.to,
        decided_by: actor,
        decided_at: now,
        decision_comment: decision.comment ?? null,
        version: Number(row.version) + 1,
        approved_version: decision.to === 'approved' ? base + 1 : null,
      })
      .where('id', '=', id)
      .where('state', '=', 'proposed')
      .where('version', '=', row.version)
      .executeTakeFirst()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new StaleBaseError() : error;
      });
    if (moved.numUpdatedRows !== 1n) return false;
    await insertAudit(trx, now, {
      actor,
      action: `tier-policy.${decision.to}`,
      target: `tier-policy:${id}`,
      details: {
        ...(decision.comment !== undefined && { decisionComment: decision.comment }),
        baseVersion: base,
        ...(decision.to === 'approved' && { approvedVersion: base + 1 }),
      },
    });
    return true;
  });
}

async function versionInForce(executor: Executor): Promise<number> {
  const row = await typedTables(executor)
    .selectFrom('tier_policy_versions')
    .select(sql<number | null>`max(approved_version)`.as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Thrown inside the transaction so the proposal's move is rolled back with it. */
export class StaleBaseError extends Error {
  constructor() {
    super('Another tier policy was approved since this one was proposed.');
    this.name = 'StaleBaseError';
  }
}
