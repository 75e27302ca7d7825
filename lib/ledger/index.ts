/** The execution ledger: Tierwise's own copy of every execution it has read from Cloud Run. */
export {
  ensureFreshLedger,
  DEFAULT_FRESHNESS_SECONDS,
  type FreshLedger,
  type FreshnessOptions,
} from './fresh';
export { LedgerLeaseLostError, DEFAULT_LEASE_SECONDS } from './lease';
export { pruneLedger, PRUNE_BATCH } from './prune';
export { readLedger, type LedgerHistory } from './read';
export { readJobStatus, type LedgerStatus } from './status';
export { readSyncTimes, syncTimeKey } from './synced';
export {
  syncJob,
  DEFAULT_BATCH_SIZE,
  DEFAULT_LEDGER_RETENTION_DAYS,
  type SyncOptions,
  type SyncResult,
} from './sync';
export type { LedgerJobRef } from './tables';
