/**
 * Where a report's executions come from: the execution ledger (synced first when older than its
 * freshness), or — without a store — Cloud Run Admin's own listing, which holds only recent history.
 * Either way Monitoring's completed-execution count shows what is missing.
 */
import type { DataWarning, ExecutionRecord, NumericPoint, TaskRecord } from '@/lib/domain/records';
import {
  jobName,
  listExecutions,
  listTasks,
  readCompletedExecutions,
  type GcpClients,
} from '@/lib/gcp';
import type { ExecutionAttribution } from '@/lib/domain/attribution';
import {
  ensureFreshLedger,
  readHours,
  readLedger,
  readUnattributed,
  readUsage,
  type LedgerStatus,
  type StoredHours,
} from '@/lib/ledger';
import type { Store } from '@/lib/store';

export type ReportLedger = {
  readonly store: Store;
  /** Sync first when the last sync is older than this; default 300 s. */
  readonly freshnessSeconds?: number;
  /** Ledger retention, pruned after each sync; default 400 days. */
  readonly retentionDays?: number;
  /**
   * Attribute CPU and memory when the ledger is synced (default true). False stores executions
   * only: a caller reading every job of a project attributes them from its own project-wide reads.
   */
  readonly attribute?: boolean;
};

export type ReportExecutions = {
  readonly executions: readonly ExecutionRecord[];
  /** Undefined when the task listing could not be read. */
  readonly tasks?: readonly TaskRecord[];
  readonly warnings: readonly DataWarning[];
  /** Completions up to here can be held: the ledger's last sync, or now for a live listing. */
  readonly heldUntilMs: number;
  readonly ledger?: LedgerStatus;
  /**
   * CPU and memory the ledger attributed when the executions' minutes had settled, by short id;
   * absent for a live listing. Executions without an entry are attributed from a live read.
   */
  readonly attributed?: ReadonlyMap<string, ExecutionAttribution>;
  /**
   * The settled hours of allocation and completed counts the ledger stored at sync; absent for a
   * live listing, or a ledger never metered. Minutes after its mark are read live.
   */
  readonly hours?: StoredHours;
};

type Ref = { readonly project: string; readonly region: string; readonly job: string };
type Span = { readonly sinceMs: number; readonly untilMs: number; readonly nowMs: number };

/** What the ledger stores of a span's usage, known before its whole history is read. */
export type StoredUsage = {
  /** The figures stored, by short id. */
  readonly attributed: ReadonlyMap<string, ExecutionAttribution>;
  /** The finished executions of the span without stored figures: what must be read live. */
  readonly unattributed: readonly ExecutionRecord[];
};

/** Lets reads started just before go out before a long synchronous read holds the thread. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The span's executions from the ledger, synced first when stale. `onStoredUsage` hears which
 * figures are stored before the history (thousands of rows) is read, so the live reads of the rest
 * can be under way meanwhile.
 */
export async function executionsFromLedger(
  clients: GcpClients,
  ledger: ReportLedger,
  ref: Ref,
  span: Span,
  onStoredUsage?: (stored: StoredUsage) => void,
): Promise<ReportExecutions> {
  const fresh = await ensureFreshLedger(ledger.store, clients, ref, {
    nowMs: span.nowMs,
    freshnessSeconds: ledger.freshnessSeconds,
    retentionDays: ledger.retentionDays,
    ...(ledger.attribute === false && { attribute: false }),
  });
  const usageRead = readUsage(ledger.store, ref, span);
  if (onStoredUsage) {
    const [stored, unattributed] = await Promise.all([
      usageRead,
      readUnattributed(ledger.store, ref, span),
    ]);
    onStoredUsage({ attributed: stored.figures, unattributed });
    await yieldToIo();
  }
  const [history, usage, hours] = await Promise.all([
    readLedger(ledger.store, ref, span),
    usageRead,
    readHours(ledger.store, ref, span),
  ]);
  const warnings: DataWarning[] = [];
  if (fresh.sync?.outcome === 'synced' && fresh.sync.leftOut > 0) {
    warnings.push({
      resource: `executions of job ${ref.job}`,
      field: 'listing',
      problem: `${fresh.sync.leftOut} were malformed and left out of the ledger`,
    });
  }
  if (usage.fromPartialReadings > 0) {
    warnings.push({
      resource: `CPU and memory of ${usage.fromPartialReadings} executions`,
      field: 'attribution',
      problem:
        'were attributed at sync from Monitoring readings in which Google sent unusable values, left out',
    });
  }
  if (hours && hours.fromPartialReadings > 0) {
    warnings.push({
      resource: `allocation and completed counts of ${hours.fromPartialReadings} hours`,
      field: 'metering',
      problem:
        'were stored at sync from Monitoring readings in which Google sent unusable values, left out',
    });
  }
  if (fresh.status.phase === 'syncing') {
    const { rowsSynced, rowsToSync } = fresh.status;
    warnings.push({
      resource: `the execution ledger of job ${ref.job}`,
      field: 'sync',
      problem: `is being synced by another instance (${rowsSynced} of ${rowsToSync ?? '?'} executions so far); the report shows what is stored`,
    });
  }
  return {
    executions: history.executions,
    tasks: history.tasks,
    warnings,
    heldUntilMs: fresh.status.syncedMs ?? span.nowMs,
    ledger: fresh.status,
    attributed: usage.figures,
    ...(hours && { hours }),
  };
}

