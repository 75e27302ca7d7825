/**
 * Incremental sync of one job into the ledger: list executions newest first down to the last
 * complete sync's high-water mark (or the oldest execution still running then), write what is new
 * or changed in bounded batches, each one transaction that also renews the lease and counts
 * progress. A crash loses at most the batch in flight; the next sync lists again and writes only
 * what is missing, since the high-water mark moves only when a sync completes.
 */
import { sql } from 'kysely';
import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import { listExecutions, type GcpClients } from '@/lib/gcp';
import type { Store } from '@/lib/store';
import { attributeSettled, type AttributionOutcome } from './attribute';
import { acquireLease, releaseLease, renewLease, DEFAULT_LEASE_SECONDS, type Lease } from './lease';
import { meterSettled, type MeteringOutcome } from './meter';
import { pruneLedger } from './prune';
import { executionRow } from './records';
import { readJobStatus, type LedgerStatus } from './status';
import { DAY_MS, ledgerDb, ofJob, type LedgerJobRef } from './tables';
import { readTasksOf } from './tasks';

export const DEFAULT_LEDGER_RETENTION_DAYS = 400;
export const DEFAULT_BATCH_SIZE = 200;
/** Cloud Run's largest page: fewer calls per sync. */
const LISTING_PAGE_SIZE = 1000;

export interface SyncOptions {
  /** The as-of time, epoch ms: the sync's timestamp and the ledger retention's reference. */
  readonly nowMs: number;
  readonly retentionDays?: number;
  /** Executions per transaction. */
  readonly batchSize?: number;
  readonly leaseSeconds?: number;
  /** Runs after each committed batch (1, 2, …); a throw here stops the sync like a crash would. */
  readonly afterBatch?: (batchesWritten: number) => void | Promise<void>;
  /**
   * Attribute CPU and memory to the executions finished by the settled mark and store the settled
   * hours of allocation and completions (default true); false copies executions only, and a
   * report reads their minutes live.
   */
  readonly attribute?: boolean;
}

export type SyncResult =
  | { readonly outcome: 'busy'; readonly job: string; readonly status: LedgerStatus }
  | {
      readonly outcome: 'synced';
      readonly job: string;
      /** Executions the listing returned down to the stop point. */
      readonly listed: number;
      /** New executions, and ones that were running or lacked tasks, written now. */
      readonly written: number;
      readonly pruned: number;
      readonly listingPages: number;
      /** Executions Google sent malformed, left out. */
      readonly leftOut: number;
      /** CPU and memory attributed from Monitoring; absent when not asked for. */
      readonly attribution?: AttributionOutcome;
      /** Settled hours of allocation and completions stored; absent when not attributing. */
      readonly metering?: MeteringOutcome;
      readonly status: LedgerStatus;
    };

/** Where listing may stop: below it the ledger already holds every execution in a final state. */
async function stopPointMs(store: Store, ref: LedgerJobRef, floorMs: number): Promise<number> {
  const db = ledgerDb(store);
  const job = await db
    .selectFrom('ledger_jobs')
    .select('high_water_ms')
    .where((eb) => eb.and(ofJob(ref)))
    .executeTakeFirst();
  if (job?.high_water_ms == null) return floorMs;
  const running = await db
    .selectFrom('ledger_executions')
    .select((eb) => eb.fn.min('create_ms').as('oldest'))
    .where((eb) => eb.and(ofJob(ref)))
    .where('status', '=', 'running')
    .executeTakeFirst();
  const oldestRunning = running?.oldest == null ? Infinity : Number(running.oldest);
  return Math.max(floorMs, Math.min(Number(job.high_water_ms), oldestRunning));
}

/** Ids among `ids` the ledger holds in a final state with their tasks: nothing left to learn. */
async function settledIds(store: Store, ref: LedgerJobRef, ids: readonly string[]) {
  const settled = new Set<string>();
  const db = ledgerDb(store);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('ledger_executions')
      .select('id')
      .where((eb) => eb.and(ofJob(ref)))
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '<>', 'running')
      .where('tasks', 'is not', null)
      .execute();
    for (const row of rows) settled.add(row.id);
  }
  return settled;
}

