import type { GcpClients } from '@/lib/gcp';
import type { Store } from '@/lib/store';
import { readJobStatus, type LedgerStatus } from './status';
import { syncJob, type SyncOptions, type SyncResult } from './sync';
import type { LedgerJobRef } from './tables';

export const DEFAULT_FRESHNESS_SECONDS = 300;

export type FreshnessOptions = SyncOptions & {
  /** A ledger synced less than this long before `nowMs` is read as it is. */
  readonly freshnessSeconds?: number;
};

export interface FreshLedger {
  readonly status: LedgerStatus;
  /** The sync this call ran, if the ledger was stale. */
  readonly sync?: SyncResult;
}

/** Syncs the job first when its ledger is older than the freshness; what a page view calls. */
export async function ensureFreshLedger(
  store: Store,
  clients: GcpClients,
  ref: LedgerJobRef,
  options: FreshnessOptions,
): Promise<FreshLedger> {
  const status = await readJobStatus(store, ref);
  const freshnessMs = (options.freshnessSeconds ?? DEFAULT_FRESHNESS_SECONDS) * 1000;
  if (status.syncedMs !== null && options.nowMs - status.syncedMs < freshnessMs) return { status };
  const sync = await syncJob(store, clients, ref, options);
  return { status: sync.status, sync };
}
