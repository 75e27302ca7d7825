import { sql, type Kysely, type Migration } from 'kysely';

/** Proposed limit changes and where each stands in its review and apply lifecycle. */
export const changeRequestsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('change_requests')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('project', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('tier', 'text', (col) => col.notNull())
      .addColumn('limits_before', 'text', (col) => col.notNull())
      .addColumn('limits_after', 'text', (col) => col.notNull())
      .addColumn('etag_at_proposal', 'text', (col) => col.notNull())
      .addColumn('generation_at_proposal', 'bigint', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('evidence', 'text', (col) => col.notNull())
      .addColumn('requester', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'bigint')
      .addColumn('decision_comment', 'text')
      .addColumn('applied_at', 'bigint')
      .addColumn('failure_reason', 'text')
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addCheckConstraint(
        'change_requests_state_known',
        sql`state in ('proposed', 'approved', 'rejected', 'withdrawn', 'applying', 'applied', 'failed', 'superseded')`,
      )
      .execute();
    await db.schema
      .createIndex('change_requests_state')
      .on('change_requests')
      .columns(['state', 'created_at'])
      .execute();
    await db.schema
      .createIndex('change_requests_job')
      .on('change_requests')
      .columns(['project', 'region', 'job', 'created_at'])
      .execute();
  },
};
