/**
 * Computed cost (executions × limits × attempt time) against metered cost (the job-level
 * `allocation_time` metrics × prices) over the same window, with the known reasons they differ.
 */
import type { PriceBook, Usage } from '../pricing';
import { usageCostUsd } from '../pricing';
import type { AllocationPoint } from '../records';

/** Within this many percent the two figures are said to agree. */
export const RECONCILE_TOLERANCE_PERCENT = 2;
/** Cloud Monitoring data can appear up to ~3 minutes late (DESIGN §2). */
export const METERING_LAG_MS = 3 * 60_000;
/**
 * The most instance start-up per attempt taken as explaining metered cost above computed. Cloud
 * Run bills an instance from its start, before the execution's start_time that the computed cost
 * starts at; a start-up longer than this is not plausible and is left unexplained.
 */
export const MAX_INSTANCE_STARTUP_SECONDS = 60;

export const RECONCILE_REASONS = [
  'running-executions',
  'rounding',
  'estimated-attempts',
  'metering-lag',
  'window-edges',
  'instance-startup',
  'bad-metered-points',
  'no-metered-data',
  'unexplained',
] as const;
export type ReconcileReasonKind = (typeof RECONCILE_REASONS)[number];
export type ReconcileReason = {
  readonly kind: ReconcileReasonKind;
  readonly text: string;
  /** Dollars this effect could account for, when it can be sized; positive = metered is higher. */
  readonly effectUsd?: number;
};

export type Reconciliation = {
  readonly status: 'agrees' | 'differs' | 'no-metered-data';
  /**
   * Computed and metered cost are compared over the window up to here: its end, or the last
   * settled hour the store holds. Absent in reports saved before it was recorded (the window's end).
   */
  readonly comparedUntilMs?: number;
  readonly computedUsd: number;
  readonly computedUsage: Usage;
  readonly meteredUsd: number | null;
  readonly meteredUsage: Usage | null;
  /** computed − metered. */
  readonly differenceUsd: number | null;
  /** (computed − metered) / metered × 100; null without metered cost. */
  readonly differencePercent: number | null;
  readonly tolerancePercent: number;
  readonly reasons: readonly ReconcileReason[];
};

export type ReconcileInput = {
  readonly window: { readonly startMs: number; readonly endMs: number };
  readonly nowMs: number;
  readonly book: PriceBook;
  /** Completed executions, each clipped to the window by the share of its run inside it. */
  readonly computedUsage: Usage;
  /** Undefined when the metric could not be read. */
  readonly meteredPoints: readonly AllocationPoint[] | undefined;
  readonly attempts: number;
  /** Billed seconds of those attempts (clipped to the window like the usage), when known. */
  readonly attemptSeconds?: number;
  /** Allocation of executions still running, from their start to now, inside the window. */
  readonly runningUsage: Usage;
  readonly runningExecutions: number;
  /** Cost of completed executions whose attempt times are estimates. */
  readonly estimatedUsd: number;
  /** Executions that started before the window or ended after it. */
  readonly straddlingExecutions: number;
};

type Metered = { usage: Usage; badPoints: number };

/** Sum of the points inside the window; a point across an edge counts by its share inside. */
export function meteredUsage(
  points: readonly AllocationPoint[],
  window: ReconcileInput['window'],
): Metered {
  let vcpuSeconds = 0;
  let gibSeconds = 0;
  let badPoints = 0;
  for (const point of points) {
    const usable =
      Number.isFinite(point.vcpuSeconds) &&
      point.vcpuSeconds >= 0 &&
      Number.isFinite(point.gibSeconds) &&
      point.gibSeconds >= 0 &&
      Number.isFinite(point.startMs) &&
      Number.isFinite(point.endMs) &&
      point.endMs >= point.startMs;
    if (!usable) {
      badPoints += 1;
      continue;
    }
    const overlapMs = Math.min(point.endMs, window.endMs) - Math.max(point.startMs, window.startMs);
    const spanMs = point.endMs - point.startMs;
    const share =
      spanMs === 0
        ? point.endMs > window.startMs && point.endMs <= window.endMs
          ? 1
          : 0
        : Math.max(0, overlapMs) / spanMs;
    vcpuSeconds += point.vcpuSeconds * share;
    gibSeconds += point.gibSeconds * share;
  }
  return { usage: { vcpuSeconds, gibSeconds }, badPoints };
}

