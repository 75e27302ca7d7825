import type { Kysely, Migration } from 'kysely';

/**
 * Each job's hourly metered allocation (vCPU-seconds, GiB-seconds) and completed-execution counts,
 * read from Cloud Monitoring once the hour had settled, so a report compares billing and counts
 * from the store instead of re-reading its whole window; and each job's mark up to which they are.
 */
export const ledgerHoursMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ledger_hours')
      .addColumn('project', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('end_ms', 'bigint', (col) => col.notNull())
      .addColumn('vcpu_seconds', 'double precision', (col) => col.notNull())
      .addColumn('gib_seconds', 'double precision', (col) => col.notNull())
      .addColumn('succeeded', 'double precision', (col) => col.notNull())
      .addColumn('failed', 'double precision', (col) => col.notNull())
      .addColumn('unusable_values', 'integer', (col) => col.notNull())
      .addColumn('read_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('ledger_hours_pk', ['project', 'region', 'job', 'end_ms'])
      .execute();
    await db.schema.alterTable('ledger_jobs').addColumn('metered_through_ms', 'bigint').execute();
  },
};
