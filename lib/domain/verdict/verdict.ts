/**
 * Verdict per tier — over-provisioned, right-sized, under-provisioned or not enough data — with the
 * evidence as structured facts and plain words. Failures and utilisation near the limit come first:
 * a tier that OOMs is under-provisioned whatever its average use.
 */
import * as T from './thresholds';

export const VERDICTS = [
  'over-provisioned',
  'right-sized',
  'under-provisioned',
  'not-enough-data',
] as const;
export type VerdictKind = (typeof VERDICTS)[number];

export type EvidenceId =
  | 'executions'
  | 'oom-rate'
  | 'timeout-rate'
  | 'retry-rate'
  | 'duration-vs-timeout'
  | 'memory-high'
  | 'cpu-high'
  | 'memory-low'
  | 'cpu-low'
  | 'attribution';

export type Evidence = {
  readonly id: EvidenceId;
  /** The measured figure (fraction, count or seconds as `unit` says), null when unknown. */
  readonly value: number | null;
  readonly threshold: number;
  readonly unit: 'fraction' | 'count' | 'seconds';
  /** Which verdict this fact supports, if any. */
  readonly supports: 'under' | 'over' | 'none';
  readonly text: string;
  /**
   * For `memory-low` and `cpu-low`: how many executions were measured alone when `value` is their
   * p95 (the figure judged); absent when `value` is the upper bound over every execution.
   */
  readonly measuredAlone?: number;
};

export type Verdict = {
  readonly kind: VerdictKind;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
};

export type VerdictInput = {
  readonly executions: number;
  readonly attempts: number;
  readonly oomAttempts: number;
  readonly timeoutAttempts: number;
  readonly billedRetries: number;
  readonly attemptP95Seconds: number | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly vcpu: number | undefined;
  readonly memoryBytes: number | undefined;
  /** From exact and sliced figures only: trusted to show use near the limit. */
  readonly memoryP95Trusted: number | undefined;
  readonly cpuP50Trusted: number | undefined;
  /** p95 CPU utilisation from exact and sliced figures only. */
  readonly cpuP95Trusted: number | undefined;
  /** How many executions the trusted figures come from (exact or sliced). */
  readonly memoryTrustedCount: number;
  readonly cpuTrustedCount: number;
  /** Including ambiguous upper bounds: trusted to show use far below the limit. */
  readonly memoryP95UpperBound: number | undefined;
  readonly cpuP95UpperBound: number | undefined;
  /** Share of executions with any utilisation figure, 0–1. */
  readonly attributedShare: number;
};

