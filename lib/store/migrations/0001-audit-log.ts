import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../schema';

const APPEND_ONLY = 'audit_log is append-only: entries can be added, never changed or removed';

/** The audit log; the database itself refuses UPDATE and DELETE so no code path can rewrite history. */
export function auditLogMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (col) =>
          dialect === 'postgres'
            ? col.primaryKey().generatedAlwaysAsIdentity()
            : col.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('actor', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('target', 'text', (col) => col.notNull())
        .addColumn('details', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_target')
        .on('audit_log')
        .columns(['target', 'id'])
        .execute();
      await db.schema
        .createIndex('audit_log_actor')
        .on('audit_log')
        .columns(['actor', 'id'])
        .execute();
      if (dialect === 'postgres') await appendOnlyOnPostgres(db);
      else await appendOnlyOnSqlite(db);
    },
  };
}

async function appendOnlyOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '${sql.raw(APPEND_ONLY)} (% refused)', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

async function appendOnlyOnSqlite(db: Kysely<unknown>): Promise<void> {
  for (const operation of ['update', 'delete']) {
    await sql`
      create trigger ${sql.raw(`audit_log_no_${operation}`)} before ${sql.raw(operation)} on audit_log
      begin select raise(abort, '${sql.raw(APPEND_ONLY)}'); end`.execute(db);
  }
}
