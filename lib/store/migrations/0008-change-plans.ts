import type { Kysely, Migration } from 'kysely';

/**
 * A change request that does more than set one job's limits carries its plan: splitting a job
 * that serves every tier into one job per tier names each new job and its limits. Null for a plain
 * limit change.
 */
export const changePlansMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('change_requests').addColumn('plan', 'text').execute();
  },
};
