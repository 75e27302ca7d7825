/** What the change page and `GET /api/changes/{id}` read: verification, and the guardrail run on it. */
import { appendAudit, findRolledBack, listAudit, type ChangeRequest } from '@/lib/store';
import type { ChangeContext } from '@/lib/changes/service-context';
import { contextAt } from '../place';
import { guardChange, type GuardrailResult } from './guardrail';
import { verificationJson } from './json';
import { getChangeVerification, type VerificationView } from './read';
import { proposeNextStage, type NextStageResult } from './stages';

export interface VerifiedChange {
  readonly verification: VerificationView | null;
  readonly guardrail: GuardrailResult;
  /** When this change is a rollback Tierwise proposed: the change it undoes. */
  readonly rollbackOf: string | null;
  /** For a step of a staged lowering: the next step, or why it is not proposed yet. */
  readonly nextStage: NextStageResult;
}

export async function verifyAppliedChange(
  given: ChangeContext,
  change: ChangeRequest,
): Promise<VerifiedChange> {
  // Read, rolled back and staged at the change's own place, as it was applied there.
  const context = await contextAt(given, change);
  const verification = await getChangeVerification(context, change, {
    nowMs: context.store.now(),
  });
  if (verification) await auditVerdict(context, change, verification);
  const [guardrail, rollbackOf] = await Promise.all([
    guardChange(context, change, verification),
    findRolledBack(context.store, change.id),
  ]);
  const nextStage = await proposeNextStage(context, change, verification, guardrail);
  return { verification, guardrail, rollbackOf, nextStage };
}

/** A settled verdict (not "too early") is logged once per verdict, and so announced once. */
async function auditVerdict(context: ChangeContext, change: ChangeRequest, view: VerificationView) {
  if (view.verdict === 'too-early') return;
  const history = await listAudit(context.store, { target: `change:${change.id}`, limit: 1000 });
  const logged = history.some(
    (entry) => entry.action === 'change.verdict' && entry.details.verdict === view.verdict,
  );
  if (logged) return;
  await appendAudit(context.store, {
    actor: 'verification@tierwise',
    action: 'change.verdict',
    target: `change:${change.id}`,
    details: {
      job: change.job,
      tier: change.tier,
      verdict: view.verdict,
      tiers: view.tiers.map((tier) => ({
        tier: tier.tier,
        verdict: tier.verdict,
        executionsAfter: tier.executionsAfter,
      })),
    },
  });
}

export function verifiedChangeJson({
  verification,
  guardrail,
  rollbackOf,
  nextStage,
}: VerifiedChange) {
  const json = verificationJson(verification);
  const stages = nextStage.plan
    ? {
        stages: {
          memorySteps: nextStage.plan.memorySteps,
          step: nextStage.plan.step,
          nextStageId: nextStage.nextStageId,
          note: nextStage.note,
        },
      }
    : {};
  if (json) return { ...json, rollback: guardrail, rollbackOf, ...stages };
  return rollbackOf ? { rollbackOf } : null;
}
