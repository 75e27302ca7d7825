import { describe, expect, it } from 'vitest';
import {
  claimRollback,
  findRollbackFor,
  findRolledBack,
  recordRollback,
  releaseRollback,
  ROLLBACK_CLAIM_STALE_MS,
} from './change-rollbacks';
import type { Store } from './schema';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

describe.each(DIALECTS)('rollback claims on %s', (dialect) => {
  let first: Store;
  let second: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    first = await database.open(clock.now);
    second = await database.open(clock.now);
  });

  it('lets exactly one of two instances claim a change, even at the same moment', async () => {
    const results = await Promise.all([
      claimRollback(first, 'change-a'),
      claimRollback(second, 'change-a'),
      claimRollback(first, 'change-a'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await recordRollback(first, 'change-a', 'rollback-a');
    expect(await findRollbackFor(second, 'change-a')).toBe('rollback-a');
    expect(await findRolledBack(second, 'rollback-a')).toBe('change-a');
    // Proposed once: no later claim, however old.
    clock.advance(ROLLBACK_CLAIM_STALE_MS * 2);
    expect(await claimRollback(second, 'change-a')).toBe(false);
  });

  it('gives a released or abandoned claim to the next caller', async () => {
    expect(await claimRollback(first, 'change-b')).toBe(true);
    await releaseRollback(first, 'change-b');
    expect(await claimRollback(second, 'change-b')).toBe(true);
    expect(await claimRollback(first, 'change-b')).toBe(false);
    clock.advance(ROLLBACK_CLAIM_STALE_MS + 1);
    expect(await claimRollback(first, 'change-b')).toBe(true);
    expect(await findRollbackFor(first, 'change-b')).toBeNull();
  });
});
