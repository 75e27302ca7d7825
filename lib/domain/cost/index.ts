export {
  ATTEMPT_TIME_METHODS,
  FAILURE_KINDS,
  TIMEOUT_INFERENCE_FRACTION,
  emptyFailureTally,
  executionRunTime,
  type AttemptTimeMethod,
  type ExecutionRunTime,
  type FailureKind,
  type FailureTally,
} from './attempts';
export { DailyCost } from './daily';
export {
  billedAllocation,
  executionCost,
  totalFailureUsd,
  type ExecutionCost,
} from './execution-cost';
export {
  METERING_LAG_MS,
  RECONCILE_REASONS,
  RECONCILE_TOLERANCE_PERCENT,
  meteredUsage,
  reconcile,
  type ReconcileInput,
  type ReconcileReason,
  type ReconcileReasonKind,
  type Reconciliation,
} from './reconcile';
