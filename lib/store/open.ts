import { appNow } from '@/lib/clock';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url';
import { StoreUnavailableError } from './errors';
import { InCodeMigrationProvider } from './migrations';
import type { Database, Store, StoreDialect } from './schema';
import { SchemaScopedPostgresDialect } from './postgres-dialect';
import { FileLockedSqliteDialect } from './sqlite-dialect';

const BUSY_TIMEOUT_MS = 5_000;
/** Own names, so another Kysely app sharing the database or schema keeps its migration history apart. */
export const MIGRATION_TABLE = 'tierwise_migration';
export const MIGRATION_LOCK_TABLE = 'tierwise_migration_lock';
const PG_INT8_OID = 20;

export interface OpenStoreOptions {
  /** Clock for stored timestamps, epoch ms; defaults to Date.now. */
  readonly now?: () => number;
  /** Folder that relative file: paths resolve against; defaults to the working folder. */
  readonly cwd?: string;
  /** The last migration to run instead of all: tests of a data migration write older rows first. */
  readonly migrateTo?: string;
}

/**
 * Opens the store named by DATABASE_URL and brings its schema up to date. Safe when several app
 * instances start at once: Kysely's migration lock (an advisory lock on PostgreSQL, BEGIN IMMEDIATE
 * on SQLite) lets one migrate while the others wait and then find nothing left to do.
 */
export async function openStore(
  databaseUrl: string,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl, options.cwd);
  const db =
    target.dialect === 'sqlite' ? openSqlite(target.file) : openPostgres(target.connectionString);
  await migrate(db, target, options.migrateTo);
  return {
    db,
    dialect: target.dialect,
    now: options.now ?? appNow,
    close: () => db.destroy(),
  };
}

function openSqlite(file: string): Kysely<Database> {
  let database: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw new StoreUnavailableError(
      `Could not open the SQLite file ${file} named by DATABASE_URL (${messageOf(error)}); check that its folder is writable.`,
      { cause: error },
    );
  }
  // Separate in-memory databases share nothing, so they need no common lock.
  const lockKey = file === ':memory:' ? `:memory:${randomUUID()}` : file;
  return new Kysely<Database>({ dialect: new FileLockedSqliteDialect({ database }, lockKey) });
}

function openPostgres(connectionString: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Times are epoch ms in BIGINT columns; they fit a JS number exactly, so read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server must not crash the app; the next query reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  return new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
}

async function migrate(
  db: Kysely<Database>,
  target: DatabaseTarget,
  migrateTo: string | undefined,
): Promise<void> {
  const dialect: StoreDialect = target.dialect;
  try {
    const migrator = new Migrator({
      db,
      provider: new InCodeMigrationProvider(dialect),
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      // Kysely looks for its tables in every schema unless told which one; pin it to ours.
      migrationTableSchema: dialect === 'postgres' ? await currentSchema(db) : undefined,
    });
    const { error } =
      migrateTo === undefined
        ? await migrator.migrateToLatest()
        : await migrator.migrateTo(migrateTo);
    if (error !== undefined) throw error;
  } catch (error) {
    await db.destroy();
    const where = target.dialect === 'sqlite' ? target.file : target.display;
    throw new StoreUnavailableError(
      `Could not prepare the Tierwise database at ${where} (DATABASE_URL): ${messageOf(error)}. ` +
        'Check that the server is running and that the user may create tables, functions and triggers.',
      { cause: error },
    );
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  if (!schema)
    throw new Error(
      'its search_path names no existing schema (create it, or fix options=-c search_path=…)',
    );
  return schema;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}
