export {
  ATTRIBUTION_SOURCES,
  attributeExecutions,
  createAttributor,
  type Attributor,
  type AttributionInput,
  type AttributionSource,
  type ExecutionAttribution,
} from './attribute';
export { SAMPLE_PERIOD_MS, sharedPeriods, sharedPeriodsOf, type RunWindow } from './overlap';
export { emptySourceCounts, sourceShares, type SourceCounts, type SourceShares } from './shares';
export { pointMaximum, readWindow, type WindowReading } from './window-reading';