export async function executionsFromListing(
  clients: GcpClients,
  ref: Ref,
  span: Span,
): Promise<ReportExecutions> {
  const [listing, tasks] = await Promise.all([
    listExecutions(clients, { ...ref, sinceMs: span.sinceMs, untilMs: span.untilMs }),
    listTasks(clients, { executionName: `${jobName(ref)}/executions/-` }).catch(
      (err: unknown) => err as Error,
    ),
  ]);
  const warnings: DataWarning[] = [...listing.warnings];
  if (tasks instanceof Error) {
    warnings.push({
      resource: 'tasks',
      field: 'read',
      problem: `could not be read (${tasks.message}); its figures are left out`,
    });
  } else warnings.push(...tasks.warnings);
  return {
    executions: listing.items,
    ...(!(tasks instanceof Error) && { tasks: tasks.items }),
    warnings,
    heldUntilMs: span.nowMs,
  };
}

const HOUR_MS = 3_600_000;
/** Monitoring shows data up to ~3 minutes late; the last periods are left uncompared. */
const METERING_LAG_MS = 5 * 60_000;

/** Hourly completed-execution counts (both results summed) up to the last whole hour that can be held. */
export async function completedByHour(
  clients: GcpClients,
  ref: Ref,
  window: { readonly startMs: number; readonly endMs: number },
  heldUntilMs: number,
): Promise<
  { points: NumericPoint[]; comparedUntilMs: number; warnings: readonly DataWarning[] } | undefined
> {
  const comparedUntilMs = lastComparedHourMs(window, heldUntilMs);
  if (comparedUntilMs - window.startMs < HOUR_MS) return undefined;
  const listing = await readCompletedExecutions(clients, {
    project: ref.project,
    region: ref.region,
    job: ref.job,
    startMs: window.startMs,
    endMs: comparedUntilMs,
    periodSeconds: 3600,
  });
  const byPeriod = new Map<number, NumericPoint>();
  for (const series of listing.items.filter((s) => s.job === ref.job)) {
    for (const p of series.points) {
      const seen = byPeriod.get(p.endMs);
      byPeriod.set(p.endMs, seen ? { ...seen, value: seen.value + p.value } : p);
    }
  }
  return { points: [...byPeriod.values()], comparedUntilMs, warnings: listing.warnings };
}

/** The last whole hour a count can be compared up to: the ledger holds what finished by then. */
function lastComparedHourMs(window: { readonly endMs: number }, heldUntilMs: number): number {
  return Math.floor((Math.min(window.endMs, heldUntilMs) - METERING_LAG_MS) / HOUR_MS) * HOUR_MS;
}

/**
 * The stored hourly counts, compared as `completedByHour` compares a live read, and no later than
 * the ledger's metered mark: the hours after it are not stored yet, and their executions are still
 * in Cloud Run's own listing, which the ledger has just read.
 */
export function storedCompletedByHour(
  hours: StoredHours,
  window: { readonly startMs: number; readonly endMs: number },
  heldUntilMs: number,
):
  | { points: NumericPoint[]; comparedUntilMs: number; warnings: readonly DataWarning[] }
  | undefined {
  const comparedUntilMs = Math.min(hours.meteredThroughMs, lastComparedHourMs(window, heldUntilMs));
  if (comparedUntilMs - window.startMs < HOUR_MS) return undefined;
  const points = hours.completed.filter(
    (p) => p.endMs <= comparedUntilMs && p.endMs > window.startMs,
  );
  return { points, comparedUntilMs, warnings: [] };
}
