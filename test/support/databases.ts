import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '@/lib/store/open';
import type { Store, StoreDialect } from '@/lib/store/schema';

/** Both dialects run the same suites; PostgreSQL 15 listens locally with trust auth in development. */
export const DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export const TEST_POSTGRES_URL =
  process.env.TIERWISE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** A DATABASE_URL private to this suite: a fresh SQLite file, or a fresh PostgreSQL schema. */
  readonly url: string;
  /** Opens another store on the same database, e.g. a second app instance. */
  open(now?: () => number): Promise<Store>;
  /** Closes every store opened here and deletes the file or schema. */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: StoreDialect): Promise<TestDatabase> {
  const target = dialect === 'sqlite' ? await sqliteTarget() : await postgresTarget();
  const opened: Store[] = [];
  return {
    url: target.url,
    async open(now) {
      const store = await openStore(target.url, now ? { now } : {});
      opened.push(store);
      return store;
    },
    async drop() {
      await Promise.all(opened.map((store) => store.close()));
      await target.drop();
    },
  };
}

async function sqliteTarget(): Promise<{ url: string; drop(): Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'tierwise-store-'));
  return {
    url: `file:${path.join(folder, 'tierwise.db')}`,
    drop: () => rm(folder, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `tw_test_${randomBytes(6).toString('hex')}`;
  await runSql(`create schema ${schema}`);
  const separator = TEST_POSTGRES_URL.includes('?') ? '&' : '?';
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return {
    url: `${TEST_POSTGRES_URL}${separator}options=${options}`,
    drop: () => runSql(`drop schema ${schema} cascade`),
  };
}

async function runSql(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A clock tests move by hand, so stored times are exact. */
export function manualClock(startMs = Date.UTC(2026, 0, 15, 9, 0, 0)) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance(ms: number) {
      nowMs += ms;
    },
  };
}
