/**
 * The report figures a proposal is judged on, frozen into the change so reviewers see what the
 * requester saw. Only reads the report and the recommendation; computes nothing of its own.
 */
import type { Limits } from '@/lib/domain/limits';
import type { FailureBudget, Projection, Recommendation } from '@/lib/domain/recommend';
import type { JobReport, TierReport } from '@/lib/domain/report';
import { measuredAloneP95 } from '@/lib/domain/verdict';
import type { JsonObject } from '@/lib/store';
import { ALL_TIERS } from '@/lib/changes/service-context';

/** The tier's recommendation once the engine fills it into the report; null before. */
export function recommendationOf(tier: TierReport | undefined): Recommendation | null {
  const value = tier?.recommendation as Partial<Recommendation> | null | undefined;
  if (!value || typeof value !== 'object') return null;
  if (!value.recommended || !value.projected || !Array.isArray(value.curve)) return null;
  return value as Recommendation;
}

export function tierOf(report: JobReport, tier: string): TierReport | undefined {
  return report.tiers.find((candidate) => candidate.id === tier);
}

/** What the form shows as the user edits: the engine's projection for each vCPU value. */
export interface ProjectedPoint {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
  readonly p95Seconds: number;
  readonly monthlyCostUsd: number;
  readonly oomProbability: number;
  readonly timeoutProbability: number;
}

/** Failed executions a limit set is projected to bring, each with its upper end (≈ 95 %). */
export interface ProjectedFailures {
  readonly oomProbabilityHigh: number;
  readonly timeoutProbabilityHigh: number;
  /** Executions that fail after every retry from errors other than OOM and timeouts. */
  readonly errorProbability: number;
  readonly failureProbability: number;
  readonly failureProbabilityHigh: number;
  /** True when `failureProbabilityHigh` is within the tier's failure budget. */
  readonly withinBudget: boolean;
}

/** The change form's "Projected effect" of one limit set: figures, failures and the budget. */
export interface ProjectedEffectPoint extends ProjectedPoint {
  readonly failures: ProjectedFailures;
  readonly failureBudget: FailureBudget;
  readonly executionsPerMonth: number;
}

export function projectedPointOf(point: Projection): ProjectedPoint {
  return {
    vcpu: point.vcpu,
    memoryBytes: point.memoryBytes,
    timeoutSeconds: point.timeoutSeconds,
    maxRetries: point.maxRetries,
    p95Seconds: point.p95Seconds,
    monthlyCostUsd: point.monthlyCostUsd,
    oomProbability: point.oomProbability,
    timeoutProbability: point.timeoutProbability,
  };
}

export function projectedEffectOf(
  point: Projection,
  failureBudget: FailureBudget,
  executionsPerMonth: number,
): ProjectedEffectPoint {
  return {
    ...projectedPointOf(point),
    failures: {
      oomProbabilityHigh: point.oomProbabilityHigh,
      timeoutProbabilityHigh: point.timeoutProbabilityHigh,
      errorProbability: point.errorProbability,
      failureProbability: point.failureProbability,
      failureProbabilityHigh: point.failureProbabilityHigh,
      withinBudget: point.withinBudget,
    },
    failureBudget,
    executionsPerMonth,
  };
}

export function projectedPoints(recommendation: Recommendation | null): ProjectedPoint[] {
  const points: Projection[] = recommendation
    ? [recommendation.projectedCurrent, recommendation.projected, ...recommendation.curve]
    : [];
  return points.map(projectedPointOf);
}

export function recommendedLimits(tier: TierReport | undefined): Limits | null {
  return recommendationOf(tier)?.recommended ?? null;
}

/** The p95s the verdict judged from executions measured alone, when it left upper bounds out. */
function measuredAloneFigures(tier: TierReport): JsonObject {
  const memory = measuredAloneP95(tier.verdict, 'memory-low');
  const cpu = measuredAloneP95(tier.verdict, 'cpu-low');
  return {
    ...(memory && {
      peakMemoryFractionP95MeasuredAlone: memory.value,
      memoryMeasuredAlone: memory.executions,
    }),
    ...(cpu && { cpuUtilisationP95MeasuredAlone: cpu.value, cpuMeasuredAlone: cpu.executions }),
  };
}

function tierFigures(tier: TierReport): JsonObject {
  return {
    ...measuredAloneFigures(tier),
    tier: tier.id,
    executions: tier.executions,
    failed: tier.failed,
    billedRetries: tier.billedRetries,
    durationP50Seconds: tier.durationSeconds.p50,
    durationP95Seconds: tier.durationSeconds.p95,
    cpuUtilisationP95: tier.cpuUtilisation.p95,
    peakMemoryFractionP95: tier.peakMemoryFraction.p95,
    costUsd: tier.cost.costUsd,
    wasteUsd: tier.cost.wasteUsd,
    failureCostUsd: tier.cost.failureCostUsd,
    verdict: tier.verdict.kind,
    verdictSummary: tier.verdict.summary,
  };
}

function recommendationFigures(recommendation: Recommendation | null): JsonObject {
  if (!recommendation) return {};
  return {
    recommendedLimits: { ...recommendation.recommended },
    monthlySavingUsd: recommendation.monthlySavingUsd,
    projectedP95Seconds: recommendation.projected.p95Seconds,
    projectedMonthlyCostUsd: recommendation.projected.monthlyCostUsd,
    projectedOomProbability: recommendation.projected.oomProbability,
    projectedTimeoutProbability: recommendation.projected.timeoutProbability,
    // Recommendations from before failure budgets lack these; JSON drops the undefined ones.
    ...(recommendation.failureBudget && {
      failureBudgetRate: recommendation.failureBudget.rate,
      failedRateToday: recommendation.failureBudget.todayRate,
      projectedFailureProbability: recommendation.projected.failureProbability,
      projectedFailureProbabilityHigh: recommendation.projected.failureProbabilityHigh,
      projectedWithinBudget: recommendation.projected.withinBudget,
    }),
    confidence: recommendation.confidence,
    confidenceReasons: recommendation.confidenceReasons.join(' '),
  };
}

export function evidenceFromReport(report: JobReport, tier: string): JsonObject {
  const window = { startMs: report.inputs.window.startMs, endMs: report.inputs.window.endMs };
  const common = {
    project: report.inputs.project,
    region: report.inputs.region,
    window,
    priceBook: report.inputs.priceBook.id,
    asOf: report.inputs.asOfIso,
  };
  if (tier === ALL_TIERS) {
    return {
      ...common,
      executions: report.totals.executions,
      costUsd: report.totals.costUsd,
      wasteUsd: report.totals.wasteUsd,
      failureCostUsd: report.totals.failureCostUsd,
      tiers: report.tiers.map((each) => ({
        ...tierFigures(each),
        ...recommendationFigures(recommendationOf(each)),
      })),
    };
  }
  const found = tierOf(report, tier);
  if (!found) return { ...common, note: `The report has no executions in tier ${tier}.` };
  return { ...common, ...tierFigures(found), ...recommendationFigures(recommendationOf(found)) };
}
