export { proposeChange } from './propose';
export { proposeSplit } from './split';
export { parseSplit, type SplitFields } from './split-schema';
export { routedPolicy } from './split-apply';
export { approveChange, rejectChange, withdrawChange } from './decide';
export { applyChange, type ApplyOutcome, type ApplyResult } from './apply';
export { resolveInterruptedApplies, type RecoveryResult } from './recover';
export {
  getChangeView,
  isChangeState,
  listChanges,
  type ChangeFilter,
  type ChangeView,
} from './queries';
export {
  ALL_TIERS,
  DEFAULT_OPERATION_TIMEOUT_MS,
  INTERRUPTED_APPLY_AFTER_MS,
  type Actor,
  type ChangeContext,
  type EvidenceReader,
} from './context';
export * from './errors';
export { describeLimits, limitsOf, sameLimits } from './job-limits';
