import { sql, type Kysely, type Migration } from 'kysely';

/** Granted roles by email; the role list is frozen here as it was when this migration shipped. */
export const usersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('email', 'text', (col) => col.primaryKey())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('granted_by', 'text', (col) => col.notNull())
      .addColumn('granted_at', 'bigint', (col) => col.notNull())
      .addCheckConstraint('users_email_lowercase', sql`email = lower(email)`)
      .addCheckConstraint(
        'users_role_known',
        sql`role in ('viewer', 'requester', 'approver', 'admin')`,
      )
      .execute();
  },
};
