/** Tier policy versions in the database: proposals, their decisions and the approved policy. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { getSetting, type Store } from '@/lib/store';
import { insertAudit } from '@/lib/store/audit';
import type { Executor } from '@/lib/store/schema';

export const TIER_POLICY_SETTING = 'tier-policy';
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

const approvedSchema = z.object({ policy: tierPolicySchema, proposalId: z.string().nullable() });

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
}

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
}

export interface ApprovedTierPolicy {
  /** 0 for the built-in default, then one up with every approval. */
  readonly version: number;
  readonly policy: TierPolicy;
  readonly proposalId: string | null;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
}

export const tables = (store: Store) =>
  store.db.withTables<{ tier_policy_versions: TierPolicyVersionsTable }>();

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
  };
}

export async function approvedTierPolicy(store: Store): Promise<ApprovedTierPolicy> {
  const setting = await getSetting(store, TIER_POLICY_SETTING, approvedSchema);
  if (!setting) {
    return {
      version: 0,
      policy: DEFAULT_TIER_POLICY,
      proposalId: null,
      approvedBy: null,
      approvedAt: null,
    };
  }
  return {
    version: setting.version,
    policy: setting.value.policy,
    proposalId: setting.value.proposalId,
    approvedBy: setting.updatedBy,
    approvedAt: setting.updatedAt,
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
  };
  return store.db.transaction().execute(async (trx) => {
    await trx
      .withTables<{ tier_policy_versions: TierPolicyVersionsTable }>()
      .insertInto('tier_policy_versions')
      .values(row)
      .execute();
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
  const row = await tables(store)
    .selectFrom('tier_policy_versions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toProposal(row) : null;
}

export async function listProposals(store: Store, limit = 100): Promise<TierPolicyProposal[]> {
  const rows = await tables(store)
    .selectFrom('tier_policy_versions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toProposal);
}

export type Decision = {
  to: 'approved' | 'rejected' | 'withdrawn' | 'superseded';
  actor: string;
  comment?: string;
};

/**
 * One transaction: the proposal moves only from `proposed`, and an approval also writes the
 * `tier-policy` setting only if it is still at the proposal's base version. Returns false when
 * either condition failed (someone decided first, or another policy was approved meanwhile).
 */
export async function decideProposal(
  store: Store,
  id: string,
  decision: Decision,
): Promise<boolean> {
  const now = store.now();
  const actor = decision.actor.trim().toLowerCase();
  return store.db.transaction().execute(async (trx) => {
    const typed = trx.withTables<{ tier_policy_versions: TierPolicyVersionsTable }>();
    const row = await typed
      .selectFrom('tier_policy_versions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.state !== 'proposed') return false;
    const moved = await typed
      .updateTable('tier_policy_versions')
      .set({
        state: decision.to,
        decided_by: actor,
        decided_at: now,
        decision_comment: decision.comment ?? null,
        version: Number(row.version) + 1,
      })
      .where('id', '=', id)
      .where('state', '=', 'proposed')
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (moved.numUpdatedRows !== 1n) return false;
    if (decision.to === 'approved') {
      const written = await writeApproved(trx, row, actor, now);
      if (!written) throw new StaleBaseError();
    }
    await insertAudit(trx, now, {
      actor,
      action: `tier-policy.${decision.to}`,
      target: `tier-policy:${id}`,
      details: {
        ...(decision.comment !== undefined && { decisionComment: decision.comment }),
        baseVersion: Number(row.base_version),
      },
    });
    return true;
  });
}

/** Thrown inside the transaction so the proposal's move is rolled back with it. */
export class StaleBaseError extends Error {
  constructor() {
    super('Another tier policy was approved since this one was proposed.');
    this.name = 'StaleBaseError';
  }
}

async function writeApproved(
  trx: Executor,
  row: TierPolicyVersionsTable,
  actor: string,
  now: number,
): Promise<boolean> {
  const base = Number(row.base_version);
  const value = JSON.stringify({ policy: JSON.parse(row.policy) as unknown, proposalId: row.id });
  const columns = { value, version: base + 1, updated_by: actor, updated_at: now };
  const result =
    base === 0
      ? await trx
          .insertInto('settings')
          .values({ key: TIER_POLICY_SETTING, ...columns })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst()
      : await trx
          .updateTable('settings')
          .set(columns)
          .where('key', '=', TIER_POLICY_SETTING)
          .where('version', '=', base)
          .executeTakeFirst();
  const rows =
    'numInsertedOrUpdatedRows' in result ? result.numInsertedOrUpdatedRows : result.numUpdatedRows;
  return rows === 1n;
}
