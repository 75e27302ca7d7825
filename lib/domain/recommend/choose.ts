/**
 * The per-vCPU curve and the choice on it. Each valid vCPU value gets the memory the tier needs
 * (raised where that vCPU requires more) and a timeout from its own projected tail.
 */
import { CPU_OPTIONS, snapLimits, type Limits } from '../limits';
import { projectDurations } from '../model';
import { projectLimits, type ProjectionContext } from './projection';
import { timeoutFromTail } from './timeout-retries';
import type { Objective, Projection } from './types';

/** `speed` takes the cheapest point within this share of the fastest projected p95. */
export const SPEED_TOLERANCE = 0.05;

export type Candidate = { readonly limits: Limits; readonly projection: Projection };

export type CurveWish = {
  readonly memoryBytes: number;
  readonly maxRetries: number;
  readonly currentTimeoutSeconds: number;
};

export function buildCurve(context: ProjectionContext, wish: CurveWish): Candidate[] {
  const candidates: Candidate[] = [];
  for (const vcpu of CPU_OPTIONS) {
    const p99 = projectDurations(context.model, vcpu).p99Seconds;
    const snapped = snapLimits({
      vcpu,
      memoryBytes: wish.memoryBytes,
      timeoutSeconds: timeoutFromTail(p99, wish.currentTimeoutSeconds),
      maxRetries: wish.maxRetries,
    });
    // A vCPU value whose memory range cannot hold the wish is not a choice at that vCPU.
    if (!snapped.ok || snapped.limits.vcpu !== vcpu) continue;
    candidates.push({ limits: snapped.limits, projection: projectLimits(context, snapped.limits) });
  }
  return candidates;
}

function cheapest(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates.reduce<Candidate | undefined>((best, c) => {
    if (!best) return c;
    const diff = c.projection.monthlyCostUsd - best.projection.monthlyCostUsd;
    if (diff < 0 || (diff === 0 && c.projection.p95Seconds < best.projection.p95Seconds)) return c;
    return best;
  }, undefined);
}

function fastestP95(candidates: readonly Candidate[]): number {
  return Math.min(...candidates.map((c) => c.projection.p95Seconds));
}

/** The candidate the objective picks; undefined only when there are no candidates. */
export function chooseCandidate(
  candidates: readonly Candidate[],
  objective: Objective,
  latencyTargetSeconds: number,
): Candidate | undefined {
  // Without any duration history there is no latency to weigh: only cost decides.
  const durationsKnown = candidates.every((c) => Number.isFinite(c.projection.p95Seconds));
  if (objective === 'cost' || !durationsKnown) return cheapest(candidates);
  const fastest = fastestP95(candidates);
  if (objective === 'speed') {
    return cheapest(
      candidates.filter((c) => c.projection.p95Seconds <= fastest * (1 + SPEED_TOLERANCE)),
    );
  }
  const fastEnough = candidates.filter(
    (c) => c.projection.p95Seconds <= latencyTargetSeconds * (1 + 1e-9),
  );
  if (fastEnough.length > 0) return cheapest(fastEnough);
  return cheapest(candidates.filter((c) => c.projection.p95Seconds <= fastest));
}
