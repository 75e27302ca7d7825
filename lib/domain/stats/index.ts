export { StatsInputError, quantileSorted, quantiles, sortFinite } from './quantile';
export { MIN_MAGNITUDE, QuantileSketch, type SketchOptions, type SketchState } from './sketch';
export { histogram, type Histogram, type HistogramBin, type HistogramSpec } from './histogram';
export {
  DAY_MS,
  bucketByUtcDay,
  stackByUtcDay,
  utcDayOf,
  utcDayStartMs,
  type DailyBucket,
  type DailyPoint,
  type DayRange,
  type StackedDay,
  type StackedPoint,
} from './daily';
