import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Proposed tier policies (thresholds and tier → job mapping), reviewed like limit changes. The
 * approved one is written to the `tier-policy` setting, whose version is the policy's version.
 */
export const tierPolicyVersionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tier_policy_versions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('policy', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('requester', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('base_version', 'integer', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'bigint')
      .addColumn('decision_comment', 'text')
      .addColumn('version', 'integer', (col) => col.notNull())
      .addCheckConstraint(
        'tier_policy_versions_state_known',
        sql`state in ('proposed', 'approved', 'rejected', 'withdrawn', 'superseded')`,
      )
      .execute();
    await db.schema
      .createIndex('tier_policy_versions_created')
      .on('tier_policy_versions')
      .columns(['created_at'])
      .execute();
  },
};
