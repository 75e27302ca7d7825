/**
 * The sync's second step: Monitoring's per-minute CPU and memory distributions, read once from the
 * oldest finished execution not yet attributed up to a settled mark, attributed to those executions
 * by the report's own pass (lib/domain/report `attributeFinished`) and stored. A report then reads
 * the stored figures and asks Monitoring only about executions finished since.
 */
import type { DistributionPoint, ExecutionRecord, ExecutionUsage } from '@/lib/domain/records';
import { attributeFinished } from '@/lib/domain/report';
import { readExecutionMetrics, readUtilisation, type GcpClients } from '@/lib/gcp';
import { sql } from 'kysely';
import type { Store } from '@/lib/store';
import { renewLease, type Lease } from './lease';
import { readLedger, type LedgerHistory } from './read';
import { DAY_MS, ledgerDb, ofJob, type LedgerJobRef, type LedgerUsageTable } from './tables';
import { readUsage, usageRow } from './usage';

const MINUTE_MS = 60_000;
/**
 * Minutes this close to now are never frozen. Cloud Run's utilisation samples are "not visible for
 * up to 180 seconds" after sampling (https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-run),
 * and ingestion can lag further under load; ten minutes leaves room for that, and what is newer is
 * read live by the report at the cost of a few minutes of points.
 */
export const SETTLE_MARGIN_MS = 10 * MINUTE_MS;
/** Executions that started this long before one being attributed can still share its minutes. */
const OVERLAP_LOOKBACK_MS = DAY_MS;
const WRITE_BATCH = 500;

export type AttributionOutcome =
  | {
      readonly outcome: 'attributed';
      /** Finished executions attributed and stored now. */
      readonly executions: number;
      /** Values Google sent unusable in this reading, left out (and noted on the rows). */
      readonly unusableValues: number;
      /** Monitoring's minutes are attributed up to here. */
      readonly throughMs: number;
    }
  | {
      readonly outcome: 'failed';
      /** Why Monitoring could not be read; the next sync reads again. */
      readonly error: string;
      /** Finished executions left unattributed for now. */
      readonly pending: number;
    };

/** The newest minute boundary whose samples can no longer change. */
export function settledMarkMs(nowMs: number): number {
  return Math.floor((nowMs - SETTLE_MARGIN_MS) / MINUTE_MS) * MINUTE_MS;
}

/** Finished before the mark and not yet attributed. */
function isPending(execution: ExecutionRecord, settledMs: number, stored: ReadonlySet<string>) {
  if (execution.status === 'running' || stored.has(execution.id)) return false;
  return (execution.completionMs ?? execution.createMs) < settledMs;
}

/** The create time of the oldest finished execution with no stored attribution. */
async function oldestPendingMs(store: Store, ref: LedgerJobRef, settledMs: number) {
  const row = await ledgerDb(store)
    .selectFrom('ledger_executions')
    .select((eb) => eb.fn.min('create_ms').as('oldest'))
    .where((eb) => eb.and(ofJob(ref)))
    .where('status', '<>', 'running')
    .where('create_ms', '<', settledMs)
    .where('attributed_ms', 'is', null)
    .executeTakeFirst();
  return row?.oldest == null ? undefined : Number(row.oldest);
}

/** Per job of one project and region: the create time of its oldest pending execution. */
export async function oldestPendingOfJobs(
  store: Store,
  place: { readonly project: string; readonly region: string },
  settledMs: number,
): Promise<Map<string, number>> {
  const rows = await ledgerDb(store)
    .selectFrom('ledger_executions')
    .select((eb) => ['job', eb.fn.min('create_ms').as('oldest')])
    .where('project', '=', place.project)
    .where('region', '=', place.region)
    .where('status', '<>', 'running')
    .where('create_ms', '<', settledMs)
    .where('attributed_ms', 'is', null)
    .groupBy('job')
    .execute();
  return new Map(rows.map((row) => [row.job, Number(row.oldest)]));
}

/** A job's executions left to attribute, and every execution they may share minutes with. */
export interface PendingWork {
  readonly ref: LedgerJobRef;
  readonly history: LedgerHistory;
  /** Finished before the settled mark, not attributed yet; empty when there is nothing to do. */
  readonly pending: readonly ExecutionRecord[];
}

/** What the store holds for the job that needs attributing up to the settled mark. */
export async function pendingWork(
  store: Store,
  ref: LedgerJobRef,
  settledMs: number,
  /** The oldest pending execution's create time when already known (undefined: none pending). */
  known?: { readonly oldestMs: number | undefined },
): Promise<PendingWork> {
  const oldestMs = known ? known.oldestMs : await oldestPendingMs(store, ref, settledMs);
  if (oldestMs === undefined)
    return { ref, history: { executions: [], tasks: [], withoutTasks: 0 }, pending: [] };
  const span = { sinceMs: oldestMs - OVERLAP_LOOKBACK_MS, untilMs: Number.MAX_SAFE_INTEGER };
  const [history, stored] = await Promise.all([
    readLedger(store, ref, span),
    readUsage(store, ref, span),
  ]);
  const storedIds = new Set(stored.figures.keys());
  const pending = history.executions.filter((e) => isPending(e, settledMs, storedIds));
  return { ref, history, pending };
}

