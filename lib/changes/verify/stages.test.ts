/**
 * Staged lowering against a real ledger synced from the simulated project: the first step only is
 * applied, and the next is proposed once the step is verified, once across instances.
 */
import { describe, expect, it } from 'vitest';
import { HOUR_MS, REEL_JOB, type TestProject } from '@/test/support/ledger-world';
import { listAudit, type Store } from '@/lib/store';
import type { TestDatabase } from '@/test/support/databases';
import { approver, requester, secondApprover } from '@/test/support/change-harness';
import { ledgerChangeWorldForTests } from '@/test/support/change-harness';
import { applyChange } from '../apply';
import type { ChangeContext } from '@/lib/changes/service-context';
import { approveChange } from '../decide';
import { proposeChange } from '../propose';
import { loadChange } from '../transitions';
import { verifyAppliedChange } from '.';
import { STAGES_ACTOR } from './stages';

const MI = 1024 ** 2;

let project: TestProject;
let database: TestDatabase;
let store: Store;
let context: ChangeContext;

ledgerChangeWorldForTests((world) => ({ project, database, store, context } = world));

describe('staged lowering', () => {
  it('refuses a staged flag that is not a boolean', async () => {
    await expect(
      proposeChange(context, requester, {
        job: REEL_JOB,
        tier: 'small',
        limits: { cpu: '2', memory: '2Gi' },
        reason: 'Lower the small tier in steps',
        staged: 'yes',
      }),
    ).rejects.toMatchObject({ errors: { staged: expect.stringMatching(/true or false/) } });
  });

  it('applies the first step, then proposes the next once the step is verified', async () => {
    const proposed = await proposeChange(context, requester, {
      job: REEL_JOB,
      tier: 'small',
      limits: { cpu: '2', memory: '2Gi' },
      reason: 'Lower the small tier in steps',
      staged: true,
    });
    // 4Gi → 2Gi is a cut by half: a quarter at most per step, on 128Mi steps.
    expect(proposed.limitsAfter.memoryBytes).toBe(3072 * MI);
    expect(proposed.evidence.stages).toEqual({
      memorySteps: [3072 * MI, 2304 * MI, 2048 * MI],
      step: 1,
    });
    await approveChange(context, approver, proposed.id, {});
    const { change } = await applyChange(context, secondApprover, proposed.id);

    const early = await verifyAppliedChange(context, change);
    expect(early.nextStage).toMatchObject({
      nextStageId: null,
      note: expect.stringMatching(/step 2 of 3/),
    });

    project.world.advanceTo(change.appliedAt! + 96 * HOUR_MS);
    const other = { ...context, store: await database.open(() => project.world.now()) };
    const [a, b] = await Promise.all([
      verifyAppliedChange(context, change),
      verifyAppliedChange(other, change),
    ]);
    expect(['better', 'as-projected']).toContain(a.verification?.verdict);
    const nextId = a.nextStage.nextStageId ?? b.nextStage.nextStageId;
    expect(nextId).toBeTruthy();
    expect((await verifyAppliedChange(other, change)).nextStage.nextStageId).toBe(nextId);

    const next = await loadChange(context, nextId!);
    expect(next).toMatchObject({
      state: 'proposed',
      requester: STAGES_ACTOR.email,
      tier: 'small',
      limitsBefore: change.limitsAfter,
      limitsAfter: { ...change.limitsAfter, memoryBytes: 2304 * MI },
      evidence: { stages: { step: 2 }, stageOf: change.id },
    });
    expect(next.reason).toMatch(/^Staged lowering, step 2 of 3/);
    const audit = await listAudit(store, { target: `change:${change.id}`, limit: 50 });
    expect(audit.filter((entry) => entry.action === 'change.next-stage-proposed')).toHaveLength(1);
  }, 240_000);
});
