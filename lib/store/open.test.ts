import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from './errors';
import { migrationsFor } from './migrations';
import { openStore } from './open';
import { createTestDatabase, DIALECTS, TEST_POSTGRES_URL } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

const MIGRATION_COUNT = Object.keys(migrationsFor('sqlite')).length;

describe.each(DIALECTS)('openStore on %s', (dialect) => {
  const database = databaseForTests(dialect);

  it('creates the schema once, however many instances open it, even at the same moment', async () => {
    const first = await database.open();
    const together = await Promise.all([database.open(), database.open(), database.open()]);
    const again = await database.open();
    for (const store of [first, ...together, again]) {
      const applied = await sql<{
        name: string;
      }>`select name from tierwise_migration order by name`.execute(store.db);
      expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrationsFor(dialect)));
    }
    expect(MIGRATION_COUNT).toBeGreaterThanOrEqual(4);
  });

  it('keeps rows written by one instance visible to another after both reopen', async () => {
    const writer = await database.open();
    await writer.db
      .insertInto('users')
      .values({ email: 'kept@example.com', role: 'viewer', granted_by: 'system', granted_at: 1 })
      .execute();
    await writer.close();
    const reader = await database.open();
    const row = await reader.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'kept@example.com')
      .executeTakeFirst();
    expect(row).toEqual({
      email: 'kept@example.com',
      role: 'viewer',
      granted_by: 'system',
      granted_at: 1,
    });
  });

  it('refuses rows outside the closed sets at the database level', async () => {
    const store = await database.open();
    await expect(
      store.db
        .insertInto('users')
        .values({ email: 'x@example.com', role: 'owner', granted_by: 'system', granted_at: 1 })
        .execute(),
    ).rejects.toThrow(/users_role_known|CHECK constraint/i);
    await expect(
      store.db
        .insertInto('users')
        .values({ email: 'Mixed@Example.com', role: 'viewer', granted_by: 'system', granted_at: 1 })
        .execute(),
    ).rejects.toThrow(/users_email_lowercase|CHECK constraint/i);
  });
});

describe('openStore on SQLite files', () => {
  it('creates the missing folder and uses write-ahead logging with foreign keys on', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tierwise-open-'));
    try {
      const store = await openStore('file:./nested/data/tierwise.db', { cwd: root });
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(
        store.db,
      );
      await store.close();
      expect((await stat(path.join(root, 'nested/data/tierwise.db'))).isFile()).toBe(true);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('says which file it could not open when the path is unusable', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tierwise-open-'));
    try {
      // The database "file" is an existing folder.
      await expect(openStore(`file:${root}`)).rejects.toThrow(StoreUnavailableError);
      await expect(openStore(`file:${root}`)).rejects.toThrow(root);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('openStore on PostgreSQL schemas', () => {
  it('keeps its own tables and history in its own schema when another schema already has Tierwise', async () => {
    const neighbour = await createTestDatabase('postgres');
    const ours = await createTestDatabase('postgres');
    try {
      await neighbour.open();
      const store = await ours.open();
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = current_schema() order by table_name`.execute(store.db);
      expect(rows.map((row) => row.table_name)).toEqual([
        'audit_log',
        'change_requests',
        'change_rollbacks',
        'change_stages',
        'job_failure_budgets',
        'ledger_executions',
        'ledger_hours',
        'ledger_jobs',
        'ledger_usage',
        'notify_cursor',
        'report_snapshot_rows',
        'report_snapshots',
        'settings',
        'tier_policy_versions',
        'tierwise_migration',
        'tierwise_migration_lock',
        'users',
        'webhook_endpoints',
        'webhook_outbox',
      ]);
    } finally {
      await Promise.all([neighbour.drop(), ours.drop()]);
    }
  });

  it('says so when the search_path names no existing schema', async () => {
    const url = `${TEST_POSTGRES_URL}?options=${encodeURIComponent('-c search_path=tw_missing_schema')}`;
    await expect(openStore(url)).rejects.toThrow(/search_path names no existing schema/);
  });
});

describe('openStore on an unreachable PostgreSQL', () => {
  it('names the server (without the password) and DATABASE_URL', async () => {
    const attempt = openStore('postgres://tw:hunter2@127.0.0.1:1/tierwise');
    await expect(attempt).rejects.toThrow(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(
      /postgres:\/\/tw:\*\*\*@127\.0\.0\.1:1\/tierwise \(DATABASE_URL\)/,
    );
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});
