import type { Kysely, Migration } from 'kysely';

/**
 * The rollback Tierwise proposed for an applied change that hurts: one per change. The primary
 * key is the claim, so of two instances verifying the same change only one proposes it; a claim
 * without a rollback id is an attempt in progress (or one that died, retried after a while).
 */
export const changeRollbacksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('change_rollbacks')
      .addColumn('change_id', 'text', (col) => col.primaryKey())
      .addColumn('rollback_id', 'text')
      .addColumn('claimed_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('change_rollbacks_rollback')
      .on('change_rollbacks')
      .column('rollback_id')
      .execute();
  },
};
