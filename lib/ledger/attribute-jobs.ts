/**
 * The project-wide attribution pass: for every job of a project and region synced without
 * attributing, one Monitoring read per metric (CPU and memory utilisation, the two per-execution
 * metrics), grouped by job and region and paged by Google, over the settled minutes the oldest of
 * their pending executions needs; then each job is attributed from its own series exactly as its
 * own sync would (`attributeSettled`) and stored. Calls grow with pages of points, not with jobs.
 */
import {
  readExecutionMetricsOfJobs,
  readUtilisation,
  type GcpClients,
  type JobExecutionUsage,
  type JobUtilisation,
  type Listing,
} from '@/lib/gcp';
import type { Store } from '@/lib/store';
import {
  attributionRows,
  firstReadMs,
  oldestPendingOfJobs,
  pendingWork,
  settledMarkMs,
  writeAttributions,
  type AttributionOutcome,
  type PendingWork,
  type SettledMinutes,
} from './attribute';
import { freeLeases, holdLeases, type Lease } from './lease';
import { eachLimited } from './each-limited';
import { meterLeases, type MeteringOutcome } from './meter';
import { DEFAULT_LEDGER_RETENTION_DAYS } from './sync';
import { ledgerDb } from './tables';

/** Jobs whose ledger is read and written at once during the pass: each is a few store queries. */
const STORE_CONCURRENCY = 8;

export interface JobsAttributionOptions {
  /** The as-of time, epoch ms: the settled mark is ten minutes before it. */
  readonly nowMs: number;
  readonly leaseSeconds?: number;
  /** Points per Monitoring page; Google's maximum (100,000) by default. */
  readonly pointsPerPage?: number;
  /** A job never metered has its hours read back this far; the ledger's retention by default. */
  readonly retentionDays?: number;
}

/** One job's outcome: as its own sync's, or `busy` when another instance held its ledger. */
export type JobAttribution = AttributionOutcome | { readonly outcome: 'busy' };

