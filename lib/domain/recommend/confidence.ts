/**
 * How sure the recommendation is, from how many executions it rests on and how good their figures
 * are. The thresholds are deliberately round; README.md explains them.
 */
import { formatCount, formatPercent } from '../../format';
import type { ModelBasis } from '../model';
import type { MemoryModel } from './memory-model';
import type { Confidence, FailureBudget, Projection } from './types';

/** Below this many finished executions there is not enough data to recommend anything. */
export const MIN_EXECUTIONS = 30;
export const HIGH_CONFIDENCE_EXECUTIONS = 300;
export const MEDIUM_CONFIDENCE_EXECUTIONS = 100;
/** Share of peak-memory figures that must be exact or sliced (not upper bounds or missing). */
export const HIGH_CONFIDENCE_TRUSTED_SHARE = 0.8;
export const MEDIUM_CONFIDENCE_TRUSTED_SHARE = 0.5;

export type ConfidenceInput = {
  readonly executions: number;
  readonly memoryTrustedShare: number;
  readonly cpuTrustedShare: number;
  readonly basis: ModelBasis;
  /** True when the recommended vCPU differs from today's, so the duration model matters. */
  readonly vcpuChanged: boolean;
  readonly currentVcpu?: number;
  readonly recommendedVcpu?: number;
  /** How many vCPU values the tier's history ran at. */
  readonly vcpuValuesSeen?: number;
  readonly memory?: MemoryModel;
  /** True when memory is raised to learn peaks the history cannot bound. */
  readonly learningStep?: boolean;
  readonly budget?: FailureBudget;
  readonly projected?: Projection;
  /** Monthly saving at the pessimistic end of the vCPU scaling. */
  readonly pessimisticSaving?: number;
  /** True when a thin tier is recommended for from what the job's other tiers teach. */
  readonly borrowed?: boolean;
};

const ORDER: readonly Confidence[] = ['high', 'medium', 'low'];

function atMost(level: Confidence, cap: Confidence): Confidence {
  if (level === 'not-enough-data') return level;
  return ORDER.indexOf(level) >= ORDER.indexOf(cap) ? level : cap;
}

