import type { Kysely, Migration } from 'kysely';

/**
 * Per-execution CPU and memory as attributed from Cloud Monitoring when the execution was synced,
 * so a report reads them instead of a month of per-minute distributions; when each execution was
 * attributed; and each job's mark up to which Monitoring's minutes have been read and attributed.
 */
export const ledgerUsageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ledger_usage')
      .addColumn('project', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('create_ms', 'bigint', (col) => col.notNull())
      .addColumn('cpu_utilisation', 'double precision')
      .addColumn('cpu_source', 'text', (col) => col.notNull())
      .addColumn('peak_memory_fraction', 'double precision')
      .addColumn('peak_memory_bytes', 'double precision')
      .addColumn('memory_source', 'text', (col) => col.notNull())
      .addColumn('unusable_values', 'integer', (col) => col.notNull())
      .addColumn('attributed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('ledger_usage_pk', ['project', 'region', 'job', 'id'])
      .execute();
    await db.schema
      .createIndex('ledger_usage_created')
      .on('ledger_usage')
      .columns(['project', 'region', 'job', 'create_ms'])
      .execute();
    // Which executions are attributed, on their own rows: finding the pending ones needs no join.
    await db.schema.alterTable('ledger_executions').addColumn('attributed_ms', 'bigint').execute();
    await db.schema
      .alterTable('ledger_jobs')
      .addColumn('attributed_through_ms', 'bigint')
      .execute();
  },
};
