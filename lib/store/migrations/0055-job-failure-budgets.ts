import type { Kysely, Migration } from 'kysely';

/**
 * The failure budget's cap per job: the largest share of executions the job's recommendations may
 * let fail. A job with no row keeps the built-in default (0.5 %). One row per project, region and job.
 */
export const jobFailureBudgetsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('job_failure_budgets')
      .addColumn('project', 'text', (col) => col.notNull())
      .addColumn('region', 'text', (col) => col.notNull())
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('max_failure_rate', 'double precision', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('job_failure_budgets_pk', ['project', 'region', 'job'])
      .execute();
  },
};
