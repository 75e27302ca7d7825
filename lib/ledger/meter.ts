/**
 * The sync's last Monitoring step: each settled hour's metered allocation (`allocation_time`,
 * vCPU-seconds and GiB-seconds) and completed executions (`completed_execution_count`, by result),
 * read once from the job's metered mark up to the last whole hour before the settled mark and
 * stored in `ledger_hours`. A report then compares billing and Monitoring's count with its
 * executions from the store, and reads live only the minutes after the mark.
 */
import { sql } from 'kysely';
import type {
  AllocationPoint,
  AllocationSeries,
  CompletedExecutionsSeries,
  NumericPoint,
} from '@/lib/domain/records';
import { readAllocation, readCompletedExecutions, type GcpClients, type Listing } from '@/lib/gcp';
import type { Store } from '@/lib/store';
import { settledMarkMs } from './attribute';
import { eachLimited } from './each-limited';
import { renewLease, type Lease } from './lease';
import { DAY_MS, ledgerDb, ofJob, type LedgerHoursTable, type LedgerJobRef } from './tables';

export const HOUR_MS = 3_600_000;
const HOUR_SECONDS = 3600;
const WRITE_BATCH = 500;

export type MeteringOutcome =
  | {
      readonly outcome: 'metered';
      /** Hours with allocation or completions stored now. */
      readonly hours: number;
      /** Values Google sent unusable in this reading, left out (and noted on the rows). */
      readonly unusableValues: number;
      /** Hours up to here are stored. */
      readonly throughMs: number;
    }
  | {
      readonly outcome: 'failed';
      /** Why Monitoring could not be read; the next sync reads those hours again. */
      readonly error: string;
    };

/** The end of the last whole UTC hour whose minutes have all settled. */
export function meteredMarkMs(nowMs: number): number {
  return Math.floor(settledMarkMs(nowMs) / HOUR_MS) * HOUR_MS;
}

/** Where each job's next hourly read starts: its mark, or the retention floor the first time. */
export async function meteredFromOfJobs(
  store: Store,
  place: { readonly project: string; readonly region: string },
  jobs: readonly string[],
  floorMs: number,
): Promise<Map<string, number>> {
  const rows =
    jobs.length === 0
      ? []
      : await ledgerDb(store)
          .selectFrom('ledger_jobs')
          .select(['job', 'metered_through_ms'])
          .where('project', '=', place.project)
          .where('region', '=', place.region)
          .where('job', 'in', [...jobs])
          .execute();
  const marks = new Map(rows.map((row) => [row.job, row.metered_through_ms]));
  const hourFloor = Math.floor(floorMs / HOUR_MS) * HOUR_MS;
  return new Map(
    jobs.map((job) => {
      const mark = marks.get(job);
      return [job, mark == null ? hourFloor : Math.max(hourFloor, Number(mark))];
    }),
  );
}

/** One reading of allocation and completions, for one job or a whole project and region. */
export interface HourlyReading {
  readonly allocation: Listing<AllocationSeries>;
  readonly completed: Listing<CompletedExecutionsSeries>;
}

/** One read per metric over whole hours (hour-aligned periods); throws what Monitoring threw. */
export async function readHourly(
  clients: GcpClients,
  span: {
    readonly project: string;
    readonly region: string;
    readonly job?: string;
    readonly startMs: number;
    readonly endMs: number;
    readonly pointsPerPage?: number;
  },
): Promise<HourlyReading> {
  const [allocation, completed] = await Promise.all([
    readAllocation(clients, { ...span, periodSeconds: HOUR_SECONDS }),
    readCompletedExecutions(clients, { ...span, periodSeconds: HOUR_SECONDS }),
  ]);
  return { allocation, completed };
}

/**
 * The job's hours in (fromMs, throughMs] from a reading: a period ending at or before `fromMs` is
 * already stored whole and would be overwritten with the sliver of it inside this read.
 */
