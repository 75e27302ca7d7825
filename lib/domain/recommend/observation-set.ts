/**
 * What a tier's recommendation rests on, bounded at any number of executions:
 * - exact tallies of every finished execution — how many, failures, attempts and errors, retries,
 *   OOM kills by limit, how many figures are measured alone — so every count and rate the
 *   recommendation shows or is budgeted by is the whole history's;
 * - a deterministic sample of the executions themselves for the models (durations by vCPU, peak
 *   memory, the memory fit, the OOM risk of each limit), each kept execution weighted by how many it
 *   stands for.
 *
 * The sample is stratified by vCPU value and outcome (OOM-killed, timed out, other), so rare runs —
 * a vCPU value tried briefly, the OOMs and timeouts the failure budget turns on — are kept whole
 * unless there are more than `SAMPLE_STRATUM_LIMIT` of them. Within a stratum one in `stride`
 * executions is kept, the stride doubling whenever the stratum outgrows the limit: which ones is
 * decided by a hash of each execution's position in the stratum, so the sample is spread through
 * the history and the same for the same history, yet cannot fall into step with a periodic workload
 * (every 8th of a round-robin over 64 payload shapes would keep only 8 of them). Doubling keeps a
 * subset of what was kept, so a set can be thinned, and sets merged, without the executions.
 * A stratum of fewer executions than the limit is kept entire, weight 1: the models then see exactly
 * the executions they saw before there was a sample.
 */
import type { ExecutionObservation } from './types';

/**
 * Executions kept per stratum before the stride doubles. The memory fit already learns from at most
 * 20,000 (MAX_FIT_SAMPLES); past ~10,000 a stratum's percentiles move by well under their own
 * sampling interval, while every candidate limit's OOM risk is a pass over the kept executions.
 */
export const SAMPLE_STRATUM_LIMIT = 16_384;

/** Tallies over every execution added, sampled or not. */
export type ObservationTally = {
  executions: number;
  failed: number;
  /** Attempts of executions with any (the error rate's denominator) and the attempts that erred. */
  attempts: number;
  erredAttempts: number;
  deterministicFailures: number;
  recoveredByRetry: number;
  trustedCpu: number;
  /** Failed executions with an OOM kill: their full run time is unknown. */
  unknownDurations: number;
  /** Usable measured peaks (OOMs aside), measured alone or upper bounds. */
  trustedPeaks: number;
  boundPeaks: number;
  /** Limit an execution ran out of memory at → how many did, in order of first occurrence. */
  readonly oomAtLimit: Map<number, number>;
};

type Stratum = { readonly key: string; stride: number; seen: number; kept: number };

function emptyTally(): ObservationTally {
  return {
    executions: 0,
    failed: 0,
    attempts: 0,
    erredAttempts: 0,
    deterministicFailures: 0,
    recoveredByRetry: 0,
    trustedCpu: 0,
    unknownDurations: 0,
    trustedPeaks: 0,
    boundPeaks: 0,
    oomAtLimit: new Map(),
  };
}

const isTrustedSource = (source: string) => source === 'exact' || source === 'sliced';

export function isOomObservation(o: ObservationFacts): boolean {
  return o.oomAttempts > 0 && Number.isFinite(o.limits.memoryBytes) && o.limits.memoryBytes > 0;
}

export function hasUsablePeak(o: Pick<ExecutionObservation, 'peakMemoryBytes'>): boolean {
  return (
    o.peakMemoryBytes !== undefined && Number.isFinite(o.peakMemoryBytes) && o.peakMemoryBytes > 0
  );
}

/** The fields of one finished execution the tallies and strata read. */
export type ObservationFacts = Pick<
  ExecutionObservation,
  | 'status'
  | 'taskCount'
  | 'attempts'
  | 'oomAttempts'
  | 'timeoutAttempts'
  | 'cpuSource'
  | 'memorySource'
  | 'peakMemoryBytes'
> & { readonly limits: Pick<ExecutionObservation['limits'], 'vcpu' | 'memoryBytes'> };

