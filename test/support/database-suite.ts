/**
 * One test database for a `describe` block (one dialect of `describe.each(DIALECTS)`): created
 * before its first test, handed to `ready` to open the block's stores, dropped after its last.
 * Kept apart from databases.ts, which benchmarks import outside the test runner.
 */
import { afterAll, beforeAll } from 'vitest';
import type { StoreDialect } from '@/lib/store/schema';
import { createTestDatabase, type TestDatabase } from './databases';

export function databaseForTests(
  dialect: StoreDialect,
  ready: (database: TestDatabase) => Promise<void> = async () => {},
): TestDatabase {
  let created: TestDatabase | undefined;
  beforeAll(async () => {
    created = await createTestDatabase(dialect);
    await ready(created);
  });
  afterAll(() => created?.drop());
  const database = (): TestDatabase => {
    if (!created) throw new Error('The test database is created before the first test.');
    return created;
  };
  return {
    get url() {
      return database().url;
    },
    open: (now) => database().open(now),
    drop: () => database().drop(),
  };
}
