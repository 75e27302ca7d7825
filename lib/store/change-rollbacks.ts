/** Which applied change has had its rollback proposed, and by which change (migration 0030). */
import type { Kysely } from 'kysely';
import type { Database, Store } from './schema';

interface ChangeRollbacksTable {
  change_id: string;
  rollback_id: string | null;
  claimed_at: number;
}

const db = (store: Store): Kysely<Database & { change_rollbacks: ChangeRollbacksTable }> =>
  store.db.withTables<{ change_rollbacks: ChangeRollbacksTable }>();

/** A claim older than this without a rollback id belongs to an attempt that died. */
export const ROLLBACK_CLAIM_STALE_MS = 5 * 60_000;

/**
 * Takes the right to propose the rollback of `changeId`: true for exactly one caller across
 * instances (the insert meets the primary key; a stale claim is taken over with a conditional
 * update), false when a rollback is proposed or being proposed.
 */
export async function claimRollback(store: Store, changeId: string): Promise<boolean> {
  const now = store.now();
  const inserted = await db(store)
    .insertInto('change_rollbacks')
    .values({ change_id: changeId, rollback_id: null, claimed_at: now })
    .onConflict((conflict) => conflict.column('change_id').doNothing())
    .executeTakeFirst();
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return true;
  const taken = await db(store)
    .updateTable('change_rollbacks')
    .set({ claimed_at: now })
    .where('change_id', '=', changeId)
    .where('rollback_id', 'is', null)
    .where('claimed_at', '<', now - ROLLBACK_CLAIM_STALE_MS)
    .executeTakeFirst();
  return taken.numUpdatedRows === 1n;
}

export async function recordRollback(store: Store, changeId: string, rollbackId: string) {
  await db(store)
    .updateTable('change_rollbacks')
    .set({ rollback_id: rollbackId })
    .where('change_id', '=', changeId)
    .execute();
}

/** Gives a claim back when no rollback could be proposed, so a later read may try again. */
export async function releaseRollback(store: Store, changeId: string) {
  await db(store)
    .deleteFrom('change_rollbacks')
    .where('change_id', '=', changeId)
    .where('rollback_id', 'is', null)
    .execute();
}

/** The rollback proposed for a change, and the change a rollback undoes. */
export async function findRollbackFor(store: Store, changeId: string): Promise<string | null> {
  const row = await db(store)
    .selectFrom('change_rollbacks')
    .select('rollback_id')
    .where('change_id', '=', changeId)
    .executeTakeFirst();
  return row?.rollback_id ?? null;
}

export async function findRolledBack(store: Store, rollbackId: string): Promise<string | null> {
  const row = await db(store)
    .selectFrom('change_rollbacks')
    .select('change_id')
    .where('rollback_id', '=', rollbackId)
    .executeTakeFirst();
  return row?.change_id ?? null;
}
