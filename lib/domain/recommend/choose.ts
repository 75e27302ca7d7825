/**
 * The per-vCPU curve and the choice on it. Each valid vCPU value gets a timeout above its projected
 * tail and the least memory whose projected failures stay within the failure budget.
 */
import {
  CPU_OPTIONS,
  MAX_TIMEOUT_SECONDS,
  MEMORY_BOUNDS_BY_CPU,
  snapLimits,
  type CpuOption,
  type Limits,
} from '../limits';
import { amdahlFactor, projectedQuantile } from '../model';
import { failedFromErrors } from './budget';
import { oomRisk } from './memory-model';
import { monthlyCostAt, projectLimits, timeoutRisk, type ProjectionContext } from './projection';
import { cleanTimeoutSeconds, TIMEOUT_TAIL_FACTOR, timeoutFromTail } from './timeout-retries';
import type { Objective, Projection } from './types';

/** `speed` takes the cheapest point within this share of the fastest projected p95. */
export const SPEED_TOLERANCE = 0.05;

export type Candidate = {
  readonly limits: Limits;
  readonly projection: Projection;
  /** Monthly cost at the low, estimated and high parallel fraction. */
  readonly costByScaling: readonly number[];
};

export type CurveWish = {
  readonly maxRetries: number;
  readonly currentTimeoutSeconds: number;
  readonly currentVcpu: number;
  /** Executions whose run time the history does not hold (OOM-killed before they finished). */
  readonly unknownDurations: number;
};

const MEMORY_STEP_BYTES = 256 * 2 ** 20;
/** The share of the failure budget timeouts may take; OOMs and errors get the rest. */
export const TIMEOUT_BUDGET_SHARE = 0.25;

/**
 * The clean timeout above the projected tail at every plausible scaling, raised until in budget. It
 * is not cut below today's (scaled to a lower vCPU at the slowest plausible scaling) when some run
 * times are unknown — OOM-killed executions are the big ones, and once they get their memory they
 * run long — or when fewer vCPU would slow the runs: a timeout costs nothing until a run hits it.
 */
function timeoutFor(context: ProjectionContext, vcpu: number, wish: CurveWish): number {
  const { low, estimate, high } = context.model.parallelFraction;
  const p99 = Math.max(
    ...[low, estimate, high].map((q) => projectedQuantile(context.model, q, vcpu, 0.99)),
  );
  let timeout = timeoutFromTail(p99, wish.currentTimeoutSeconds);
  if (wish.unknownDurations > 0 || vcpu < wish.currentVcpu) {
    const slower = Math.max(1, amdahlFactor(high, wish.currentVcpu, vcpu));
    // Runs the history never saw finish may need more than today's timeout: the tail factor again.
    const unknown = wish.unknownDurations > 0 ? TIMEOUT_TAIL_FACTOR : 1;
    timeout = Math.max(
      timeout,
      cleanTimeoutSeconds(
        Math.min(MAX_TIMEOUT_SECONDS, wish.currentTimeoutSeconds * slower * unknown),
      ),
    );
  }
  const allowance = context.budgetRate * TIMEOUT_BUDGET_SHARE;
  while (
    timeout < MAX_TIMEOUT_SECONDS &&
    timeoutRisk(context.model, vcpu, timeout).high > allowance
  ) {
    timeout = cleanTimeoutSeconds(timeout + 1);
  }
  return timeout;
}

/**
 * The least memory (256 MiB steps within the vCPU's bounds) whose projected failures, at their upper
 * end, fit the budget; where none does, the least memory at the lowest OOM risk reachable. When
 * OOM-killed peaks the history cannot bound are more than the budget allows, it is the most memory
 * the vCPU allows — a learning step, as long as that is at least LEARNING_SPAN × the limit they ran
 * out at (else this vCPU cannot take the step and is left over budget, see oomRisk).
 */
