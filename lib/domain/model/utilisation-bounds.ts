/**
 * The parallel fraction bounded from CPU utilisation at a single vCPU value. An execution's wall time
 * T at v vCPU splits into I/O (no CPU), serial CPU s and parallel work P (single-core seconds, run on
 * all v cores): T = io + s + P / v and busy CPU B = s + P = u · v · T. With io, s ≥ 0 that gives
 * max(0, (B − T) · v / (v − 1)) ≤ P ≤ B, and at another vCPU w: T(w) = T − P · (1/v − 1/w).
 */
import type { Range } from './types';

/** How much the utilisation-based range is widened for what its assumptions leave out. */
export const UTILISATION_WIDENING = 0.05;

/** Amdahl's q (share of the 1-vCPU run time that parallelises) from ρ = P / T at v vCPU. */
function toParallelFraction(rho: number, vcpu: number): number {
  return rho / (1 + rho * (1 - 1 / vcpu));
}

/**
 * `utilisation` is busy ÷ (vCPU × wall) aggregated over the runs (weighted by run time). When it is
 * only an upper bound (overlapping executions), nothing bounds P from below.
 */
export function parallelFractionFromUtilisation(
  utilisation: number,
  vcpu: number,
  upperBoundOnly: boolean,
): Range {
  const u = Math.min(1, Math.max(0, utilisation));
  const rhoHigh = u * vcpu;
  const rhoLow =
    upperBoundOnly || vcpu <= 1 ? 0 : Math.max(0, ((u * vcpu - 1) * vcpu) / (vcpu - 1));
  const low = toParallelFraction(rhoLow, vcpu);
  const high = toParallelFraction(rhoHigh, vcpu);
  return {
    estimate: (low + high) / 2,
    low: Math.max(0, low - UTILISATION_WIDENING),
    high: Math.min(1, high + UTILISATION_WIDENING),
  };
}
