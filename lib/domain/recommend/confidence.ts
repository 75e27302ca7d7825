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
  if (executions < MIN_EXECUTIONS) {
    return {
      level: 'not-enough-data',
      reasons: [`${executions} finished executions; at least ${MIN_EXECUTIONS} are needed.`],
    };
  }
  const scalingMeasured =
    basis === 'vcpu-history' || !vcpuChanged || cpuTrustedShare >= HIGH_CONFIDENCE_TRUSTED_SHARE;
  const held = limits(input, scalingMeasured);
  const measured =
    basis === 'vcpu-history'
      ? ' The effect of vCPU is measured from runs at several vCPU values.'
      : '';
  if (basis === 'none' && vcpuChanged) return { level: 'low', reasons: held };
  if (
    executions >= HIGH_CONFIDENCE_EXECUTIONS &&
    memoryTrustedShare >= HIGH_CONFIDENCE_TRUSTED_SHARE &&
    scalingMeasured
  ) {
    return {
      level: 'high',
      reasons: [
        `${executions} finished executions, peak memory measured alone for ${percent(memoryTrustedShare)} of them.${measured}`,
      ],
    };
  }
  const level =
    executions >= MEDIUM_CONFIDENCE_EXECUTIONS &&
    memoryTrustedShare >= MEDIUM_CONFIDENCE_TRUSTED_SHARE
      ? 'medium'
      : 'low';
  return { level, reasons: held.length > 0 ? held : [`${executions} finished executions.`] };
}
