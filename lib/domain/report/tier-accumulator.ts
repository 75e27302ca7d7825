/**
 * Everything one tier's report needs, gathered in a single pass over its executions: counts, cost
 * sums, bounded-error sketches, fixed chart bins and a bounded scatter sample.
 */
import { emptySourceCounts, sourceShares, type ExecutionAttribution } from '../attribution';
import {
  FAILURE_KINDS,
  emptyFailureTally,
  totalFailureUsd,
  type ExecutionCost,
  type ExecutionRunTime,
} from '../cost';
import type { WorkloadFeatures } from '../payload';
import {
  DAYS_PER_MONTH,
  ObservationSet,
  observationFromFacts,
  type ExecutionObservation,
  type Recommendation,
} from '../recommend';
import type { ExecutionRecord, ResourceLimits } from '../records';
import { QuantileSketch } from '../stats';
import { judgeTier } from '../verdict';
import { FractionBins, durationBins, summarise } from './distributions';
import { BoundedSample, NumberColumn } from './sampling';
import type { LimitsInForce, ScatterPoint, TierReport } from './types';

/**
 * Scatter points kept per tier. Every point travels to the browser and is drawn as an SVG shape:
 * at 500 a tier a month's report shipped ~2,000 points (a third of the page's payload) for a chart
 * whose shape 150 a tier already shows.
 */
export const SCATTER_LIMIT = 150;

export type ExecutionFacts = {
  readonly execution: ExecutionRecord;
  readonly run: ExecutionRunTime;
  readonly cost: ExecutionCost;
  readonly attribution: ExecutionAttribution;
  readonly features: WorkloadFeatures | undefined;
};

type TierIdentity = { id: string; label: string; bounds: string; jobName: string | null };
type MutableLimits = { -readonly [K in keyof LimitsInForce]: LimitsInForce[K] };

const limitsKey = (l: ResourceLimits) =>
  `${l.vcpu}|${l.memoryBytes}|${l.timeoutSeconds}|${l.maxRetries}`;

const trusted = (source: string) => source === 'exact' || source === 'sliced';

export class TierAccumulator {
  readonly counts = {
    executions: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    attempts: 0,
    billedRetries: 0,
  };
  readonly failedAttempts = emptyFailureTally();
  readonly failureUsd = emptyFailureTally();
  readonly usd = { cost: 0, estimated: 0, cpuWaste: 0, memoryWaste: 0, wasteCovered: 0 };
  readonly usage = { vcpuSeconds: 0, gibSeconds: 0 };
  private readonly sketches = {
    duration: new QuantileSketch(),
    attempt: new QuantileSketch(),
    cpu: new QuantileSketch(),
    cpuTrusted: new QuantileSketch(),
    memory: new QuantileSketch(),
    memoryTrusted: new QuantileSketch(),
    memoryBytes: new QuantileSketch(),
  };
  private readonly durations = new NumberColumn();
  private readonly cpuBins = new FractionBins();
  private readonly memoryBins = new FractionBins();
  private readonly cpuSources = emptySourceCounts();
  private readonly memorySources = emptySourceCounts();
  private readonly limits = new Map<string, MutableLimits>();
  private latest: { startMs: number; limits: ResourceLimits } | undefined;
  private readonly scatter = new BoundedSample<ScatterPoint>(SCATTER_LIMIT);
  private readonly observed = new ObservationSet();