function memoryFor(context: ProjectionContext, vcpu: CpuOption, otherFailures: number): number {
  const { minBytes, maxBytes } = MEMORY_BOUNDS_BY_CPU[vcpu];
  const { memory } = context;
  const steps = Math.floor((maxBytes - minBytes) / MEMORY_STEP_BYTES);
  const at = (k: number) => minBytes + k * MEMORY_STEP_BYTES;
  const risk = (k: number) => oomRisk(memory, at(k)).high;
  const floor = risk(steps);
  const target = Math.max(context.budgetRate - otherFailures, floor + 1e-12);
  let lo = 0;
  let hi = steps;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (risk(mid) <= target) hi = mid;
    else lo = mid + 1;
  }
  return at(lo);
}

export function buildCurve(context: ProjectionContext, wish: CurveWish): Candidate[] {
  const candidates: Candidate[] = [];
  for (const vcpu of CPU_OPTIONS) {
    const timeoutSeconds = timeoutFor(context, vcpu, wish);
    const others =
      timeoutRisk(context.model, vcpu, timeoutSeconds).high +
      failedFromErrors(context.errors.perAttemptHigh, wish.maxRetries);
    const snapped = snapLimits({
      vcpu,
      memoryBytes: memoryFor(context, vcpu, others),
      timeoutSeconds,
      maxRetries: wish.maxRetries,
    });
    if (!snapped.ok || snapped.limits.vcpu !== vcpu) continue;
    const { low, estimate, high } = context.model.parallelFraction;
    candidates.push({
      limits: snapped.limits,
      projection: projectLimits(context, snapped.limits),
      costByScaling: [low, estimate, high].map((q) => monthlyCostAt(context, snapped.limits, q)),
    });
  }
  return candidates;
}

/** The candidates within budget; when none is, those with the fewest projected failures. */
export function inBudget(candidates: readonly Candidate[]): Candidate[] {
  const within = candidates.filter((c) => c.projection.withinBudget);
  if (within.length > 0 || candidates.length === 0) return within;
  const fewest = Math.min(...candidates.map((c) => c.projection.failureProbabilityHigh));
  return candidates.filter((c) => c.projection.failureProbabilityHigh <= fewest * (1 + 1e-9));
}

/**
 * The candidate with the least worst-case regret over the plausible scaling: at each of q's low,
 * estimate and high, how much more it costs than the cheapest candidate would at that q (as a
 * share), and the largest of the three. With the scaling measured the three are close and this is
 * the cheapest; with it uncertain it avoids a move that pays off only at one end.
 */
function cheapest(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const best = [0, 1, 2].map((i) => Math.min(...candidates.map((c) => c.costByScaling[i] ?? 0)));
  const regret = (c: Candidate) =>
    Math.max(
      ...[0, 1, 2].map((i) => {
        const floor = best[i] as number;
        const cost = c.costByScaling[i] ?? 0;
        return floor > 0 ? (cost - floor) / floor : cost > 0 ? Infinity : 0;
      }),
    );
  return candidates.reduce<Candidate | undefined>((chosen, c) => {
    if (!chosen) return c;
    const diff = regret(c) - regret(chosen);
    if (diff < -1e-12) return c;
    if (Math.abs(diff) <= 1e-12) {
      const cost = c.projection.monthlyCostUsd - chosen.projection.monthlyCostUsd;
      if (cost < 0 || (cost === 0 && c.projection.p95Seconds < chosen.projection.p95Seconds))
        return c;
    }
    return chosen;
  }, undefined);
}

function fastestP95(candidates: readonly Candidate[]): number {
  return Math.min(...candidates.map((c) => c.projection.p95Seconds));
}

/** The candidate the objective picks; undefined only when there are no candidates. */
export function chooseCandidate(
  all: readonly Candidate[],
  objective: Objective,
  latencyTargetSeconds: number,
): Candidate | undefined {
  // Without any duration history there is no latency to weigh: only cost decides.
  const durationsKnown = all.every((c) => Number.isFinite(c.projection.p95Seconds));
  const candidates = inBudget(all);
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