export function hourRows(
  reading: HourlyReading,
  ref: LedgerJobRef,
  span: { readonly fromMs: number; readonly throughMs: number },
  readAtMs: number,
): LedgerHoursTable[] {
  const inRegion = (s: { job: string; region?: string }) =>
    s.job === ref.job && (s.region ?? ref.region) === ref.region;
  const byEnd = new Map<number, LedgerHoursTable>();
  const unusable = reading.allocation.warnings.length + reading.completed.warnings.length;
  const hour = (endMs: number) => {
    let row = byEnd.get(endMs);
    if (!row) {
      row = {
        ...ofJob(ref),
        end_ms: endMs,
        vcpu_seconds: 0,
        gib_seconds: 0,
        succeeded: 0,
        failed: 0,
        unusable_values: unusable,
        read_at: readAtMs,
      };
      byEnd.set(endMs, row);
    }
    return row;
  };
  const inSpan = (endMs: number) => endMs > span.fromMs && endMs <= span.throughMs;
  for (const series of reading.allocation.items.filter(inRegion)) {
    for (const p of series.points) {
      if (!inSpan(p.endMs)) continue;
      const row = hour(p.endMs);
      row.vcpu_seconds += p.vcpuSeconds;
      row.gib_seconds += p.gibSeconds;
    }
  }
  for (const series of reading.completed.items.filter(inRegion)) {
    for (const p of series.points) {
      if (inSpan(p.endMs)) hour(p.endMs)[series.result] += p.value;
    }
  }
  return [...byEnd.values()].sort((a, b) => a.end_ms - b.end_ms);
}

/** Stores the hours and moves the job's metered mark (never backwards), renewing the lease. */
export async function writeHours(
  store: Store,
  lease: Lease,
  rows: readonly LedgerHoursTable[],
  throughMs: number,
): Promise<void> {
  const ref = lease.ref;
  await ledgerDb(store)
    .transaction()
    .execute(async (trx) => {
      for (let i = 0; i < rows.length; i += WRITE_BATCH) {
        await trx
          .insertInto('ledger_hours')
          .values(rows.slice(i, i + WRITE_BATCH))
          .onConflict((oc) =>
            oc.columns(['project', 'region', 'job', 'end_ms']).doUpdateSet((eb) => ({
              vcpu_seconds: eb.ref('excluded.vcpu_seconds'),
              gib_seconds: eb.ref('excluded.gib_seconds'),
              succeeded: eb.ref('excluded.succeeded'),
              failed: eb.ref('excluded.failed'),
              unusable_values: eb.ref('excluded.unusable_values'),
              read_at: eb.ref('excluded.read_at'),
            })),
          )
          .execute();
      }
      await trx
        .updateTable('ledger_jobs')
        .set({
          metered_through_ms: sql<number>`case when metered_through_ms is null
            or metered_through_ms < ${throughMs} then ${throughMs}
            else metered_through_ms end`,
        })
        .where((eb) => eb.and(ofJob(ref)))
        .execute();
      await renewLease(trx, store, lease);
    });
}

