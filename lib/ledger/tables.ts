/**
 * The ledger's tables as stored (see lib/store/migrations/0007-execution-ledger.ts,
 * 0065-ledger-usage.ts and 0066-ledger-hours.ts).
 */
import type { Kysely } from 'kysely';
import type { Database, Store } from '@/lib/store';

export interface LedgerExecutionsTable {
  project: string;
  region: string;
  job: string;
  /** Short execution id. */
  id: string;
  create_ms: number;
  completion_ms: number | null;
  status: string;
  /** The ExecutionRecord as JSON: limits, payload, counts and times as Cloud Run reported them. */
  record: string;
  /** The execution's TaskRecords as a JSON array; null when its tasks could not be read. */
  tasks: string | null;
  /** When this row was last written, store clock. */
  synced_at: number;
  /** When its CPU and memory were attributed (ledger_usage holds them); null until then. */
  attributed_ms: number | null;
}

export interface LedgerJobsTable {
  project: string;
  region: string;
  job: string;
  phase: string;
  lease_owner: string | null;
  lease_until: number | null;
  started_at: number | null;
  rows_synced: number;
  rows_to_sync: number | null;
  high_water_ms: number | null;
  first_synced_ms: number | null;
  synced_ms: number | null;
  last_error: string | null;
  /** Monitoring's minutes up to here have been read and attributed to finished executions. */
  attributed_through_ms: number | null;
  /** Monitoring's hourly allocation and completed counts up to here are in ledger_hours. */
  metered_through_ms: number | null;
}

/** One finished execution's CPU and memory, attributed once its minutes had settled. */
export interface LedgerUsageTable {
  project: string;
  region: string;
  job: string;
  id: string;
  /** The execution's create time, so a window's figures are read by the same index as its rows. */
  create_ms: number;
  /** Mean CPU use as a fraction of its vCPU limit. */
  cpu_utilisation: number | null;
  /** exact | sliced | ambiguous | missing */
  cpu_source: string;
  peak_memory_fraction: number | null;
  peak_memory_bytes: number | null;
  memory_source: string;
  /** Values Google sent unusable (and left out) in the reading these figures came from. */
  unusable_values: number;
  attributed_at: number;
}

/** One settled hour of a job's metered allocation and completed executions (hour end, UTC). */
export interface LedgerHoursTable {
  project: string;
  region: string;
  job: string;
  /** The hour is (end_ms − 1 h, end_ms]. */
  end_ms: number;
  vcpu_seconds: number;
  gib_seconds: number;
  succeeded: number;
  failed: number;
  /** Values Google sent unusable (and left out) in the reading this hour came from. */
  unusable_values: number;
  read_at: number;
}

export type LedgerDatabase = Database & {
  ledger_executions: LedgerExecutionsTable;
  ledger_jobs: LedgerJobsTable;
  ledger_usage: LedgerUsageTable;
  ledger_hours: LedgerHoursTable;
};

export function ledgerDb(store: Store): Kysely<LedgerDatabase> {
  return store.db.withTables<{
    ledger_executions: LedgerExecutionsTable;
    ledger_jobs: LedgerJobsTable;
    ledger_usage: LedgerUsageTable;
    ledger_hours: LedgerHoursTable;
  }>();
}

/** One job's place in the ledger. */
export interface LedgerJobRef {
  readonly project: string;
  readonly region: string;
  readonly job: string;
}

/** One job's rows in any ledger table, as a filter: `.where((eb) => eb.and(ofJob(ref)))`. */
export function ofJob(ref: LedgerJobRef): { project: string; region: string; job: string } {
  return { project: ref.project, region: ref.region, job: ref.job };
}

export const DAY_MS = 86_400_000;
