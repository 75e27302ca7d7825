export { meanInterval, quantileInterval, wilsonInterval, type Estimate } from './intervals';
export * from './types';
export { MAX_STAGE_CUT, memoryStages, STAGE_GRANULARITY_BYTES } from './stages';
export {
  COST_TOLERANCE,
  DURATION_TOLERANCE,
  MIN_EXECUTIONS,
  verifyChange,
  verifyTier,
} from './verify';
