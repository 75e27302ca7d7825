/** Which applied step of a staged lowering has had its next step proposed (migration 0050). */
import type { Kysely } from 'kysely';
import type { Database, Store } from './schema';

interface ChangeStagesTable {
  change_id: string;
  next_id: string | null;
  claimed_at: number;
}

const db = (store: Store): Kysely<Database & { change_stages: ChangeStagesTable }> =>
  store.db.withTables<{ change_stages: ChangeStagesTable }>();

/** A claim older than this without a next id belongs to an attempt that died. */
export const STAGE_CLAIM_STALE_MS = 5 * 60_000;

/** The right to propose the step after `changeId`: true for exactly one caller across instances. */
export async function claimNextStage(store: Store, changeId: string): Promise<boolean> {
  const now = store.now();
  const inserted = await db(store)
    .insertInto('change_stages')
    .values({ change_id: changeId, next_id: null, claimed_at: now })
    .onConflict((conflict) => conflict.column('change_id').doNothing())
    .executeTakeFirst();
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return true;
  const taken = await db(store)
    .updateTable('change_stages')
    .set({ claimed_at: now })
    .where('change_id', '=', changeId)
    .where('next_id', 'is', null)
    .where('claimed_at', '<', now - STAGE_CLAIM_STALE_MS)
    .executeTakeFirst();
  return taken.numUpdatedRows === 1n;
}

export async function recordNextStage(store: Store, changeId: string, nextId: string) {
  await db(store)
    .updateTable('change_stages')
    .set({ next_id: nextId })
    .where('change_id', '=', changeId)
    .execute();
}

export async function releaseNextStage(store: Store, changeId: string) {
  await db(store)
    .deleteFrom('change_stages')
    .where('change_id', '=', changeId)
    .where('next_id', 'is', null)
    .execute();
}

export async function findNextStage(store: Store, changeId: string): Promise<string | null> {
  const row = await db(store)
    .selectFrom('change_stages')
    .select('next_id')
    .where('change_id', '=', changeId)
    .executeTakeFirst();
  return row?.next_id ?? null;
}
