import { describe, expect, it } from 'vitest';
import { listAudit } from './audit';
import { reelStitchingProposal } from '@/test/support/change-fixtures';
import {
  CHANGE_STATES,
  createChangeRequest,
  getChangeRequest,
  type ChangeState,
} from './change-requests';
import { ALLOWED_TRANSITIONS, canTransition, transitionChangeRequest } from './change-transitions';
import {
  ChangeRequestNotFoundError,
  TransitionConflictError,
  TransitionRefusedError,
} from './errors';
import type { Store } from './schema';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

/** The allowed moves that bring a fresh proposal to each state. */
const PATH_TO: Record<ChangeState, ChangeState[]> = {
  proposed: [],
  approved: ['approved'],
  rejected: ['rejected'],
  withdrawn: ['withdrawn'],
  superseded: ['superseded'],
  applying: ['approved', 'applying'],
  applied: ['approved', 'applying', 'applied'],
  failed: ['approved', 'applying', 'failed'],
};

const PAIRS = CHANGE_STATES.flatMap((from) => CHANGE_STATES.map((to) => [from, to] as const));
const ALLOWED = PAIRS.filter(([from, to]) => canTransition(from, to));
const REFUSED = PAIRS.filter(([from, to]) => !canTransition(from, to));

describe('the change request lifecycle', () => {
  it('allows exactly the documented moves', () => {
    expect(ALLOWED).toEqual([
      ['proposed', 'approved'],
      ['proposed', 'rejected'],
      ['proposed', 'withdrawn'],
      ['proposed', 'superseded'],
      ['approved', 'applying'],
      ['approved', 'applied'],
      ['approved', 'superseded'],
      ['applying', 'applied'],
      ['applying', 'failed'],
      ['applying', 'superseded'],
      ['failed', 'applying'],
      ['failed', 'superseded'],
    ]);
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...CHANGE_STATES].sort());
  });
});

describe.each(DIALECTS)('change request transitions on %s', (dialect) => {
  let store: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    store = await database.open(clock.now);
  });

  async function changeIn(state: ChangeState) {
    const created = await createChangeRequest(store, reelStitchingProposal());
    let from: ChangeState = 'proposed';
    for (const to of PATH_TO[state]) {
      await transitionChangeRequest(store, created.id, {
        from: [from],
        to,
        actor: 'app@example.com',
      });
      from = to;
    }
    return getChangeRequest(store, created.id);
  }

  it.each(ALLOWED)('moves %s → %s, bumps the version and audits it', async (from, to) => {
    const before = await changeIn(from);
    clock.advance(5_000);
    const after = await transitionChangeRequest(store, before.id, {
      from: [from],
      to,
      actor: 'Abe@example.com',
      patch: { decisionComment: 'looks right', failureReason: 'etag mismatch' },
    });
    expect(after).toMatchObject({ state: to, version: before.version + 1, updatedAt: clock.now() });
    expect(await getChangeRequest(store, before.id)).toEqual(after);
    const [entry] = await listAudit(store, { target: `change:${before.id}`, limit: 1 });
    expect(entry).toMatchObject({
      action: `change.${to}`,
      actor: 'abe@example.com',
      at: clock.now(),
    });
    expect(entry?.details).toMatchObject({ from, to });
  });

  it.each(REFUSED)('refuses %s → %s and leaves the change as it was', async (from, to) => {
    const before = await changeIn(from);
    const attempt = transitionChangeRequest(store, before.id, {
      from: [from],
      to,
      actor: 'abe@example.com',
    });
    await expect(attempt).rejects.toThrow(TransitionRefusedError);
    await expect(attempt).rejects.toThrow(`cannot move from ${from} to ${to}`);
    expect(await getChangeRequest(store, before.id)).toEqual(before);
  });

  it('records who decided, when, and why on approval; when it was applied; why it failed', async () => {
    const change = await changeIn('proposed');
    clock.advance(1_000);
    const approved = await transitionChangeRequest(store, change.id, {
      from: ['proposed'],
      to: 'approved',
      actor: 'Abe@example.com',
      patch: { decisionComment: 'matches the evidence' },
    });
    expect(approved).toMatchObject({
      decidedBy: 'abe@example.com',
      decidedAt: clock.now(),
      decisionComment: 'matches the evidence',
    });
    await transitionChangeRequest(store, change.id, {
      from: ['approved'],
      to: 'applying',
      actor: 'abe@example.com',
    });
    clock.advance(1_000);
    const applied = await transitionChangeRequest(store, change.id, {
      from: ['applying'],
      to: 'applied',
      actor: 'abe@example.com',
    });
    expect(applied).toMatchObject({
      appliedAt: clock.now(),
      failureReason: null,
      decidedBy: 'abe@example.com',
    });

    const failing = await changeIn('applying');
    const failed = await transitionChangeRequest(store, failing.id, {
      from: ['applying'],
      to: 'failed',
      actor: 'abe@example.com',
      patch: { failureReason: 'the job changed since the proposal (etag mismatch)' },
    });
    expect(failed).toMatchObject({
      failureReason: 'the job changed since the proposal (etag mismatch)',
      appliedAt: null,
    });
  });

  it('moves from any of several expected states, and says which state it found when none match', async () => {
    const approved = await changeIn('approved');
    const superseded = await transitionChangeRequest(store, approved.id, {
      from: ['proposed', 'approved'],
      to: 'superseded',
      actor: 'system',
    });
    expect(superseded.state).toBe('superseded');
    const [entry] = await listAudit(store, { target: `change:${approved.id}`, limit: 1 });
    expect(entry?.details).toEqual({ from: 'approved', to: 'superseded' });

    const applying = await changeIn('applying');
    const late = transitionChangeRequest(store, applying.id, {
      from: ['proposed'],
      to: 'rejected',
      actor: 'abe@example.com',
    });
    await expect(late).rejects.toThrow(TransitionConflictError);
    await expect(late).rejects.toThrow(`is already applying, so it cannot become rejected`);
    expect(await getChangeRequest(store, applying.id)).toEqual(applying);
  });

  it('refuses an empty list of expected states and an unknown change', async () => {
    const change = await changeIn('proposed');
    await expect(
      transitionChangeRequest(store, change.id, {
        from: [],
        to: 'approved',
        actor: 'abe@example.com',
      }),
    ).rejects.toThrow(TransitionRefusedError);
    await expect(
      transitionChangeRequest(store, 'AAAAAAAAAAAAAAAAAAAAAA', {
        from: ['proposed'],
        to: 'approved',
        actor: 'abe@example.com',
      }),
    ).rejects.toThrow(ChangeRequestNotFoundError);
  });
});
