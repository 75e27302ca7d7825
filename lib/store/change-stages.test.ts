import { describe, expect, it } from 'vitest';
import {
  claimNextStage,
  findNextStage,
  recordNextStage,
  releaseNextStage,
  STAGE_CLAIM_STALE_MS,
} from './change-stages';
import type { Store } from './schema';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

describe.each(DIALECTS)('next-stage claims on %s', (dialect) => {
  let first: Store;
  let second: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    first = await database.open(clock.now);
    second = await database.open(clock.now);
  });

  it('lets exactly one of two instances propose the next step, even at the same moment', async () => {
    const results = await Promise.all([
      claimNextStage(first, 'step-1'),
      claimNextStage(second, 'step-1'),
      claimNextStage(first, 'step-1'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await recordNextStage(second, 'step-1', 'step-2');
    expect(await findNextStage(first, 'step-1')).toBe('step-2');
    clock.advance(STAGE_CLAIM_STALE_MS * 2);
    expect(await claimNextStage(second, 'step-1')).toBe(false);
  });

  it('gives a released or abandoned claim to the next caller', async () => {
    expect(await claimNextStage(first, 'step-a')).toBe(true);
    await releaseNextStage(first, 'step-a');
    expect(await claimNextStage(second, 'step-a')).toBe(true);
    expect(await claimNextStage(first, 'step-a')).toBe(false);
    clock.advance(STAGE_CLAIM_STALE_MS + 1);
    expect(await claimNextStage(first, 'step-a')).toBe(true);
    expect(await findNextStage(first, 'step-a')).toBeNull();
  });
});