export interface JobsAttribution {
  /** By job name, every job asked about. */
  readonly jobs: ReadonlyMap<string, JobAttribution>;
  /** Each held job's settled hours of allocation and completions, by job name. */
  readonly metering: ReadonlyMap<string, MeteringOutcome>;
  /** Monitoring pages read (each one `ListTimeSeries` call); 0 when nothing was due. */
  readonly pages: number;
  /** The minutes read, [startMs, endMs); absent when nothing was pending. */
  readonly read?: { readonly startMs: number; readonly endMs: number };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

type ProjectMinutes = {
  readonly cpu: Listing<JobUtilisation>;
  readonly memory: Listing<JobUtilisation>;
  readonly usage: Listing<JobExecutionUsage>;
};

/** One read per metric for every job of the place; throws what Monitoring threw. */
async function readProjectMinutes(
  clients: GcpClients,
  place: { readonly project: string; readonly region: string },
  span: { readonly startMs: number; readonly endMs: number; readonly pointsPerPage?: number },
): Promise<ProjectMinutes> {
  const request = { ...place, ...span };
  const [cpu, memory, usage] = await Promise.all([
    readUtilisation(clients, { ...request, resource: 'cpu' }),
    readUtilisation(clients, { ...request, resource: 'memory' }),
    readExecutionMetricsOfJobs(clients, request),
  ]);
  return { cpu, memory, usage };
}

/**
 * The job's share of the project's reads. A warning no series of a job holds (a series Google sent
 * without a job name) may be any job's, so it counts against every job, as it would have come
 * with each job's own read.
 */
function minutesOf(all: ProjectMinutes, region: string, job: string): SettledMinutes {
  const own = <T extends { job: string; region?: string }>(items: readonly T[]) =>
    items.find((s) => s.job === job && (s.region ?? region) === region);
  const unplaced = (listing: Listing<{ warnings: readonly unknown[] }>) =>
    listing.warnings.length - listing.items.reduce((n, item) => n + item.warnings.length, 0);
  const cpu = own(all.cpu.items);
  const memory = own(all.memory.items);
  const usage = own(all.usage.items);
  return {
    cpuPoints: cpu?.points ?? [],
    memoryPoints: memory?.points ?? [],
    executionUsage: usage && usage.usage.length > 0 ? usage.usage : undefined,
    unusableValues:
      (cpu?.warnings.length ?? 0) +
      (memory?.warnings.length ?? 0) +
      (usage?.warnings.length ?? 0) +
      unplaced(all.cpu) +
      unplaced(all.memory) +
      unplaced(all.usage),
  };
}

type Held = { readonly lease: Lease; work?: PendingWork };

/**
 * Attributes every finished, settled, unattributed execution of the given jobs of one project
 * and region. A job another instance is syncing is skipped (`busy`); the others are held for the
 * pass so no sync rewrites them between the read and the write. If Monitoring fails, nothing is
 * stored and no job's mark moves (each says `failed` with its pending count); a job with nothing
 * pending moves its mark as its own sync would.
 */
export async function attributeJobs(
  store: Store,
  clients: GcpClients,
  where: { readonly project: string; readonly region: string },
  jobs: readonly string[],
  options: JobsAttributionOptions,
): Promise<JobsAttribution> {
  const place = { project: where.project, region: where.region };
  const settledMs = settledMarkMs(options.nowMs);
  const outcomes = new Map<string, JobAttribution>();
  const held: Held[] = [];
  const fail = (entry: Held, error: unknown) =>
    outcomes.set(entry.lease.ref.job, {
      outcome: 'failed',
      error: messageOf(error),
      pending: entry.work?.pending.length ?? 0,
    });
  try {
    const asked = [...new Set(jobs)];
    const leases = await holdLeases(store, place, asked, options.leaseSeconds);
    const ours = new Set(leases.map((l) => l.ref.job));
    for (const job of asked) if (!ours.has(job)) outcomes.set(job, { outcome: 'busy' });
    held.push(...leases.map((lease) => ({ lease })));
    const oldest = await oldestPendingOfJobs(store, place, settledMs);
    await eachLimited(held, STORE_CONCURRENCY, async (entry) => {
      const { ref } = entry.lease;
      try {
        entry.work = await pendingWork(store, ref, settledMs, { oldestMs: oldest.get(ref.job) });
      } catch (error) {
        fail(entry, error);
      }
    });
    const toRead = held.filter((h) => h.work && h.work.pending.length > 0);
    let minutes: ProjectMinutes | undefined;
    let read: JobsAttribution['read'];
    if (toRead.length > 0) {
      const startMs = Math.min(...toRead.map((h) => firstReadMs(h.work!.pending)));
      read = { startMs, endMs: settledMs };
      try {
        minutes = await readProjectMinutes(clients, place, {
          ...read,
          pointsPerPage: options.pointsPerPage,
        });
      } catch (error) {
        for (const entry of toRead) fail(entry, error);
      }
    }
    await eachLimited(
      held.filter((h) => !outcomes.has(h.lease.ref.job)),
      STORE_CONCURRENCY,
      async (entry) => {
        const work = entry.work!;
        try {
          const own =
            work.pending.length > 0 && minutes
              ? minutesOf(minutes, place.region, work.ref.job)
              : undefined;
          const rows = own ? attributionRows(store, work, own, options.nowMs) : [];
          await writeAttributions(store, entry.lease, work.ref, rows, settledMs);
          outcomes.set(work.ref.job, {
            outcome: 'attributed',
            executions: rows.length,
            unusableValues: own?.unusableValues ?? 0,
            throughMs: settledMs,
          });
        } catch (error) {
          fail(entry, error);
        }
      },
    );
    const metered = await meterLeases(
      store,
      clients,
      place,
      held.map((h) => h.lease),
      {
        nowMs: options.nowMs,
        retentionDays: options.retentionDays ?? DEFAULT_LEDGER_RETENTION_DAYS,
        pointsPerPage: options.pointsPerPage,
      },
    );
    const pages =
      (minutes ? minutes.cpu.pages + minutes.memory.pages + minutes.usage.pages : 0) +
      metered.pages;
    return { jobs: outcomes, metering: metered.outcomes, pages, ...(read && { read }) };
  } finally {
    await freeLeases(
      ledgerDb(store),
      held.map((h) => h.lease),
    ).catch(() => undefined);
  }
}
