/**
 * When an applied change's failures since the apply are above their expected interval (OOMs on a
 * lowered memory limit, timeouts on a shorter timeout), Tierwise proposes the rollback to the
 * previous limits at once: an urgent change with the evidence, checked and dry-run like any other,
 * which a person still approves. One per change across instances (lib/store/change-rollbacks).
 */
import {
  appendAudit,
  claimRollback,
  createChangeRequest,
  findRollbackFor,
  recordRollback,
  releaseRollback,
  type ChangeRequest,
  type JsonObject,
} from '@/lib/store';
import type { ChangeContext } from '@/lib/changes/service-context';
import { contextAt } from '../place';
import { isChangeError } from '../errors';
import { describeLimits } from '../job-limits';
import { changeToStore, checkChange } from '../propose';
import type { VerificationView } from './read';

/** Who proposes a rollback: Tierwise itself, so any approver can review it. */
export const GUARDRAIL_ACTOR = { email: 'guardrail@tierwise', role: 'requester' } as const;

const LABELS: Record<string, string> = {
  oomRate: 'OOM-killed',
  timeoutRate: 'timed out',
  failureRate: 'failed',
};

/** The failures that tripped the guardrail, per tier, with counts and intervals. */
export function rollbackEvidence(view: VerificationView): JsonObject {
  const tiers = view.tiers
    .filter((tier) => tier.failuresAboveExpected.length > 0)
    .map((tier) => ({
      tier: tier.tier,
      executionsAfter: tier.executionsAfter,
      executionsBefore: tier.executionsBefore,
      failures: tier.metrics
        .filter((metric) => tier.failuresAboveExpected.includes(metric.metric))
        .map((metric) => ({
          metric: metric.metric,
          after: metric.after ? { ...metric.after } : null,
          expected: metric.expected ? { ...metric.expected } : null,
          reference: metric.reference,
        })),
    }));
  return { tiers, asOf: new Date(view.asOfMs).toISOString() };
}

function reasonOf(change: ChangeRequest, view: VerificationView): string {
  const findings = view.tiers.flatMap((tier) =>
    tier.metrics
      .filter((metric) => tier.failuresAboveExpected.includes(metric.metric) && metric.after)
      .map((metric) => {
        const after = metric.after!;
        const hits = Math.round(after.value * after.n);
        const expected = metric.expected ? `${(metric.expected.high * 100).toFixed(1)} %` : 'none';
        return `tier ${tier.tier}: ${hits} of ${after.n} executions ${LABELS[metric.metric] ?? metric.metric} since the apply (expected at most ${expected})`;
      }),
  );
  return `Urgent rollback of change ${change.id}: failures since it was applied are above what was expected — ${findings.join('; ')}. Back to ${describeLimits(change.limitsBefore)}.`;
}

export interface GuardrailResult {
  /** The rollback change, proposed now or earlier; null when none was needed or possible. */
  readonly rollbackId: string | null;
  /** Why a needed rollback could not be proposed (e.g. the job already runs the old limits). */
  readonly note: string | null;
}

export async function guardChange(
  context: ChangeContext,
  change: ChangeRequest,
  view: VerificationView | null,
): Promise<GuardrailResult> {
  const existing = await findRollbackFor(context.store, change.id);
  if (existing) return { rollbackId: existing, note: null };
  if (!view?.failuresAboveExpected) return { rollbackId: null, note: null };
  if (change.plan) {
    return {
      rollbackId: null,
      note: 'This change created jobs; route the tiers back in the tier policy to undo it.',
    };
  }
  if (!(await claimRollback(context.store, change.id))) return { rollbackId: null, note: null };
  try {
    const { limitsBefore } = change;
    // The rollback is checked and stored at the change's own project and region.
    const at = await contextAt(context, change);
    const checked = await checkChange(at, {
      job: change.job,
      tier: change.tier,
      limits: limitsBefore,
      reason: reasonOf(change, view),
    });
    const stored = await changeToStore(at, GUARDRAIL_ACTOR, checked);
    const evidence = { urgent: true, rollbackOf: change.id, ...rollbackEvidence(view) };
    const rollback = await createChangeRequest(context.store, { ...stored, evidence });
    await recordRollback(context.store, change.id, rollback.id);
    await appendAudit(context.store, {
      actor: GUARDRAIL_ACTOR.email,
      action: 'change.rollback-proposed',
      target: `change:${change.id}`,
      details: { rollback: rollback.id, ...evidence },
    });
    return { rollbackId: rollback.id, note: null };
  } catch (error) {
    await releaseRollback(context.store, change.id);
    if (!isChangeError(error)) throw error;
    return { rollbackId: null, note: `A rollback could not be proposed: ${error.message}` };
  }
}
