import type { Kysely, Migration } from 'kysely';

/**
 * Outgoing webhooks: the endpoints admins configure, and the outbox every notification goes
 * through. `dedupe_key` is unique, so an event enqueued by two instances is stored once; a
 * delivery is taken with a conditional update of `claimed_until`, so only one instance sends it.
 */
export const webhooksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('url', 'text', (col) => col.notNull())
      .addColumn('format', 'text', (col) => col.notNull())
      .addColumn('secret', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('webhook_outbox')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('endpoint_id', 'text', (col) => col.notNull())
      .addColumn('event', 'text', (col) => col.notNull())
      .addColumn('dedupe_key', 'text', (col) => col.notNull().unique())
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull())
      .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'bigint')
      .addColumn('delivered_at', 'bigint')
      .addColumn('gave_up_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('webhook_outbox_due')
      .on('webhook_outbox')
      .columns(['delivered_at', 'gave_up_at', 'next_attempt_at'])
      .execute();
    await db.schema
      .createTable('notify_cursor')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('audit_id', 'bigint', (col) => col.notNull())
      .execute();
  },
};