  add(facts: ExecutionFacts): void {
    const { execution, run, cost } = facts;
    this.counts.executions += 1;
    if (execution.status === 'succeeded') this.counts.succeeded += 1;
    else if (execution.status === 'failed') this.counts.failed += 1;
    else if (execution.status === 'cancelled') this.counts.cancelled += 1;
    this.counts.attempts += run.attempts;
    this.counts.billedRetries += Math.max(0, run.attempts - execution.taskCount);
    for (const kind of FAILURE_KINDS) {
      this.failedAttempts[kind] += run.failedAttempts[kind];
      this.failureUsd[kind] += cost.failureCostUsd[kind];
    }
    this.usd.cost += cost.costUsd;
    if (run.estimated) this.usd.estimated += cost.costUsd;
    this.usage.vcpuSeconds += cost.vcpuSeconds;
    this.usage.gibSeconds += cost.gibSeconds;
    this.addDurations(facts);
    this.addUsage(facts);
    this.addLimits(execution, cost.costUsd);
    if (execution.status !== 'running') {
      const { attribution } = facts;
      this.observed.addWith(
        {
          status: execution.status,
          taskCount: Math.max(1, execution.taskCount),
          attempts: run.attempts,
          oomAttempts: run.failedAttempts.oom,
          timeoutAttempts: run.failedAttempts.timeout,
          cpuSource: attribution.cpuSource,
          memorySource: attribution.memorySource,
          peakMemoryBytes: attribution.peakMemoryBytes,
          limits: execution.limits,
        },
        () => observationFromFacts(facts) as ExecutionObservation,
      );
    }
  }

  /**
   * What the recommendation rests on: every finished execution of the tier tallied, and a bounded
   * sample of them for the models (observation-set.ts).
   */
  observations(): ObservationSet {
    return this.observed;
  }

  /** Executions that ran at exactly these limits and what they cost; undefined when none did. */
  ranAt(limits: ResourceLimits): { executions: number; costUsd: number } | undefined {
    const seen = this.limits.get(limitsKey(limits));
    return seen && { executions: seen.executions, costUsd: seen.costUsd };
  }

  /** The tier's most recent execution's start and limits, if it has any. */
  newest(): { readonly startMs: number; readonly limits: ResourceLimits } | undefined {
    return this.latest;
  }