/**
 * Where a read of the pending executions' minutes starts: one period before the first minute of
 * the oldest, so the point holding that minute's samples is inside the query.
 */
export function firstReadMs(pending: readonly ExecutionRecord[]): number {
  const firstMs = pending.reduce(
    (first, e) => Math.min(first, e.startMs ?? e.completionMs ?? e.createMs),
    Number.POSITIVE_INFINITY,
  );
  return Math.floor(firstMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
}

/** One job's settled minutes, as read for it alone or split out of a read of its project. */
export interface SettledMinutes {
  readonly cpuPoints: readonly DistributionPoint[];
  readonly memoryPoints: readonly DistributionPoint[];
  /** Undefined when the job reports no per-execution usage. */
  readonly executionUsage?: readonly ExecutionUsage[];
  /** Values Google sent unusable in the job's series, left out. */
  readonly unusableValues: number;
}

/** Reads the settled minutes the pending executions ran in; throws what Monitoring threw. */
async function readSettledMinutes(
  clients: GcpClients,
  ref: LedgerJobRef,
  pending: readonly ExecutionRecord[],
  settledMs: number,
): Promise<SettledMinutes> {
  const span = { ...ref, startMs: firstReadMs(pending), endMs: settledMs };
  const [cpu, memory, usage] = await Promise.all([
    readUtilisation(clients, { ...span, resource: 'cpu' }),
    readUtilisation(clients, { ...span, resource: 'memory' }),
    readExecutionMetrics(clients, span),
  ]);
  // Left out as a live report leaves them out; the rows keep the count so a report says so.
  const unusableValues = cpu.warnings.length + memory.warnings.length + usage.warnings.length;
  const ofJob = (series: typeof cpu.items) => series.find((s) => s.job === ref.job)?.points ?? [];
  return {
    cpuPoints: ofJob(cpu.items),
    memoryPoints: ofJob(memory.items),
    executionUsage: usage.items.length > 0 ? usage.items : undefined,
    unusableValues,
  };
}

/** The rows to store for the pending executions, attributed by the report's own pass. */
export function attributionRows(
  store: Store,
  work: PendingWork,
  minutes: SettledMinutes,
  nowMs: number,
): LedgerUsageTable[] {
  const { unusableValues, ...points } = minutes;
  const ids = new Set(work.pending.map((e) => e.id));
  const attributed = attributeFinished(
    { executions: work.history.executions, tasks: work.history.tasks, ...points, nowMs },
    (e) => ids.has(e.id),
  );
  const reading = { attributedAtMs: store.now(), unusableValues };
  return work.pending.flatMap((e) => {
    const attribution = attributed.get(e.id);
    return attribution ? [usageRow(e, attribution, reading)] : [];
  });
}

/** Stores the rows, flags their executions and moves the job's mark, renewing the lease. */
export async function writeAttributions(
  store: Store,
  lease: Lease,
  ref: LedgerJobRef,
  rows: readonly LedgerUsageTable[],
  settledMs: number,
): Promise<void> {
  await ledgerDb(store)
    .transaction()
    .execute(async (trx) => {
      for (let i = 0; i < rows.length; i += WRITE_BATCH) {
        const batch = rows.slice(i, i + WRITE_BATCH);
        await trx
          .insertInto('ledger_usage')
          .values(batch)
          .onConflict((oc) => oc.columns(['project', 'region', 'job', 'id']).doNothing())
          .execute();
        await trx
          .updateTable('ledger_executions')
          .set({ attributed_ms: store.now() })
          .where((eb) => eb.and(ofJob(ref)))
          .where(
            'id',
            'in',
            batch.map((row) => row.id),
          )
          .execute();
      }
      await trx
        .updateTable('ledger_jobs')
        // Never backwards: a sync with an older clock must not un-settle minutes.
        .set({
          attributed_through_ms: sql<number>`case when attributed_through_ms is null
            or attributed_through_ms < ${settledMs} then ${settledMs}
            else attributed_through_ms end`,
        })
        .where((eb) => eb.and(ofJob(ref)))
        .execute();
      await renewLease(trx, store, lease);
    });
}

/**
 * Attributes every finished execution of the job not yet attributed whose minutes have settled.
 * A Monitoring failure stores nothing and leaves the mark where it was: the next sync retries.
 */
export async function attributeSettled(
  store: Store,
  clients: GcpClients,
  lease: Lease,
  nowMs: number,
): Promise<AttributionOutcome> {
  const { ref } = lease;
  const settledMs = settledMarkMs(nowMs);
  const work = await pendingWork(store, ref, settledMs);
  let rows: LedgerUsageTable[] = [];
  let unusableValues = 0;
  if (work.pending.length > 0) {
    try {
      const minutes = await readSettledMinutes(clients, ref, work.pending, settledMs);
      rows = attributionRows(store, work, minutes, nowMs);
      unusableValues = minutes.unusableValues;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: 'failed', error: message, pending: work.pending.length };
    }
  }
  await writeAttributions(store, lease, ref, rows, settledMs);
  return { outcome: 'attributed', executions: rows.length, unusableValues, throughMs: settledMs };
}
