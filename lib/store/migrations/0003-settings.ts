import { sql, type Kysely, type Migration } from 'kysely';

/** Shared settings (tier policy, price book) as versioned JSON, written with compare-and-set. */
export const settingsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addCheckConstraint('settings_version_positive', sql`version > 0`)
      .execute();
  },
};