const STORE_CONCURRENCY = 8;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads and stores the settled hours of the leased jobs of one project and region since each
 * one's mark (its whole retention the first time): one read per metric for all of them, from the
 * oldest mark, filtered to the job when there is one lease (a job's own sync). Each job's hours
 * are stored in its own transaction. A Monitoring failure stores nothing and leaves every mark:
 * the next sync reads those hours again. A value Google sent unusable counts against every job
 * read together, since the allocation reading does not say whose series held it.
 */
export async function meterLeases(
  store: Store,
  clients: GcpClients,
  place: { readonly project: string; readonly region: string },
  leases: readonly Lease[],
  options: {
    readonly nowMs: number;
    readonly retentionDays: number;
    readonly pointsPerPage?: number;
  },
): Promise<{ outcomes: Map<string, MeteringOutcome>; pages: number }> {
  const outcomes = new Map<string, MeteringOutcome>();
  const throughMs = meteredMarkMs(options.nowMs);
  const jobs = leases.map((l) => l.ref.job);
  const floorMs = options.nowMs - options.retentionDays * DAY_MS;
  const from = await meteredFromOfJobs(store, place, jobs, floorMs);
  const fromOf = (lease: Lease) => from.get(lease.ref.job)!;
  const due = leases.filter((l) => fromOf(l) < throughMs);
  for (const lease of leases.filter((l) => !due.includes(l))) {
    outcomes.set(lease.ref.job, {
      outcome: 'metered',
      hours: 0,
      unusableValues: 0,
      throughMs: fromOf(lease),
    });
  }
  if (due.length === 0) return { outcomes, pages: 0 };
  let reading: HourlyReading;
  try {
    reading = await readHourly(clients, {
      ...place,
      ...(leases.length === 1 && { job: leases[0]!.ref.job }),
      startMs: Math.min(...due.map(fromOf)),
      endMs: throughMs,
      pointsPerPage: options.pointsPerPage,
    });
  } catch (error) {
    for (const lease of due) {
      outcomes.set(lease.ref.job, { outcome: 'failed', error: messageOf(error) });
    }
    return { outcomes, pages: 0 };
  }
  const unusableValues = reading.allocation.warnings.length + reading.completed.warnings.length;
  await eachLimited(due, STORE_CONCURRENCY, async (lease) => {
    const { ref } = lease;
    try {
      const rows = hourRows(reading, ref, { fromMs: fromOf(lease), throughMs }, store.now());
      await writeHours(store, lease, rows, throughMs);
      outcomes.set(ref.job, { outcome: 'metered', hours: rows.length, unusableValues, throughMs });
    } catch (error) {
      outcomes.set(ref.job, { outcome: 'failed', error: messageOf(error) });
    }
  });
  return { outcomes, pages: reading.allocation.pages + reading.completed.pages };
}

/** `meterLeases` for one job, as its own sync meters it. */
export async function meterSettled(
  store: Store,
  clients: GcpClients,
  lease: Lease,
  options: { readonly nowMs: number; readonly retentionDays: number },
): Promise<MeteringOutcome> {
  const { outcomes } = await meterLeases(store, clients, lease.ref, [lease], options);
  return outcomes.get(lease.ref.job)!;
}

/** A job's stored hours over a window, as the report's series. */
export interface StoredHours {
  /** Hours up to here are stored; later minutes are read live. */
  readonly meteredThroughMs: number;
  readonly allocation: readonly AllocationPoint[];
  /** Completed executions per hour, both results. */
  readonly completed: readonly NumericPoint[];
  /** Hours read from a Monitoring reading in which Google sent unusable values, left out. */
  readonly fromPartialReadings: number;
}

/**
 * The job's stored hours that overlap [sinceMs, untilMs), or undefined when the job has never been
 * metered (a ledger synced before hours were stored, or whose every hourly read failed).
 */
export async function readHours(
  store: Store,
  ref: LedgerJobRef,
  window: { readonly sinceMs: number; readonly untilMs: number },
): Promise<StoredHours | undefined> {
  const db = ledgerDb(store);
  const job = await db
    .selectFrom('ledger_jobs')
    .select('metered_through_ms')
    .where((eb) => eb.and(ofJob(ref)))
    .executeTakeFirst();
  if (job?.metered_through_ms == null) return undefined;
  const rows = await db
    .selectFrom('ledger_hours')
    .select(['end_ms', 'vcpu_seconds', 'gib_seconds', 'succeeded', 'failed', 'unusable_values'])
    .where((eb) => eb.and(ofJob(ref)))
    .where('end_ms', '>', window.sinceMs)
    .where('end_ms', '<', window.untilMs + HOUR_MS)
    .orderBy('end_ms')
    .execute();
  const allocation: AllocationPoint[] = [];
  const completed: NumericPoint[] = [];
  for (const row of rows) {
    const endMs = Number(row.end_ms);
    const startMs = endMs - HOUR_MS;
    const vcpuSeconds = Number(row.vcpu_seconds);
    const gibSeconds = Number(row.gib_seconds);
    if (vcpuSeconds !== 0 || gibSeconds !== 0) {
      allocation.push({ startMs, endMs, vcpuSeconds, gibSeconds });
    }
    const count = Number(row.succeeded) + Number(row.failed);
    if (count !== 0) completed.push({ startMs, endMs, value: count });
  }
  return {
    meteredThroughMs: Number(job.metered_through_ms),
    allocation,
    completed,
    fromPartialReadings: rows.filter((row) => Number(row.unusable_values) > 0).length,
  };
}
