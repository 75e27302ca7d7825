/**
 * Staged lowering of memory (lib/domain/verify/stages.ts): a proposal with `staged: true` that
 * lowers memory by more than a quarter applies the first step only; each applied step, once its
 * verification says *as projected* or *better*, has the next step proposed by Tierwise (checked
 * and dry-run like any change, approved by a person). A step judged *worse* stops the stages: the
 * guardrail proposes its rollback instead. One next step per change across instances
 * (lib/store/change-stages).
 */
import {
  appendAudit,
  claimNextStage,
  createChangeRequest,
  findNextStage,
  recordNextStage,
  releaseNextStage,
  type ChangeRequest,
} from '@/lib/store';
import type { ChangeContext } from '@/lib/changes/service-context';
import { contextAt } from '../place';
import { stagePlanOf, stagesJson, type StagePlan } from '../stages';
import { isChangeError } from '../errors';
import { formatMemory } from '@/lib/format';
import { changeToStore, checkChange } from '../propose';
import type { GuardrailResult } from './guardrail';
import type { VerificationView } from './read';

/** Who proposes the next step: Tierwise itself, so any approver can review it. */
export const STAGES_ACTOR = { email: 'stages@tierwise', role: 'requester' } as const;

export interface NextStageResult {
  readonly plan: StagePlan | null;
  /** The next step's change, proposed now or earlier. */
  readonly nextStageId: string | null;
  /** Why the next step is not proposed (yet): waiting for a verdict, stopped by a rollback. */
  readonly note: string | null;
}

function stepText(plan: StagePlan, step: number): string {
  return `step ${step} of ${plan.memorySteps.length} (${formatMemory(plan.memorySteps[step - 1]!)})`;
}

export async function proposeNextStage(
  context: ChangeContext,
  change: ChangeRequest,
  view: VerificationView | null,
  guardrail: GuardrailResult,
): Promise<NextStageResult> {
  const plan = stagePlanOf(change.evidence);
  if (!plan) return { plan: null, nextStageId: null, note: null };
  const existing = await findNextStage(context.store, change.id);
  if (existing) return { plan, nextStageId: existing, note: null };
  if (plan.step >= plan.memorySteps.length) {
    return { plan, nextStageId: null, note: 'This change applies the last step.' };
  }
  if (guardrail.rollbackId || view?.verdict === 'worse') {
    return {
      plan,
      nextStageId: null,
      note: 'This step did worse than projected: the lowering stops here.',
    };
  }
  if (!view || view.verdict === 'too-early') {
    return {
      plan,
      nextStageId: null,
      note: `The next ${stepText(plan, plan.step + 1)} is proposed once this one is verified.`,
    };
  }
  if (!(await claimNextStage(context.store, change.id))) {
    return { plan, nextStageId: null, note: null };
  }
  const next = plan.step + 1;
  const memoryBytes = plan.memorySteps[next - 1]!;
  try {
    // The next step is checked and stored at the change's own project and region.
    const at = await contextAt(context, change);
    const checked = await checkChange(at, {
      job: change.job,
      tier: change.tier,
      limits: { ...change.limitsAfter, memoryBytes },
      reason: `Staged lowering, ${stepText(plan, next)}: change ${change.id} applied ${stepText(plan, plan.step)} and its verification says ${view.verdict.replace('-', ' ')}.`,
    });
    const stored = await changeToStore(at, STAGES_ACTOR, checked);
    const evidence = {
      ...stored.evidence,
      stages: stagesJson({ ...plan, step: next }),
      stageOf: change.id,
    };
    const proposed = await createChangeRequest(context.store, { ...stored, evidence });
    await recordNextStage(context.store, change.id, proposed.id);
    await appendAudit(context.store, {
      actor: STAGES_ACTOR.email,
      action: 'change.next-stage-proposed',
      target: `change:${change.id}`,
      details: { next: proposed.id, step: next, of: plan.memorySteps.length, memoryBytes },
    });
    return { plan, nextStageId: proposed.id, note: null };
  } catch (error) {
    await releaseNextStage(context.store, change.id);
    if (!isChangeError(error)) throw error;
    return {
      plan,
      nextStageId: null,
      note: `The next step could not be proposed: ${error.message}`,
    };
  }
}
