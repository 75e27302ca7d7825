import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../schema';

const FROZEN = 'report snapshots are immutable: only revoked_at and revoked_by may be set, once';
const ROWS_FROZEN = 'report snapshot rows are immutable';
/** Every column a snapshot is taken with; the database refuses to change any of them. */
const FROZEN_COLUMNS = [
  'id',
  'project',
  'region',
  'job',
  'author',
  'created_at',
  'expires_at',
  'document',
  'summary',
  'row_count',
] as const;

/**
 * Shared cost reports: the frozen document in one row, per-execution rows in chunks beside it so an
 * export can stream them. The database itself refuses edits and deletes; revocation sets revoked_at once.
 */
export function reportSnapshotsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('report_snapshots')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('project', 'text', (col) => col.notNull())
        .addColumn('region', 'text', (col) => col.notNull())
        .addColumn('job', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('document', 'text', (col) => col.notNull())
        .addColumn('summary', 'text', (col) => col.notNull())
        .addColumn('row_count', 'integer', (col) => col.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema
        .createIndex('report_snapshots_job')
        .on('report_snapshots')
        .columns(['project', 'region', 'job', 'created_at'])
        .execute();
      await db.schema
        .createTable('report_snapshot_rows')
        .addColumn('snapshot_id', 'text', (col) => col.notNull().references('report_snapshots.id'))
        .addColumn('chunk', 'integer', (col) => col.notNull())
        .addColumn('rows', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('report_snapshot_rows_pk', ['snapshot_id', 'chunk'])
        .execute();
      if (dialect === 'postgres') await frozenOnPostgres(db);
      else await frozenOnSqlite(db);
    },
  };
}

async function frozenOnPostgres(db: Kysely<unknown>): Promise<void> {
  const changed = FROZEN_COLUMNS.map((c) => `new.${c} is distinct from old.${c}`).join(' or ');
  await sql`
    create function report_snapshots_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'UPDATE' or old.revoked_at is not null or new.revoked_at is null
         or ${sql.raw(changed)} then
        raise exception '${sql.raw(FROZEN)} (% refused)', tg_op using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger report_snapshots_no_change before update or delete on report_snapshots
    for each row execute function report_snapshots_frozen()`.execute(db);
  await sql`
    create function report_snapshot_rows_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '${sql.raw(ROWS_FROZEN)} (% refused)', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger report_snapshot_rows_no_change before update or delete on report_snapshot_rows
    for each row execute function report_snapshot_rows_frozen()`.execute(db);
  for (const table of ['report_snapshots', 'report_snapshot_rows']) {
    const fn =
      table === 'report_snapshots' ? 'report_snapshots_frozen' : 'report_snapshot_rows_frozen';
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.raw(table)}
      for each statement execute function ${sql.raw(fn)}()`.execute(db);
  }
}

async function frozenOnSqlite(db: Kysely<unknown>): Promise<void> {
  const changed = FROZEN_COLUMNS.map((c) => `new.${c} is not old.${c}`).join(' or ');
  await sql`
    create trigger report_snapshots_no_update before update on report_snapshots
    when old.revoked_at is not null or new.revoked_at is null or ${sql.raw(changed)}
    begin select raise(abort, '${sql.raw(FROZEN)}'); end`.execute(db);
  await sql`
    create trigger report_snapshots_no_delete before delete on report_snapshots
    begin select raise(abort, '${sql.raw(FROZEN)}'); end`.execute(db);
  for (const operation of ['update', 'delete']) {
    await sql`
      create trigger ${sql.raw(`report_snapshot_rows_no_${operation}`)} before ${sql.raw(operation)}
      on report_snapshot_rows
      begin select raise(abort, '${sql.raw(ROWS_FROZEN)}'); end`.execute(db);
  }
}
