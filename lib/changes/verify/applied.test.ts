/**
 * Applied changes summarised for the report's markers and the overview's realised saving, from a
 * real ledger synced from the simulated project.
 */
import { describe, expect, it } from 'vitest';
import { syncJob } from '@/lib/ledger';
import { HOUR_MS, REEL_JOB, type TestProject } from '@/test/support/ledger-world';
import type { Store } from '@/lib/store';
import { approver, requester, secondApprover } from '@/test/support/change-harness';
import { ledgerChangeWorldForTests } from '@/test/support/change-harness';
import { applyChange } from '../apply';
import type { ChangeContext } from '@/lib/changes/service-context';
import { approveChange } from '../decide';
import { proposeChange } from '../propose';
import { addEstimates, realisedSavings, summariseAppliedChanges } from './applied';
import { getChangeVerification } from './read';

let project: TestProject;
let store: Store;
let context: ChangeContext;

ledgerChangeWorldForTests((world) => ({ project, store, context } = world));

async function applied(tier: string, limits: { cpu: string; memory: string }) {
  const proposed = await proposeChange(context, requester, {
    job: REEL_JOB,
    tier,
    limits,
    reason: `Limits for the ${tier} tier`,
  });
  await approveChange(context, approver, proposed.id, {});
  return (await applyChange(context, secondApprover, proposed.id)).change;
}

describe('applied changes summarised', () => {
  it('adds values and bounds, and has no sum without a figure', () => {
    expect(addEstimates([null, null])).toBeNull();
    expect(
      addEstimates([
        { value: 10, low: 4, high: 15, n: 30 },
        null,
        { value: -2, low: -5, high: 1, n: 40 },
      ]),
    ).toEqual({ value: 8, low: -1, high: 16, n: 70 });
  });

  it('counts a settled change in the realised saving and names the ones too early', async () => {
    const bad = await applied('small', { cpu: '1', memory: '512Mi' });
    project.world.advanceTo(bad.appliedAt! + 12 * HOUR_MS);
    await syncJob(store, context.clients, project.ref(), { nowMs: project.world.now() });
    const fresh = await applied('medium', { cpu: '4', memory: '8Gi' });

    const summaries = await summariseAppliedChanges(context, {
      nowMs: project.world.now(),
      job: REEL_JOB,
    });
    expect(summaries.map((each) => [each.id, each.verdict])).toEqual([
      [fresh.id, 'too-early'],
      [bad.id, 'worse'],
    ]);
    expect(summaries[0]?.executionsNeeded).toBeGreaterThan(0);
    expect(summaries[1]).toMatchObject({
      job: REEL_JOB,
      tier: 'small',
      appliedAtMs: bad.appliedAt,
    });

    // The figure is the change's own verification, as its page shows it.
    const view = await getChangeVerification(context, bad, {
      nowMs: project.world.now(),
      syncLedger: false,
    });
    const own = view?.tiers[0]?.monthly.realisedSavingUsd;
    expect(own).toBeTruthy();
    expect(summaries[1]?.realisedSavingUsd).toEqual(own);

    const total = realisedSavings(summaries);
    expect(total.counted.map((each) => each.id)).toEqual([bad.id]);
    expect(total.tooEarly.map((each) => each.id)).toEqual([fresh.id]);
    expect(total.realisedSavingUsd).toEqual(own);
    expect(
      await summariseAppliedChanges(context, { nowMs: project.world.now(), job: 'no-such-job' }),
    ).toEqual([]);
  }, 180_000);
});
