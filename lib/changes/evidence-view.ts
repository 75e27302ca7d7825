/**
 * Reads the evidence frozen into a change back into rows a reviewer can scan. Evidence is stored
 * JSON in one of three shapes — one tier's figures, all tiers (`tiers` as a list), or a split
 * (`tiers` keyed by tier) — and may come from an older version of Tierwise: every figure is read
 * on its own and left out when it is not a number, never guessed.
 */
import type { Limits } from '@/lib/domain/limits';
import type { JsonObject } from '@/lib/store';

export interface EvidenceTier {
  readonly tier: string;
  readonly executions?: number;
  readonly failed?: number;
  readonly billedRetries?: number;
  readonly durationP50Seconds?: number;
  readonly durationP95Seconds?: number;
  readonly cpuUtilisationP95?: number;
  readonly peakMemoryFractionP95?: number;
  /** The p95 of the executions measured alone, and how many, where the verdict judged it. */
  readonly cpuUtilisationP95MeasuredAlone?: number;
  readonly cpuMeasuredAlone?: number;
  readonly peakMemoryFractionP95MeasuredAlone?: number;
  readonly memoryMeasuredAlone?: number;
  readonly costUsd?: number;
  readonly wasteUsd?: number;
  readonly verdictSummary?: string;
  readonly recommendedLimits?: Limits;
  readonly monthlySavingUsd?: number;
  readonly projectedP95Seconds?: number;
  readonly projectedOomProbability?: number;
  readonly projectedTimeoutProbability?: number;
  /** The failure budget and the projected failed executions with their upper end (share 0–1). */
  readonly failureBudgetRate?: number;
  readonly failedRateToday?: number;
  readonly projectedFailureProbability?: number;
  readonly projectedFailureProbabilityHigh?: number;
  readonly projectedWithinBudget?: boolean;
  readonly confidence?: string;
  readonly confidenceReasons?: string;
  /** Why a tier has no figures (no executions in the window). */
  readonly note?: string;
}

export interface EvidenceView {
  /** The report the figures came from, when the evidence says. */
  readonly source?: {
    readonly startMs?: number;
    readonly endMs?: number;
    readonly priceBook?: string;
    readonly asOf?: string;
  };
  readonly tiers: readonly EvidenceTier[];
}

type Json = JsonObject[string];

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberAt = (object: JsonObject, key: string): number | undefined => {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
const textAt = (object: JsonObject, key: string): string | undefined => {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
};

function limitsAt(object: JsonObject, key: string): Limits | undefined {
  const value = object[key];
  if (!isObject(value)) return undefined;
  const vcpu = numberAt(value, 'vcpu');
  const memoryBytes = numberAt(value, 'memoryBytes');
  const timeoutSeconds = numberAt(value, 'timeoutSeconds');
  const maxRetries = numberAt(value, 'maxRetries');
  if (vcpu === undefined || memoryBytes === undefined) return undefined;
  if (timeoutSeconds === undefined || maxRetries === undefined) return undefined;
  return { vcpu, memoryBytes, timeoutSeconds, maxRetries };
}

/** Keeps the keys whose value is present, so an absent figure stays absent. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function tierFrom(object: JsonObject, fallbackTier: string): EvidenceTier {
  return present({
    tier: textAt(object, 'tier') ?? fallbackTier,
    executions: numberAt(object, 'executions'),
    failed: numberAt(object, 'failed'),
    billedRetries: numberAt(object, 'billedRetries'),
    durationP50Seconds: numberAt(object, 'durationP50Seconds'),
    durationP95Seconds: numberAt(object, 'durationP95Seconds'),
    cpuUtilisationP95: numberAt(object, 'cpuUtilisationP95'),
    peakMemoryFractionP95: numberAt(object, 'peakMemoryFractionP95'),
    cpuUtilisationP95MeasuredAlone: numberAt(object, 'cpuUtilisationP95MeasuredAlone'),
    cpuMeasuredAlone: numberAt(object, 'cpuMeasuredAlone'),
    peakMemoryFractionP95MeasuredAlone: numberAt(object, 'peakMemoryFractionP95MeasuredAlone'),
    memoryMeasuredAlone: numberAt(object, 'memoryMeasuredAlone'),
    costUsd: numberAt(object, 'costUsd'),
    wasteUsd: numberAt(object, 'wasteUsd'),
    verdictSummary: textAt(object, 'verdictSummary'),
    recommendedLimits: limitsAt(object, 'recommendedLimits'),
    monthlySavingUsd: numberAt(object, 'monthlySavingUsd'),
    projectedP95Seconds: numberAt(object, 'projectedP95Seconds'),
    projectedOomProbability: numberAt(object, 'projectedOomProbability'),
    projectedTimeoutProbability: numberAt(object, 'projectedTimeoutProbability'),
    failureBudgetRate: numberAt(object, 'failureBudgetRate'),
    failedRateToday: numberAt(object, 'failedRateToday'),
    projectedFailureProbability: numberAt(object, 'projectedFailureProbability'),
    projectedFailureProbabilityHigh: numberAt(object, 'projectedFailureProbabilityHigh'),
    projectedWithinBudget:
      typeof object.projectedWithinBudget === 'boolean' ? object.projectedWithinBudget : undefined,
    confidence: textAt(object, 'confidence'),
    confidenceReasons: textAt(object, 'confidenceReasons'),
    note: textAt(object, 'note'),
  });
}

function sourceFrom(object: JsonObject): EvidenceView['source'] {
  const window = isObject(object.window) ? object.window : {};
  const source = present({
    startMs: numberAt(window, 'startMs'),
    endMs: numberAt(window, 'endMs'),
    priceBook: textAt(object, 'priceBook'),
    asOf: textAt(object, 'asOf'),
  });
  return Object.keys(source).length > 0 ? source : undefined;
}

export function evidenceView(evidence: JsonObject, tier: string): EvidenceView {
  const { tiers } = evidence;
  if (Array.isArray(tiers)) {
    return present({
      source: sourceFrom(evidence),
      tiers: tiers.filter(isObject).map((each, index) => tierFrom(each, `tier ${index + 1}`)),
    });
  }
  if (isObject(tiers)) {
    const entries = Object.entries(tiers).filter((entry): entry is [string, JsonObject] =>
      isObject(entry[1]),
    );
    return present({
      source: entries[0] ? sourceFrom(entries[0][1]) : undefined,
      tiers: entries.map(([id, each]) => tierFrom(each, id)),
    });
  }
  const single = tierFrom(evidence, tier);
  const hasFigures = Object.keys(single).length > 1;
  return present({ source: sourceFrom(evidence), tiers: hasFigures ? [single] : [] });
}
