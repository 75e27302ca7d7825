export { meanInterval, quantileInterval, wilsonInterval, type Estimate } from './intervals';
export * from './types';
export {
  COST_TOLERANCE,
  DURATION_TOLERANCE,
  MIN_EXECUTIONS,
  verifyChange,
  verifyTier,
} from './verify';
