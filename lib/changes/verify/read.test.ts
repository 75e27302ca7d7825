/**
 * Verification read from a real ledger synced from the simulated project: a change that lowers
 * memory below the small tier's peaks is flagged as soon as its OOMs are beyond the interval.
 */
import { describe, expect, it } from 'vitest';
import { HOUR_MS, REEL_JOB, type TestProject } from '@/test/support/ledger-world';
import { listAudit, type Store } from '@/lib/store';
import type { TestDatabase } from '@/test/support/databases';
import { applyChange } from '../apply';
import type { ChangeContext } from '@/lib/changes/service-context';
import { approveChange } from '../decide';
import { proposeChange } from '../propose';
import { listChanges } from '../queries';
import { approver, requester, secondApprover } from '@/test/support/change-harness';
import { ledgerChangeWorldForTests } from '@/test/support/change-harness';
import { GUARDRAIL_ACTOR, guardChange } from './guardrail';
import { verifyAppliedChange } from '.';
import { verificationJson } from './json';
import { getChangeVerification } from './read';

let project: TestProject;
let database: TestDatabase;
let store: Store;
let context: ChangeContext;

ledgerChangeWorldForTests((world) => ({ project, database, store, context } = world));

describe('verifying an applied change from the ledger', () => {
  it('is too early right after the apply, then worse once OOMs on lowered memory pile up', async () => {
    const proposed = await proposeChange(context, requester, {
      job: REEL_JOB,
      tier: 'small',
      limits: { cpu: '1', memory: '512Mi' },
      reason: 'Memory looks generous',
    });
    await approveChange(context, approver, proposed.id, {});
    const { change } = await applyChange(context, secondApprover, proposed.id);
    expect(change.state).toBe('applied');

    const nowMs = () => project.world.now();
    const early = await getChangeVerification(context, change, { nowMs: nowMs() });
    expect(early).toMatchObject({ verdict: 'too-early', executionsNeeded: 30 });
    expect(early?.tiers[0]?.executionsBefore).toBeGreaterThan(100);

    project.world.advanceTo(change.appliedAt! + 12 * HOUR_MS);
    const later = await getChangeVerification(context, change, { nowMs: nowMs() });
    const tier = later?.tiers[0];
    expect(tier?.executionsAfter).toBeGreaterThan(5);
    expect(later?.verdict).toBe('worse');
    expect(tier?.failuresAboveExpected).toContain('oomRate');
    // No projection was frozen (no report behind this context): judged against the tier before.
    const oom = tier?.metrics.find((metric) => metric.metric === 'oomRate');
    expect(oom?.reference).toBe('before');
    expect(oom?.after?.low).toBeGreaterThan(oom?.before?.high ?? 1);

    // The guardrail proposes the rollback once, whichever instance reads it first.
    const other = { ...context, store: await database.open(() => project.world.now()) };
    const [a, b] = await Promise.all([
      guardChange(context, change, later),
      guardChange(other, change, later),
    ]);
    expect(a.rollbackId).toBeTruthy();
    expect(b.rollbackId === null || b.rollbackId === a.rollbackId).toBe(true);
    expect((await guardChange(other, change, later)).rollbackId).toBe(a.rollbackId);
    const rollbacks = (await listChanges(context, { job: REEL_JOB })).filter(
      (each) => each.evidence.rollbackOf === change.id,
    );
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0]).toMatchObject({
      id: a.rollbackId,
      state: 'proposed',
      requester: GUARDRAIL_ACTOR.email,
      limitsBefore: change.limitsAfter,
      limitsAfter: change.limitsBefore,
      evidence: { urgent: true, rollbackOf: change.id },
    });
    expect(rollbacks[0]?.reason).toMatch(
      /^Urgent rollback of change .*tier small: \d+ of \d+ executions OOM-killed since the apply/,
    );
    const audit = await listAudit(store, { target: `change:${change.id}`, limit: 50 });
    expect(audit.filter((entry) => entry.action === 'change.rollback-proposed')).toHaveLength(1);
    // A person approves it like any other change; Tierwise's own proposal is not self-approved.
    await approveChange(context, approver, a.rollbackId!, { comment: 'roll back now' });

    // Read as the page and the API read it: the verdict is logged once, however often it is read.
    const viaPage = await verifyAppliedChange(context, change);
    await verifyAppliedChange(context, change);
    expect(viaPage.guardrail.rollbackId).toBe(a.rollbackId);
    const verdicts = (await listAudit(store, { target: `change:${change.id}`, limit: 50 })).filter(
      (entry) => entry.action === 'change.verdict',
    );
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]?.details).toMatchObject({ verdict: 'worse', tier: 'small' });

    const json = verificationJson(later);
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({
      verdict: 'worse',
      tiers: [{ tier: 'small', metrics: { oomRate: { outcome: 'worse' } } }],
    });
  }, 120_000);

  it('has nothing to verify before a change is applied', async () => {
    const proposed = await proposeChange(context, requester, {
      job: REEL_JOB,
      tier: 'medium',
      limits: { cpu: '4', memory: '8Gi' },
      reason: 'More room for the medium tier',
    });
    expect(
      await getChangeVerification(context, proposed, { nowMs: project.world.now() }),
    ).toBeNull();
  });
});
