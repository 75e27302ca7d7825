/**
 * How sure the recommendation is, from how many executions it rests on and how good their figures
 * are. The thresholds are deliberately round; README.md explains them.
 */
import type { ModelBasis } from '../model';
import type { Confidence } from './types';

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
};

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function assessConfidence(input: ConfidenceInput): { level: Confidence; reasons: string[] } {
  const { executions, memoryTrustedShare, cpuTrustedShare, basis, vcpuChanged } = input;
  if (executions < MIN_EXECUTIONS) {
    return {
      level: 'not-enough-data',
      reasons: [`${executions} finished executions; at least ${MIN_EXECUTIONS} are needed.`],
    };
  }
  const reasons = [
    `${executions} finished executions.`,
    `Peak memory is exact or sliced for ${percent(memoryTrustedShare)} of them.`,
  ];
  const scalingMeasured =
    basis === 'vcpu-history' || !vcpuChanged || cpuTrustedShare >= HIGH_CONFIDENCE_TRUSTED_SHARE;
  if (basis === 'vcpu-history')
    reasons.push('The effect of vCPU is measured from runs at several vCPU values.');
  else if (vcpuChanged)
    reasons.push(
      `The effect of vCPU is inferred from CPU utilisation (exact or sliced for ${percent(cpuTrustedShare)}).`,
    );
  if (basis === 'none' && vcpuChanged) return { level: 'low', reasons };
  if (
    executions >= HIGH_CONFIDENCE_EXECUTIONS &&
    memoryTrustedShare >= HIGH_CONFIDENCE_TRUSTED_SHARE &&
    scalingMeasured
  ) {
    return { level: 'high', reasons };
  }
  if (
    executions >= MEDIUM_CONFIDENCE_EXECUTIONS &&
    memoryTrustedShare >= MEDIUM_CONFIDENCE_TRUSTED_SHARE
  ) {
    return { level: 'medium', reasons };
  }
  return { level: 'low', reasons };
}
