import type { Kysely, Migration } from 'kysely';

/**
 * The next step Tierwise proposed for an applied step of a staged lowering: one per change. The
 * primary key is the claim, as for rollbacks (0030): of two instances verifying the same step
 * only one proposes the next; a claim without a next id is an attempt in progress.
 */
export const changeStagesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('change_stages')
      .addColumn('change_id', 'text', (col) => col.primaryKey())
      .addColumn('next_id', 'text')
      .addColumn('claimed_at', 'bigint', (col) => col.notNull())
      .execute();
  },
};
