/** The execution ledger: Tierwise's own copy of every execution it has read from Cloud Run. */
export {
  ensureFreshLedger,
  DEFAULT_FRESHNESS_SECONDS,
  type FreshLedger,
  type FreshnessOptions,
} from './fresh';
export { SETTLE_MARGIN_MS, settledMarkMs, type AttributionOutcome } from './attribute';
export {
  attributeJobs,
  type JobAttribution,
  type JobsAttribution,
  type JobsAttributionOptions,
} from './attribute-jobs';
export { LedgerLeaseLostError, DEFAULT_LEASE_SECONDS } from './lease';
export { meteredMarkMs, readHours, type MeteringOutcome, type StoredHours } from './meter';
export { pruneLedger, PRUNE_BATCH } from './prune';
export { readLedger, readUnattributed, type LedgerHistory } from './read';
export { readUsage } from './usage';
export { readJobStatus, type LedgerStatus } from './status';
export { readStoredMarks, readSyncTimes, syncTimeKey } from './synced';
export {
  syncJob,
  DEFAULT_BATCH_SIZE,
  DEFAULT_LEDGER_RETENTION_DAYS,
  type SyncOptions,
  type SyncResult,
} from './sync';
export type { LedgerJobRef } from './tables';