function tallyOne(t: ObservationTally, o: ObservationFacts): void {
  t.executions += 1;
  if (o.status === 'failed') {
    t.failed += 1;
    if (o.oomAttempts > 0 || o.timeoutAttempts > 0) t.deterministicFailures += 1;
    if (o.oomAttempts > 0) t.unknownDurations += 1;
  } else if (o.status === 'succeeded' && o.attempts > o.taskCount) {
    t.recoveredByRetry += 1;
  }
  if (o.attempts > 0) {
    t.attempts += o.attempts;
    const bad =
      o.status === 'failed'
        ? o.attempts - o.oomAttempts - o.timeoutAttempts
        : o.attempts - Math.max(1, o.taskCount) - o.oomAttempts - o.timeoutAttempts;
    t.erredAttempts += Math.max(0, bad);
  }
  if (isTrustedSource(o.cpuSource)) t.trustedCpu += 1;
  if (isOomObservation(o)) {
    t.oomAtLimit.set(o.limits.memoryBytes, (t.oomAtLimit.get(o.limits.memoryBytes) ?? 0) + 1);
  } else if (hasUsablePeak(o)) {
    if (isTrustedSource(o.memorySource)) t.trustedPeaks += 1;
    else t.boundPeaks += 1;
  }
}

const OUTCOMES = ['other', 'oom', 'timeout'] as const;

