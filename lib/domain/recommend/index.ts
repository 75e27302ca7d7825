export {
  CONFIDENCE_LEVELS,
  OBJECTIVES,
  type Confidence,
  type ExecutionObservation,
  type FailureBudget,
  type Objective,
  type Projection,
  type Recommendation,
  type RecommendInput,
} from './types';
export {
  assessLimitsFor,
  durationSampleOf,
  projectLimitsFor,
  recommendLimits,
  type LimitsAssessment,
} from './recommend';
export { observationFromFacts, type ExecutionFactsLike } from './observations';
export { ObservationSet, SAMPLE_STRATUM_LIMIT, type ObservationTally } from './observation-set';
export {
  adviseJobPerTier,
  JOB_PER_TIER_MIN_SAVING_FRACTION,
  JOB_PER_TIER_MIN_SAVING_USD,
  type JobPerTierAdvice,
  type JobPerTierInput,
} from './job-per-tier';
export {
  HIGH_CONFIDENCE_EXECUTIONS,
  HIGH_CONFIDENCE_TRUSTED_SHARE,
  MEDIUM_CONFIDENCE_EXECUTIONS,
  MEDIUM_CONFIDENCE_TRUSTED_SHARE,
  MIN_EXECUTIONS,
} from './confidence';
export {
  MEMORY_MARGIN_BASE,
  MEMORY_MARGIN_WIDENING,
  MEMORY_PERCENTILE,
  OOM_BUMP_RATIO,
  memoryMargin,
  oomProbability,
  peakDistribution,
  peakQuantile,
  type PeakDistribution,
} from './memory';
export {
  CLEAN_TIMEOUTS_SECONDS,
  RETRIES_WHEN_DETERMINISTIC,
  TIMEOUT_TAIL_FACTOR,
  cleanTimeoutSeconds,
} from './timeout-retries';
export { SPEED_TOLERANCE } from './choose';
export { DAYS_PER_MONTH } from './projection';