/** Why confidence is capped, beyond the counts: memory evidence, the budget and the scaling. */
function caps(input: ConfidenceInput, reasons: string[]): Confidence {
  let cap: Confidence = 'high';
  const { memory, budget, projected } = input;
  if (memory) {
    if (memory.fit.coefficients) {
      reasons.push(
        `Peak memory is fitted to workload size from ${formatCount(memory.fit.measured)} measured peaks${memory.pooled ? " of the job's tiers" : ''}, with ${formatCount(memory.fit.censored)} out-of-memory executions as lower bounds (spread ±${formatPercent(memory.fit.relativeSd)}).`,
      );
    }
    if (input.learningStep) {
      reasons.push(
        'The true peak of executions that ran out of memory cannot be bounded from the history: the memory recommended is a step to learn it, not a measured need.',
      );
      cap = 'low';
    } else if (memory.ooms > 0 && !memory.fit.coefficients) {
      reasons.push('Executions ran out of memory and too few peaks were measured to place them.');
      cap = 'low';
    }
  }
  if (budget && projected) {
    if (!projected.withinBudget) {
      reasons.push(
        `No limits keep the projected failures within the budget (${formatPercent(budget.rate)}); these have the fewest.`,
      );
      cap = 'low';
    }
  }
  if (input.vcpuChanged && input.pessimisticSaving !== undefined && input.pessimisticSaving < 0) {
    reasons.push(
      `Moving to ${input.recommendedVcpu} vCPU saves money only at the optimistic end of how duration scales with vCPU.`,
    );
    cap = atMost(cap, 'medium');
  }
  if (input.vcpuChanged && input.basis !== 'vcpu-history' && (input.vcpuValuesSeen ?? 0) <= 1) {
    reasons.push(
      `Every execution ran at ${input.currentVcpu} vCPU: a one-tier trial at ${input.recommendedVcpu} vCPU would settle how duration scales.`,
    );
  }
  return cap;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/**
 * What holds confidence back, each with what would raise it, most limiting first; for a high level
 * the figures it rests on. A reader learns why, not just how many executions there were.
 */
function limits(input: ConfidenceInput, scalingMeasured: boolean): string[] {
  const { executions, memoryTrustedShare, cpuTrustedShare, basis, vcpuChanged } = input;
  const found: string[] = [];
  if (memoryTrustedShare < HIGH_CONFIDENCE_TRUSTED_SHARE) {
    found.push(
      `Peak memory is measured alone for only ${percent(memoryTrustedShare)} of ${executions} executions; the others overlapped another execution of the job, so their figures are upper bounds. Running executions apart, one job per tier, or logging peak memory per execution would raise it (${percent(HIGH_CONFIDENCE_TRUSTED_SHARE)} is needed for high confidence).`,
    );
  }
  if (basis === 'none' && vcpuChanged) {
    found.push(
      'How vCPU changes duration is not measured: history at one vCPU value and no trustworthy CPU figures. Runs at another vCPU value would raise it.',
    );
  } else if (!scalingMeasured) {
    found.push(
      `The effect of vCPU is inferred from CPU utilisation measured alone for ${percent(cpuTrustedShare)} of executions; runs at several vCPU values would raise it.`,
    );
  }
  if (executions < HIGH_CONFIDENCE_EXECUTIONS) {
    found.push(
      `${executions} finished executions; ${HIGH_CONFIDENCE_EXECUTIONS} or more would raise it.`,
    );
  }
  return found;
}

export function assessConfidence(input: ConfidenceInput): { level: Confidence; reasons: string[] } {
  const { executions, memoryTrustedShare, cpuTrustedShare, basis, vcpuChanged } = input;
  if (executions < MIN_EXECUTIONS && input.borrowed && input.memory) {
    const reasons = [
      `${executions} finished executions, fewer than the ${MIN_EXECUTIONS} a tier needs on its own: how memory grows with the work is learnt from ${formatCount(input.memory.fit.measured)} measured peaks of the job's tiers, which run the same program.`,
    ];
    caps(input, reasons);
    return { level: 'low', reasons };
  }
  if (executions < MIN_EXECUTIONS) {
    return {
      level: 'not-enough-data',
      reasons: [`${executions} finished executions; at least ${MIN_EXECUTIONS} are needed.`],
    };
  }
  const scalingMeasured =
    basis === 'vcpu-history' || !vcpuChanged || cpuTrustedShare >= HIGH_CONFIDENCE_TRUSTED_SHARE;
  const held = limits(input, scalingMeasured);
  const capped: string[] = [];
  const cap = caps(input, capped);
  if (basis === 'none' && vcpuChanged) return { level: 'low', reasons: [...held, ...capped] };
  if (
    executions >= HIGH_CONFIDENCE_EXECUTIONS &&
    memoryTrustedShare >= HIGH_CONFIDENCE_TRUSTED_SHARE &&
    scalingMeasured
  ) {
    const measured =
      basis === 'vcpu-history'
        ? ' The effect of vCPU is measured from runs at several vCPU values.'
        : '';
    return {
      level: atMost('high', cap),
      reasons: [
        `${executions} finished executions, peak memory measured alone for ${percent(memoryTrustedShare)} of them.${measured}`,
        ...capped,
      ],
    };
  }
  const level =
    executions >= MEDIUM_CONFIDENCE_EXECUTIONS &&
    memoryTrustedShare >= MEDIUM_CONFIDENCE_TRUSTED_SHARE
      ? atMost('medium', cap)
      : 'low';
  const reasons = [...held, ...capped];
  return { level, reasons: reasons.length > 0 ? reasons : [`${executions} finished executions.`] };
}