function knownReasons(input: ReconcileInput, badPoints: number): ReconcileReason[] {
  const reasons: ReconcileReason[] = [];
  const { book } = input;
  if (input.runningExecutions > 0) {
    reasons.push({
      kind: 'running-executions',
      text: `${input.runningExecutions} execution(s) still running are metered but not yet computed.`,
      effectUsd: usageCostUsd(input.runningUsage, book),
    });
  }
  if (input.attempts > 0) {
    reasons.push({
      kind: 'rounding',
      text: `Each of ${input.attempts} attempts is rounded up to 100 ms in the computed cost; metering may not round.`,
    });
  }
  if (input.estimatedUsd > 0) {
    reasons.push({
      kind: 'estimated-attempts',
      text: `$${input.estimatedUsd.toFixed(4)} of the computed cost rests on estimated attempt times (retried tasks show only their last attempt).`,
    });
  }
  if (input.straddlingExecutions > 0) {
    reasons.push({
      kind: 'window-edges',
      text: `${input.straddlingExecutions} execution(s) ran across the window's edges; their cost was split by time inside it.`,
    });
  }
  if (input.window.endMs > input.nowMs - METERING_LAG_MS) {
    reasons.push({
      kind: 'metering-lag',
      text: 'The window reaches into the last 3 minutes, which Cloud Monitoring may not have reported yet.',
    });
  }
  if (badPoints > 0) {
    reasons.push({
      kind: 'bad-metered-points',
      text: `${badPoints} metered point(s) were unusable and left out.`,
    });
  }
  return reasons;
}

/**
 * Metered above computed, read as instance start-up: the excess as seconds of each attempt's own
 * limits (excess share × mean attempt length), sized up to MAX_INSTANCE_STARTUP_SECONDS each.
 */
function startupReason(
  input: ReconcileInput,
  computedUsd: number,
  meteredUsd: number,
  explainedUsd: number,
): ReconcileReason | undefined {
  // Only what the other sized effects (running executions) leave over.
  const excessUsd = meteredUsd - computedUsd - explainedUsd;
  const attemptSeconds = input.attemptSeconds ?? 0;
  if (excessUsd <= 0 || computedUsd <= 0 || input.attempts <= 0 || attemptSeconds <= 0)
    return undefined;
  const usdPerSecond = computedUsd / attemptSeconds;
  const perAttemptSeconds = excessUsd / usdPerSecond / input.attempts;
  if (perAttemptSeconds < 0.1) return undefined;
  const sized = Math.min(perAttemptSeconds, MAX_INSTANCE_STARTUP_SECONDS);
  return {
    kind: 'instance-startup',
    text: `Google metered ${perAttemptSeconds.toFixed(1)} s more per attempt than the attempts ran: Cloud Run bills an instance from when it starts, before the execution's start time that the computed cost begins at${perAttemptSeconds > MAX_INSTANCE_STARTUP_SECONDS ? `; more than ${MAX_INSTANCE_STARTUP_SECONDS} s is not start-up` : ''}.`,
    effectUsd: sized * usdPerSecond * input.attempts,
  };
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const computedUsd = usageCostUsd(input.computedUsage, input.book);
  const base = {
    comparedUntilMs: input.window.endMs,
    computedUsd,
    computedUsage: input.computedUsage,
    tolerancePercent: RECONCILE_TOLERANCE_PERCENT,
  };
  if (input.meteredPoints === undefined || input.meteredPoints.length === 0) {
    const text =
      input.meteredPoints === undefined
        ? 'The allocation_time metrics could not be read, so the computed cost is not checked against billing.'
        : 'Cloud Monitoring has no allocation_time data for this window.';
    return {
      ...base,
      status: 'no-metered-data',
      meteredUsd: null,
      meteredUsage: null,
      differenceUsd: null,
      differencePercent: null,
      reasons: [{ kind: 'no-metered-data', text }],
    };
  }
  const metered = meteredUsage(input.meteredPoints, input.window);
  const meteredUsd = usageCostUsd(metered.usage, input.book);
  const differenceUsd = computedUsd - meteredUsd;
  const differencePercent =
    meteredUsd > 0 ? (differenceUsd / meteredUsd) * 100 : computedUsd > 0 ? 100 : 0;
  const agrees = Math.abs(differencePercent) <= RECONCILE_TOLERANCE_PERCENT;
  const reasons = knownReasons(input, metered.badPoints);
  // Within the tolerance rounding and estimates cover the gap; beyond it, start-up is sized.
  const sizedUsd = reasons.reduce((sum, r) => sum + (r.effectUsd ?? 0), 0);
  const startup = agrees ? undefined : startupReason(input, computedUsd, meteredUsd, sizedUsd);
  if (startup) reasons.push(startup);
  if (!agrees) {
    const explainedUsd = reasons.reduce((sum, r) => sum + (r.effectUsd ?? 0), 0);
    const leftPercent =
      meteredUsd > 0 ? ((differenceUsd + explainedUsd) / meteredUsd) * 100 : differencePercent;
    if (Math.abs(leftPercent) > RECONCILE_TOLERANCE_PERCENT) {
      reasons.push({
        kind: 'unexplained',
        text: `${Math.abs(leftPercent).toFixed(1)}% is not explained by the effects above; check for executions missing from the listing.`,
      });
    }
  }
  return {
    ...base,
    status: agrees ? 'agrees' : 'differs',
    meteredUsd,
    meteredUsage: metered.usage,
    differenceUsd,
    differencePercent,
    reasons,
  };
}
