/**
 * The plan of a staged lowering, frozen in each step's evidence as `stages: {memorySteps, step}`
 * (lib/domain/verify/stages.ts plans it; lib/changes/verify/stages.ts proposes each next step).
 */
import { memoryStages } from '@/lib/domain/verify';
import type { JsonObject } from '@/lib/store';

export interface StagePlan {
  /** Memory limits in the order they are applied, the last the one asked for. */
  readonly memorySteps: readonly number[];
  /** Which of them (1-based) this change applies. */
  readonly step: number;
}

/** The plan frozen in a change's evidence, or null for a change applied in one step. */
export function stagePlanOf(evidence: JsonObject): StagePlan | null {
  const stages = evidence.stages;
  if (!stages || typeof stages !== 'object' || Array.isArray(stages)) return null;
  const { memorySteps, step } = stages as Record<string, unknown>;
  if (!Array.isArray(memorySteps) || typeof step !== 'number') return null;
  const steps = memorySteps.filter((each): each is number => typeof each === 'number');
  if (steps.length !== memorySteps.length || step < 1 || step > steps.length) return null;
  return { memorySteps: steps, step };
}

/** The plan for lowering from `fromBytes` to `toBytes`; null when one step suffices. */
export function planStages(fromBytes: number, toBytes: number): StagePlan | null {
  const memorySteps = memoryStages(fromBytes, toBytes);
  return memorySteps.length > 1 ? { memorySteps, step: 1 } : null;
}

export function stagesJson(plan: StagePlan): JsonObject {
  return { memorySteps: [...plan.memorySteps], step: plan.step };
}
