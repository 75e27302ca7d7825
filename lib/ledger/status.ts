import type { Store } from '@/lib/store';
import { ledgerDb, ofJob, type LedgerJobRef } from './tables';

/** What a page shows about one job's ledger: how fresh it is and how far a running sync has got. */
export interface LedgerStatus {
  readonly job: string;
  /** `never` before the first sync; `syncing` while an instance holds the lease. */
  readonly phase: 'never' | 'idle' | 'syncing' | 'failed';
  readonly executionsStored: number;
  /** Rows written by the current (or last) sync, and how many it set out to write. */
  readonly rowsSynced: number;
  readonly rowsToSync: number | null;
  /** As-of time of the last complete sync, and of the first. */
  readonly syncedMs: number | null;
  readonly firstSyncedMs: number | null;
  readonly syncStartedMs: number | null;
  readonly lastError: string | null;
  /** Monitoring's minutes up to here are attributed to the executions finished by then. */
  readonly attributedThroughMs: number | null;
  /** Hourly allocation and completed counts up to here are stored. */
  readonly meteredThroughMs: number | null;
}

export async function readJobStatus(store: Store, ref: LedgerJobRef): Promise<LedgerStatus> {
  const db = ledgerDb(store);
  const [job, count] = await Promise.all([
    db
      .selectFrom('ledger_jobs')
      .selectAll()
      .where((eb) => eb.and(ofJob(ref)))
      .executeTakeFirst(),
    db
      .selectFrom('ledger_executions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.and(ofJob(ref)))
      .executeTakeFirst(),
  ]);
  const held = job?.lease_until != null && Number(job.lease_until) >= store.now();
  const phase = !job
    ? 'never'
    : held
      ? 'syncing'
      : job.phase === 'failed'
        ? 'failed'
        : job.synced_ms == null
          ? 'never'
          : 'idle';
  const num = (value: number | string | bigint | null | undefined) =>
    value == null ? null : Number(value);
  return {
    job: ref.job,
    phase,
    executionsStored: Number(count?.n ?? 0),
    rowsSynced: Number(job?.rows_synced ?? 0),
    rowsToSync: num(job?.rows_to_sync),
    syncedMs: num(job?.synced_ms),
    firstSyncedMs: num(job?.first_synced_ms),
    syncStartedMs: num(job?.started_at),
    lastError: job?.last_error ?? null,
    attributedThroughMs: num(job?.attributed_through_ms),
    meteredThroughMs: num(job?.metered_through_ms),
  };
}
