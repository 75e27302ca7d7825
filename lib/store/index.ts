export { openStore, type OpenStoreOptions } from './open';
export { parseDatabaseUrl, redact, DEFAULT_DATABASE_URL } from './database-url';
export type { Store, StoreDialect, Database } from './schema';
export * from './errors';
export {
  appendAudit,
  listAudit,
  MAX_AUDIT_PAGE,
  type AuditEntry,
  type AuditQuery,
  type NewAuditEntry,
} from './audit';
export {
  ROLES,
  SYSTEM_ACTOR,
  ensureAdmins,
  getRole,
  grantRole,
  listUsers,
  normalizeEmail,
  revokeUser,
  type GrantRole,
  type Role,
  type UserRole,
} from './users';
export { getSetting, putSetting, type PutSetting, type Setting } from './settings';
export {
  CHANGE_STATES,
  createChangeRequest,
  createChangeRequests,
  getChangeRequest,
  limitsSchema,
  listChangeRequests,
  splitPlanSchema,
  type ChangeRequest,
  type SplitPlan,
  type SplitTier,
  type ChangeRequestQuery,
  type ChangeState,
  type NewChangeRequest,
  type NewChangeRequestWithAudit,
  type ProposalAudit,
} from './change-requests';
export {
  ALLOWED_TRANSITIONS,
  canTransition,
  transitionChangeRequest,
  type Transition,
} from './change-transitions';
export type { JsonObject, JsonValue } from './json';
export {
  claimRollback,
  findRollbackFor,
  findRolledBack,
  recordRollback,
  releaseRollback,
  ROLLBACK_CLAIM_STALE_MS,
} from './change-rollbacks';
export {
  claimNextStage,
  findNextStage,
  recordNextStage,
  releaseNextStage,
  STAGE_CLAIM_STALE_MS,
} from './change-stages';