  private addDurations({ execution, run, features }: ExecutionFacts): void {
    const seconds = execution.durationSeconds;
    if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) {
      this.sketches.duration.add(seconds);
      this.durations.push(seconds);
      if (features) {
        this.scatter.offer(execution.id, () => ({
          inputMb: features.totalMb,
          durationSeconds: seconds,
          clipCount: features.clipCount,
          succeeded: execution.status === 'succeeded',
        }));
      }
    }
    for (const attemptSeconds of run.lastAttemptSeconds) this.sketches.attempt.add(attemptSeconds);
  }

  private addUsage({ attribution: a, cost }: ExecutionFacts): void {
    this.cpuSources[a.cpuSource] += 1;
    this.memorySources[a.memorySource] += 1;
    if (a.cpuUtilisation !== undefined) {
      this.sketches.cpu.add(a.cpuUtilisation);
      if (trusted(a.cpuSource)) this.sketches.cpuTrusted.add(a.cpuUtilisation);
      this.cpuBins.add(a.cpuUtilisation);
    }
    if (a.peakMemoryFraction !== undefined) {
      this.sketches.memory.add(a.peakMemoryFraction);
      if (trusted(a.memorySource)) this.sketches.memoryTrusted.add(a.peakMemoryFraction);
      this.memoryBins.add(a.peakMemoryFraction);
    }
    if (a.peakMemoryBytes !== undefined) this.sketches.memoryBytes.add(a.peakMemoryBytes);
    if (cost.cpuWasteUsd !== undefined && cost.memoryWasteUsd !== undefined) {
      this.usd.cpuWaste += cost.cpuWasteUsd;
      this.usd.memoryWaste += cost.memoryWasteUsd;
      this.usd.wasteCovered += cost.costUsd;
    }
  }

  /** The last limits seen and their entry: runs of one limit set need no key built. */
  private lastLimits: { limits: ResourceLimits; entry: MutableLimits } | undefined;

  private seenLimits(limits: ResourceLimits): MutableLimits | undefined {
    const last = this.lastLimits;
    if (
      last &&
      (last.limits === limits ||
        (last.limits.vcpu === limits.vcpu &&
          last.limits.memoryBytes === limits.memoryBytes &&
          last.limits.timeoutSeconds === limits.timeoutSeconds &&
          last.limits.maxRetries === limits.maxRetries))
    ) {
      return last.entry;
    }
    const entry = this.limits.get(limitsKey(limits));
    if (entry) this.lastLimits = { limits, entry };
    return entry;
  }

  private addLimits(execution: ExecutionRecord, costUsd: number): void {
    const startMs = execution.startMs ?? execution.createMs;
    const seen = this.seenLimits(execution.limits);
    if (seen) {
      seen.executions += 1;
      seen.costUsd += costUsd;
      seen.firstStartMs = Math.min(seen.firstStartMs, startMs);
      seen.lastStartMs = Math.max(seen.lastStartMs, startMs);
    } else {
      const { vcpu, memoryBytes, timeoutSeconds, maxRetries } = execution.limits;
      this.limits.set(limitsKey(execution.limits), {
        vcpu,
        memoryBytes,
        timeoutSeconds,
        maxRetries,
        executions: 1,
        costUsd,
        firstStartMs: startMs,
        lastStartMs: startMs,
      });
    }
    if (!this.latest || startMs >= this.latest.startMs)
      this.latest = { startMs, limits: execution.limits };
  }

  attributedShare(): number {
    const executions = this.counts.executions;
    if (executions === 0) return 0;
    const withFigure = Math.max(this.sketches.cpu.count(), this.sketches.memory.count());
    return withFigure / executions;
  }

  finish(
    tier: TierIdentity,
    recommendation: Recommendation | null,
    windowDays: number,
  ): TierReport {
    const current = this.latest?.limits ?? null;
    const failureCostUsd = totalFailureUsd(this.failureUsd);
    const s = this.sketches;
    const attemptP95 = s.attempt.quantile(0.95);
    const verdict = judgeTier({
      executions: this.counts.executions,
      attempts: this.counts.attempts,
      oomAttempts: this.failedAttempts.oom,
      timeoutAttempts: this.failedAttempts.timeout,
      billedRetries: this.counts.billedRetries,
      attemptP95Seconds: attemptP95,
      timeoutSeconds: current?.timeoutSeconds,
      vcpu: current?.vcpu,
      memoryBytes: current?.memoryBytes,
      memoryP95Trusted: s.memoryTrusted.quantile(0.95),
      cpuP50Trusted: s.cpuTrusted.quantile(0.5),
      cpuP95Trusted: s.cpuTrusted.quantile(0.95),
      memoryTrustedCount: s.memoryTrusted.count(),
      cpuTrustedCount: s.cpuTrusted.count(),
      memoryP95UpperBound: s.memory.quantile(0.95),
      cpuP95UpperBound: s.cpu.quantile(0.95),
      attributedShare: this.attributedShare(),
    });
    return {
      ...tier,
      ...this.counts,
      failedAttempts: { ...this.failedAttempts },
      durationSeconds: summarise(s.duration),
      attemptDurationSeconds: summarise(s.attempt),
      cpuUtilisation: summarise(s.cpu),
      peakMemoryFraction: summarise(s.memory),
      peakMemoryBytes: summarise(s.memoryBytes),
      limits: [...this.limits.values()].sort((a, b) => a.firstStartMs - b.firstStartMs),
      currentLimits: current,
      cost: {
        costUsd: this.usd.cost,
        vcpuSeconds: this.usage.vcpuSeconds,
        gibSeconds: this.usage.gibSeconds,
        estimatedShare: this.usd.cost > 0 ? this.usd.estimated / this.usd.cost : 0,
        failureCostUsd,
        failureCostByKindUsd: { ...this.failureUsd },
        cpuWasteUsd: this.usd.cpuWaste,
        memoryWasteUsd: this.usd.memoryWaste,
        wasteUsd: this.usd.cpuWaste + this.usd.memoryWaste,
        wasteCoverage: this.usd.cost > 0 ? this.usd.wasteCovered / this.usd.cost : 0,
        monthlyCostUsd: (this.usd.cost / windowDays) * DAYS_PER_MONTH,
      },
      attribution: { cpu: sourceShares(this.cpuSources), memory: sourceShares(this.memorySources) },
      verdict,
      recommendation,
      histograms: {
        durationSeconds: durationBins(this.durations.values(), current?.timeoutSeconds),
        cpuUtilisation: this.cpuBins.bins(),
        peakMemoryFraction: this.memoryBins.bins(),
      },
      scatter: { points: this.scatter.items(), fromExecutions: this.scatter.offeredCount() },
    };
  }
}
