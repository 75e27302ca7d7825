export { CENSORED_SPAN, addCensored, censoredCdf, censoredMean } from './censored';
export { MODEL_ERROR_FLOOR } from './amdahl-fit';
export { UTILISATION_WIDENING } from './utilisation-bounds';
export {
  DEFAULT_MIN_SAMPLES_PER_VCPU,
  fitDurationModel,
  withDurations,
  type FitOptions,
} from './fit';
export {
  amdahlFactor,
  exceedanceProbability,
  projectDurations,
  projectedMeanSeconds,
  projectedQuantile,
} from './project';
export {
  type DurationGroup,
  type DurationModel,
  type DurationProjection,
  type DurationSample,
  type Interval,
  type ModelBasis,
  type Range,
  type UsageSource,
} from './types';
export {
  EXTRAPOLATION_LIMIT,
  MIN_MEASURED_FOR_FIT,
  exceedance,
  fitPeakMemory,
  fittedPeak,
  normalSurvival,
  type MemoryFit,
  type MemorySample,
} from './memory-fit';