async function writeBatch(
  store: Store,
  lease: Lease,
  batch: readonly ExecutionRecord[],
  tasks: ReadonlyMap<string, readonly TaskRecord[]> | undefined,
): Promise<void> {
  const syncedAt = store.now();
  const rows = batch.map((e) =>
    executionRow(e, tasks ? (tasks.get(e.fullName) ?? []) : undefined, syncedAt),
  );
  await ledgerDb(store)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('ledger_executions')
        .values(rows)
        .onConflict((oc) =>
          // A finished execution never changes: a slower instance's older read must not undo it.
          oc.columns(['project', 'region', 'job', 'id']).doUpdateSet((eb) => ({
            completion_ms: eb.ref('excluded.completion_ms'),
            status: eb.ref('excluded.status'),
            record: eb.ref('excluded.record'),
            tasks: eb.ref('excluded.tasks'),
            synced_at: eb.ref('excluded.synced_at'),
            attributed_ms: null,
          })).where(sql<boolean>`ledger_executions.status = 'running'
              or (ledger_executions.tasks is null and excluded.status <> 'running')`),
        )
        .execute();
      // Tasks read only now change an execution's attempt times: attribute it again.
      await trx
        .deleteFrom('ledger_usage')
        .where('project', '=', lease.ref.project)
        .where('region', '=', lease.ref.region)
        .where('job', '=', lease.ref.job)
        .where(
          'id',
          'in',
          batch.map((e) => e.id),
        )
        .execute();
      await renewLease(trx, store, lease, { rowsSynced: batch.length });
    });
}

/** Syncs one job; returns `busy` at once when another instance is syncing it. */
export async function syncJob(
  store: Store,
  clients: GcpClients,
  ref: LedgerJobRef,
  options: SyncOptions,
): Promise<SyncResult> {
  const lease = await acquireLease(store, ref, options.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
  if (!lease) return { outcome: 'busy', job: ref.job, status: await readJobStatus(store, ref) };
  const db = ledgerDb(store);
  try {
    const retentionDays = options.retentionDays ?? DEFAULT_LEDGER_RETENTION_DAYS;
    const floorMs = options.nowMs - retentionDays * DAY_MS;
    const sinceMs = await stopPointMs(store, ref, floorMs);
    const listing = await listExecutions(clients, {
      ...ref,
      sinceMs,
      untilMs: Number.MAX_SAFE_INTEGER,
      pageSize: LISTING_PAGE_SIZE,
    });
    const settled = await settledIds(
      store,
      ref,
      listing.items.map((e) => e.id),
    );
    const fresh = listing.items.filter((e) => !settled.has(e.id));
    await renewLease(db, store, lease, { rowsToSync: fresh.length });
    const tasks = fresh.length > 0 ? await readTasksOf(clients, ref, fresh) : new Map();
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    for (let i = 0, n = 1; i < fresh.length; i += batchSize, n += 1) {
      await writeBatch(store, lease, fresh.slice(i, i + batchSize), tasks);
      await options.afterBatch?.(n);
    }
    const attribution =
      options.attribute === false
        ? undefined
        : await attributeSettled(store, clients, lease, options.nowMs);
    const metering =
      options.attribute === false
        ? undefined
        : await meterSettled(store, clients, lease, { nowMs: options.nowMs, retentionDays });
    const newest = listing.items.reduce((max, e) => Math.max(max, e.createMs), sinceMs);
    await releaseLease(db, lease, { phase: 'idle', highWaterMs: newest, syncedMs: options.nowMs });
    const pruned = await pruneLedger(store, ref, floorMs);
    return {
      outcome: 'synced',
      job: ref.job,
      listed: listing.items.length,
      written: fresh.length,
      pruned,
      listingPages: listing.pages,
      leftOut: listing.warnings.length,
      ...(attribution && { attribution }),
      ...(metering && { metering }),
      status: await readJobStatus(store, ref),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await releaseLease(db, lease, { phase: 'failed', error: message }).catch(() => undefined);
    throw error;
  }
}
