import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The execution ledger: every execution Tierwise has read, kept beyond Cloud Run Admin's short
 * history, and one row per job holding the sync lease, the high-water mark and the progress.
 */
export const executionLedgerMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ledger_executions')
      .addColumn('project', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('create_ms', 'bigint', (col) => col.notNull())
      .addColumn('completion_ms', 'bigint')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('record', 'text', (col) => col.notNull())
      .addColumn('tasks', 'text')
      .addColumn('synced_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('ledger_executions_pk', ['project', 'region', 'job', 'id'])
      .addCheckConstraint(
        'ledger_executions_status_known',
        sql`status in ('running', 'succeeded', 'failed', 'cancelled')`,
      )
      .execute();
    await db.schema
      .createIndex('ledger_executions_created')
      .on('ledger_executions')
      .columns(['project', 'region', 'job', 'create_ms'])
      .execute();
    await db.schema
      .createTable('ledger_jobs')
      .addColumn('project', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('phase', 'text', (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('started_at', 'bigint')
      .addColumn('rows_synced', 'integer', (col) => col.notNull())
      .addColumn('rows_to_sync', 'integer')
      .addColumn('high_water_ms', 'bigint')
      .addColumn('first_synced_ms', 'bigint')
      .addColumn('synced_ms', 'bigint')
      .addColumn('last_error', 'text')
      .addPrimaryKeyConstraint('ledger_jobs_pk', ['project', 'region', 'job'])
      .addCheckConstraint('ledger_jobs_phase_known', sql`phase in ('idle', 'syncing', 'failed')`)
      .execute();
  },
};