const pct = (fraction: number) => `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;

function rate(
  id: EvidenceId,
  count: number,
  of: number,
  threshold: number,
  what: string,
): Evidence {
  const value = of > 0 ? count / of : 0;
  const under = value >= threshold && count > 0;
  return {
    id,
    value,
    threshold,
    unit: 'fraction',
    supports: under ? 'under' : 'none',
    text: `${count} of ${of} ${what} (${pct(value)}; limit ${pct(threshold)}).`,
  };
}

function failureEvidence(input: VerdictInput): Evidence[] {
  const evidence = [
    rate(
      'oom-rate',
      input.oomAttempts,
      input.attempts,
      T.OOM_RATE_UNDER,
      'attempts ran out of memory',
    ),
    rate(
      'timeout-rate',
      input.timeoutAttempts,
      input.attempts,
      T.TIMEOUT_RATE_UNDER,
      'attempts hit the timeout',
    ),
    rate(
      'retry-rate',
      input.billedRetries,
      input.executions,
      T.RETRY_RATE_UNDER,
      'executions’ worth of retries were billed',
    ),
  ];
  const { attemptP95Seconds: p95, timeoutSeconds: timeout } = input;
  if (p95 !== undefined && timeout !== undefined && timeout > 0) {
    const value = p95 / timeout;
    evidence.push({
      id: 'duration-vs-timeout',
      value,
      threshold: T.DURATION_NEAR_TIMEOUT,
      unit: 'fraction',
      supports: value >= T.DURATION_NEAR_TIMEOUT ? 'under' : 'none',
      text: `p95 attempt takes ${p95.toFixed(0)} s of the ${timeout} s timeout (${pct(value)}).`,
    });
  }
  return evidence;
}

function usageEvidence(input: VerdictInput): Evidence[] {
  const evidence: Evidence[] = [];
  const judged = input.attributedShare >= T.MIN_ATTRIBUTED_SHARE;
  evidence.push({
    id: 'attribution',
    value: input.attributedShare,
    threshold: T.MIN_ATTRIBUTED_SHARE,
    unit: 'fraction',
    supports: 'none',
    text: `${pct(input.attributedShare)} of executions have utilisation figures${judged ? '' : `; at least ${pct(T.MIN_ATTRIBUTED_SHARE)} are needed to judge by utilisation`}.`,
  });
  if (!judged) return evidence;
  const { memoryP95Trusted: memHigh, cpuP50Trusted: cpuHigh } = input;
  if (memHigh !== undefined)
    evidence.push({
      id: 'memory-high',
      value: memHigh,
      threshold: T.MEMORY_HIGH,
      unit: 'fraction',
      supports: memHigh >= T.MEMORY_HIGH ? 'under' : 'none',
      text: `p95 peak memory is ${pct(memHigh)} of the limit (near the limit from ${pct(T.MEMORY_HIGH)}).`,
    });
  if (cpuHigh !== undefined)
    evidence.push({
      id: 'cpu-high',
      value: cpuHigh,
      threshold: T.CPU_HIGH,
      unit: 'fraction',
      supports: cpuHigh >= T.CPU_HIGH ? 'under' : 'none',
      text: `Median CPU use is ${pct(cpuHigh)} of the limit (saturated from ${pct(T.CPU_HIGH)}).`,
    });
  const memoryAtFloor = input.memoryBytes !== undefined && input.memoryBytes <= T.MIN_MEMORY_BYTES;
  const memLow = lowBasis(
    input.memoryP95Trusted,
    input.memoryTrustedCount,
    input.memoryP95UpperBound,
    input.executions,
  );
  if (memLow)
    evidence.push({
      id: 'memory-low',
      value: memLow.value,
      threshold: T.MEMORY_LOW,
      unit: 'fraction',
      supports: memLow.value <= T.MEMORY_LOW && !memoryAtFloor ? 'over' : 'none',
      text: `p95 peak memory is ${memLow.measured ? '' : 'at most '}${pct(memLow.value)} of the limit${memLow.basis}${memoryAtFloor ? ', already the smallest Cloud Run allows' : ` (room to cut below ${pct(T.MEMORY_LOW)})`}.${memLow.note}`,
      ...(memLow.count !== undefined && { measuredAlone: memLow.count }),
    });
  const cpuAtFloor = input.vcpu !== undefined && input.vcpu <= T.MIN_VCPU;
  const cpuLow = lowBasis(
    input.cpuP95Trusted,
    input.cpuTrustedCount,
    input.cpuP95UpperBound,
    input.executions,
  );
  if (cpuLow)
    evidence.push({
      id: 'cpu-low',
      value: cpuLow.value,
      threshold: T.CPU_LOW,
      unit: 'fraction',
      supports: cpuLow.value <= T.CPU_LOW && !cpuAtFloor ? 'over' : 'none',
      text: `p95 CPU use is ${cpuLow.measured ? '' : 'at most '}${pct(cpuLow.value)} of the limit${cpuLow.basis}${cpuAtFloor ? ', already the smallest Cloud Run allows' : ` (room to cut below ${pct(T.CPU_LOW)})`}.${cpuLow.note}`,
      ...(cpuLow.count !== undefined && { measuredAlone: cpuLow.count }),
    });
  return evidence;
}

/**
 * Which figure may show use far below the limit. An ambiguous figure is the highest of every
 * execution sharing its window (often a larger one's), so with enough executions measured alone
 * those are judged and the bounds left out; otherwise the upper bounds, which can only err high.
 */
function lowBasis(
  trusted: number | undefined,
  trustedCount: number,
  upperBound: number | undefined,
  executions: number,
): { value: number; measured: boolean; count?: number; basis: string; note: string } | undefined {
  if (trusted !== undefined && trustedCount >= T.MIN_MEASURED_FOR_LOW) {
    return {
      value: trusted,
      measured: true,
      count: trustedCount,
      basis:
        trustedCount < executions
          ? ` in the ${trustedCount} of ${executions} executions measured alone`
          : '',
      note:
        trustedCount < executions
          ? ' The others shared their minutes with other executions: their figures are only upper bounds and are left out.'
          : '',
    };
  }
  return upperBound === undefined
    ? undefined
    : { value: upperBound, measured: false, basis: '', note: '' };
}

function summarise(kind: VerdictKind, evidence: readonly Evidence[]): string {
  const reasons = (side: Evidence['supports']) =>
    evidence
      .filter((e) => e.supports === side)
      .map((e) => e.text)
      .join(' ');
  switch (kind) {
    case 'under-provisioned':
      return `Under-provisioned: ${reasons('under')}`;
    case 'over-provisioned':
      return `Over-provisioned: ${reasons('over')}`;
    case 'right-sized':
      return 'Right-sized: no failures from the limits and utilisation within the bounds.';
    case 'not-enough-data':
      return `Not enough data: ${evidence.find((e) => e.id === 'attribution')?.text ?? ''}`.trim();
  }
}

export function judgeTier(input: VerdictInput): Verdict {
  const count: Evidence = {
    id: 'executions',
    value: input.executions,
    threshold: T.MIN_EXECUTIONS_FOR_VERDICT,
    unit: 'count',
    supports: 'none',
    text: `${input.executions} completed execution(s); a verdict needs ${T.MIN_EXECUTIONS_FOR_VERDICT}.`,
  };
  if (input.executions < T.MIN_EXECUTIONS_FOR_VERDICT) {
    return {
      kind: 'not-enough-data',
      summary: `Not enough data: ${count.text}`,
      evidence: [count],
    };
  }
  const evidence = [count, ...failureEvidence(input), ...usageEvidence(input)];
  const under = evidence.some((e) => e.supports === 'under');
  const over = evidence.some((e) => e.supports === 'over');
  const judged = input.attributedShare >= T.MIN_ATTRIBUTED_SHARE;
  const kind: VerdictKind = under
    ? 'under-provisioned'
    : over
      ? 'over-provisioned'
      : judged
        ? 'right-sized'
        : 'not-enough-data';
  return { kind, summary: summarise(kind, evidence), evidence };
}

/**
 * The p95 the verdict judged from executions measured alone (`memory-low` or `cpu-low`), with how
 * many there were; null when it judged the upper bound or had no such figure.
 */
export function measuredAloneP95(
  verdict: Verdict,
  id: 'memory-low' | 'cpu-low',
): { readonly value: number; readonly executions: number } | null {
  const fact = verdict.evidence.find((each) => each.id === id);
  if (!fact || fact.value === null || fact.measuredAlone === undefined) return null;
  return { value: fact.value, executions: fact.measuredAlone };
}
