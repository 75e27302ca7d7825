import { describe, expect, it } from 'vitest';
import { listAudit } from './audit';
import { reelStitchingProposal } from '@/test/support/change-fixtures';
import { createChangeRequest, getChangeRequest } from './change-requests';
import { transitionChangeRequest } from './change-transitions';
import { TransitionConflictError } from './errors';
import type { Store } from './schema';
import { DIALECTS } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

const ROUNDS = 30;

describe.each(DIALECTS)('two app instances on one %s database', (dialect) => {
  let first: Store;
  let second: Store;
  databaseForTests(dialect, async (database) => {
    first = await database.open();
    second = await database.open();
  });

  it(`never both start applying the same approved change (${ROUNDS} races)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const change = await createChangeRequest(first, reelStitchingProposal());
      await transitionChangeRequest(second, change.id, {
        from: ['proposed'],
        to: 'approved',
        actor: 'abe@example.com',
      });
      const move = { from: ['approved' as const], to: 'applying' as const };
      const outcomes = await Promise.allSettled([
        transitionChangeRequest(first, change.id, { ...move, actor: 'one@example.com' }),
        transitionChangeRequest(second, change.id, { ...move, actor: 'two@example.com' }),
      ]);
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const losers = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [outcome.reason] : [],
      );
      expect(winners).toHaveLength(1);
      expect(losers).toEqual([expect.any(TransitionConflictError)]);
      expect(String(losers[0])).toContain('is already applying');

      const stored = await getChangeRequest(first, change.id);
      expect(stored).toMatchObject({ state: 'applying', version: 3 });
      const applying = (
        await listAudit(second, { target: `change:${change.id}`, limit: 10 })
      ).filter((entry) => entry.action === 'change.applying');
      expect(applying).toHaveLength(1);
    }
  });

  it('lets exactly one of two approvers and one withdrawer decide a proposal', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const change = await createChangeRequest(first, reelStitchingProposal());
      const outcomes = await Promise.allSettled([
        transitionChangeRequest(first, change.id, {
          from: ['proposed'],
          to: 'approved',
          actor: 'abe@example.com',
        }),
        transitionChangeRequest(second, change.id, {
          from: ['proposed'],
          to: 'rejected',
          actor: 'bea@example.com',
        }),
        transitionChangeRequest(second, change.id, {
          from: ['proposed'],
          to: 'withdrawn',
          actor: 'rae@example.com',
        }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const audit = await listAudit(first, { target: `change:${change.id}`, limit: 10 });
      expect(
        audit.map((entry) => entry.action).filter((action) => action !== 'change.proposed'),
      ).toHaveLength(1);
    }
  });
});
