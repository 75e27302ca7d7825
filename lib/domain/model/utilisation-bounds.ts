/**
 * The parallel fraction bounded from CPU utilisation at a single vCPU value. An execution's wall time
 * T at v vCPU splits into I/O (no CPU), serial CPU s and parallel work P (single-core seconds, run on
 * all v cores): T = io + s + P / v and busy CPU B = s + P = u · v · T. With io, s ≥ 0 that gives
 * max(0, (B − T) · v / (v − 1)) ≤ P ≤ B, and at another vCPU w: T(w) = T − P · (1/v − 1/w). The
 * lower bound holds only when busy CPU is all useful work; overhead that grows with vCPU breaks it,
 * so the range reported goes down to 0 and only the estimate uses it.
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
  // Busy CPU that grows with vCPU (per-thread overhead, threads spinning while they wait) looks
  // like parallel work: utilisation at one vCPU value cannot tell it apart, so it bounds q only
  // from above. The estimate stays the middle of the range without overhead; the range goes to 0.
  return {
    estimate: (low + high) / 2,
    low: 0,
    high: Math.min(1, high + UTILISATION_WIDENING),
  };
}
