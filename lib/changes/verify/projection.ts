/**
 * The projection frozen in a change's evidence (evidence.ts), for the limits it was made for.
 * A requester may propose other limits than the recommendation; then nothing was projected for
 * what was applied and verification compares with the tier before instead.
 */
import type { ResourceLimits } from '@/lib/domain/records';
import type { FrozenProjection } from '@/lib/domain/verify';
import type { JsonObject } from '@/lib/store';
import { ALL_TIERS } from '@/lib/changes/service-context';

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const obj = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The figures for one tier: the evidence itself, or its `tiers[]` entry for an all-tier change. */
export function tierEvidence(
  evidence: JsonObject,
  changeTier: string,
  tier: string,
): Record<string, unknown> | undefined {
  if (changeTier !== ALL_TIERS) return changeTier === tier ? evidence : undefined;
  const tiers = Array.isArray(evidence.tiers) ? evidence.tiers : [];
  return tiers.map(obj).find((each) => each?.tier === tier);
}

export function frozenProjection(
  evidence: JsonObject,
  figures: Record<string, unknown> | undefined,
  limitsAfter: ResourceLimits,
): FrozenProjection | null {
  const recommended = obj(figures?.recommendedLimits);
  if (!figures || !recommended) return null;
  if (num(recommended.vcpu) !== limitsAfter.vcpu) return null;
  if (num(recommended.memoryBytes) !== limitsAfter.memoryBytes) return null;
  const executions = num(figures.executions) ?? 0;
  const window = obj(evidence.window);
  const start = num(window?.startMs);
  const end = num(window?.endMs);
  const windowDays = start !== undefined && end !== undefined ? (end - start) / DAY_MS : undefined;
  const monthlyCostUsd = num(figures.projectedMonthlyCostUsd);
  const perMonth =
    windowDays && windowDays > 0 ? (executions / windowDays) * DAYS_PER_MONTH : undefined;
  return {
    ...(monthlyCostUsd !== undefined && { monthlyCostUsd }),
    ...(monthlyCostUsd !== undefined &&
      perMonth && { costPerExecutionUsd: monthlyCostUsd / perMonth }),
    ...(num(figures.monthlySavingUsd) !== undefined && {
      monthlySavingUsd: num(figures.monthlySavingUsd),
    }),
    ...(num(figures.projectedP95Seconds) !== undefined && {
      p95Seconds: num(figures.projectedP95Seconds),
    }),
    ...(num(figures.projectedOomProbability) !== undefined && {
      oomProbability: num(figures.projectedOomProbability),
    }),
    ...(num(figures.projectedTimeoutProbability) !== undefined && {
      timeoutProbability: num(figures.projectedTimeoutProbability),
    }),
    executions,
  };
}