/** A 32-bit integer mix (MurmurHash3's finaliser): neighbouring positions get unrelated bits. */
function mix(position: number): number {
  let h = position | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Whether the execution at this position of its stratum is kept at this stride (a power of two). */
function keeps(position: number, stride: number): boolean {
  return stride === 1 || (mix(position) & (stride - 1)) === 0;
}

/** The outcome an execution is sampled by, with its vCPU: OOM-killed, timed out, or other. */
function outcomeOf(o: ObservationFacts): number {
  return o.oomAttempts > 0 ? 1 : o.timeoutAttempts > 0 ? 2 : 0;
}

/** Observation sets of plain arrays, built once per array (a recommendation reads them often). */
const OF_ARRAY = new WeakMap<readonly ExecutionObservation[], ObservationSet>();

export class ObservationSet {
  readonly tally: ObservationTally = emptyTally();
  private readonly strata = new Map<string, Stratum>();
  /** The same strata by vCPU and outcome, found without building a key per execution. */
  private readonly byVcpu = new Map<number, (Stratum | undefined)[]>();
  private items: ExecutionObservation[] = [];
  /** Per kept execution: its stratum and its position among the stratum's executions. */
  private itemStrata: Stratum[] = [];
  private itemIndex: number[] = [];
  private cached: { observations: ExecutionObservation[]; weights: Float64Array | null } | null =
    null;

  constructor(private readonly limit = SAMPLE_STRATUM_LIMIT) {}

  /** The set of an array of observations (sampled like any other past the limit). */
  static of(observations: readonly ExecutionObservation[] | ObservationSet): ObservationSet {
    if (observations instanceof ObservationSet) return observations;
    let set = OF_ARRAY.get(observations);
    if (!set) {
      set = new ObservationSet();
      for (const o of observations) set.add(o);
      OF_ARRAY.set(observations, set);
    }
    return set;
  }

  /**
   * The executions of several sets (a job's tiers) as one: tallies summed; per stratum, every s-th
   * of each set's executions for one stride s (the smallest that keeps the stratum within the
   * limit and no finer than any set's), so each set weighs by its size as in the whole history.
   */
  static merge(sets: readonly ObservationSet[], limit = SAMPLE_STRATUM_LIMIT): ObservationSet {
    const merged = new ObservationSet(limit);
    const t = merged.tally;
    for (const set of sets) {
      const s = set.tally;
      t.executions += s.executions;
      t.failed += s.failed;
      t.attempts += s.attempts;
      t.erredAttempts += s.erredAttempts;
      t.deterministicFailures += s.deterministicFailures;
      t.recoveredByRetry += s.recoveredByRetry;
      t.trustedCpu += s.trustedCpu;
      t.unknownDurations += s.unknownDurations;
      t.trustedPeaks += s.trustedPeaks;
      t.boundPeaks += s.boundPeaks;
      for (const [bytes, n] of s.oomAtLimit)
        t.oomAtLimit.set(bytes, (t.oomAtLimit.get(bytes) ?? 0) + n);
    }
    const into = new Map<string, Stratum>();
    for (const set of sets) {
      for (const s of set.strata.values()) {
        const m = into.get(s.key) ?? { key: s.key, stride: 1, seen: 0, kept: 0 };
        m.stride = Math.max(m.stride, s.stride);
        m.seen += s.seen;
        into.set(s.key, m);
      }
    }
    const keptAt = (key: string, stride: number) => {
      let kept = 0;
      for (const set of sets) {
        set.itemStrata.forEach((s, i) => {
          if (s.key === key && keeps(set.itemIndex[i] as number, stride)) kept += 1;
        });
      }
      return kept;
    };
    for (const m of into.values()) {
      while (keptAt(m.key, m.stride) > limit) m.stride *= 2;
      merged.strata.set(m.key, m);
    }
    for (const set of sets) {
      set.items.forEach((o, i) => {
        const m = into.get((set.itemStrata[i] as Stratum).key) as Stratum;
        if (!keeps(set.itemIndex[i] as number, m.stride)) return;
        merged.items.push(o);
        merged.itemStrata.push(m);
        merged.itemIndex.push(m.kept);
        m.kept += 1;
      });
    }
    return merged;
  }

  add(o: ExecutionObservation): void {
    this.addWith(o, () => o);
  }

  /**
   * Adds an execution from the facts the tallies need, building its observation only when the
   * sample keeps it: a million executions make a few tens of thousands of observations.
   */
  addWith(o: ObservationFacts, make: () => ExecutionObservation): void {
    tallyOne(this.tally, o);
    this.cached = null;
    const outcome = outcomeOf(o);
    let row = this.byVcpu.get(o.limits.vcpu);
    if (!row) {
      row = [undefined, undefined, undefined];
      this.byVcpu.set(o.limits.vcpu, row);
    }
    let s = row[outcome];
    if (!s) {
      const key = `${o.limits.vcpu}|${OUTCOMES[outcome]}`;
      s = { key, stride: 1, seen: 0, kept: 0 };
      this.strata.set(key, s);
      row[outcome] = s;
    }
    const index = s.seen;
    s.seen += 1;
    if (!keeps(index, s.stride)) return;
    this.items.push(make());
    this.itemStrata.push(s);
    this.itemIndex.push(index);
    s.kept += 1;
    if (s.kept > this.limit) this.thin(s);
  }

  /** Finished executions added, sampled or not. */
  get count(): number {
    return this.tally.executions;
  }

  /** True when every execution added is in the sample (each stands for itself). */
  isWhole(): boolean {
    return this.items.length === this.tally.executions;
  }

  /**
   * The kept executions in the order they were added, and how many executions each stands for
   * (its stratum's executions ÷ those kept); weights are null when the sample is the whole set.
   */
  sample(): { observations: readonly ExecutionObservation[]; weights: Float64Array | null } {
    if (!this.cached) {
      const weights = this.isWhole()
        ? null
        : Float64Array.from(this.itemStrata, (s) => s.seen / s.kept);
      this.cached = { observations: this.items, weights };
    }
    return this.cached;
  }

  private thin(s: Stratum): void {
    s.stride *= 2;
    const items: ExecutionObservation[] = [];
    const strata: Stratum[] = [];
    const index: number[] = [];
    for (let i = 0; i < this.items.length; i += 1) {
      const at = this.itemIndex[i] as number;
      if (this.itemStrata[i] === s && !keeps(at, s.stride)) continue;
      items.push(this.items[i] as ExecutionObservation);
      strata.push(this.itemStrata[i] as Stratum);
      index.push(at);
    }
    this.items = items;
    this.itemStrata = strata;
    this.itemIndex = index;
    s.kept = items.reduce((n, _, i) => n + (strata[i] === s ? 1 : 0), 0);
  }
}
