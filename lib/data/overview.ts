/**
 * The project at a glance: a row per Cloud Run job for the chosen view, plus the month-to-date cost
 * Google metered. Rows are built from the execution ledger and from Monitoring read once per metric
 * for every job of a project, so a page costs a few Google calls and O(jobs) store reads; jobs
 * whose ledger is stale are synced first, a few at a time, and their rows stream in as they are ready.
 */
import { appNow } from '@/lib/clock';
import type { GcpClients } from '@/lib/gcp';
import { attributeJobs, readStoredMarks, syncTimeKey } from '@/lib/ledger';
import type { Store } from '@/lib/store';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { appLedgerFor, projectLocation, requestClients } from './clients';
import { listProjects, type Listed, type ListedProject } from './overview-list';
import { monthToDateOf, type MonthToDate } from './overview-month';
import {
  OVERLAP_LOOKBACK_MS,
  readProjectMinutesAfter,
  readProjectSeries,
  type ProjectSeries,
} from './overview-monitoring';
import {
  overviewTotals,
  readJobRow,
  rowOf,
  sortRows,
  type JobRow,
  type OverviewTotals,
} from './overview-row';
import { ReportRequestError, reportWindow } from './report';
import type { ReportViewRequest } from './report-view';
import { getSavedSettings, currentStore, type SavedSettings } from './settings';
import { CUSTOM_PRICE_BOOK_ID } from './settings-schema';
import { limitConcurrency } from './overview-limit';

export {
  overviewTotals,
  rowOf,
  type JobRow,
  type OverviewTotals,
  type TierVerdict,
} from './overview-row';
export type { MonthToDate } from './overview-month';

/** Stale ledgers synced at once: each sync is a few Cloud Run calls and store transactions. */
export const SYNC_CONCURRENCY = 8;
/** Rows built from the store at once. */
const READ_CONCURRENCY = 16;
const DAY_MS = 86_400_000;

/** Where, when and with which prices the overview reads: known before any row is. */
export type OverviewHead = {
  readonly project: string;
  /** The default region (`TIERWISE_REGION`), the one a job link without a region names. */
  readonly region: string;
  /** Every region read, in order. */
  readonly regions: readonly string[];
  /** Every project read, GOOGLE_CLOUD_PROJECT first. */
  readonly projects: readonly string[];
  readonly startMs: number;
  readonly endMs: number;
  readonly days: number;
  readonly priceBook: PriceBook;
  /** Jobs listed: the rows to come. */
  readonly jobs: number;
};

export type ProjectOverview = OverviewHead & {
  /** Biggest monthly saving first. */
  readonly rows: readonly JobRow[];
  /**
   * Sums over the rows that were read. With `unreadJobs` > 0 they are lower bounds ("at least"),
   * and null when no job could be read at all.
   */
  readonly totals: OverviewTotals;
  readonly monthToDate: MonthToDate | null;
  readonly warnings: readonly string[];
};

/** A page's overview as it is read: the head now, the rows in groups, the whole when all are in. */
export type OverviewStream = {
  readonly head: OverviewHead;
  /**
   * Rows in the order they come, each group biggest saving first: the jobs whose ledger is fresh
   * (read from the store alone), then the stale ones in groups of `SYNC_CONCURRENCY` as they sync.
   */
  readonly batches: readonly RowBatch[];
  readonly complete: Promise<ProjectOverview>;
};

export type RowBatch = {
  /** Jobs in the group. */
  readonly jobs: number;
  /** Whether their ledgers are synced first (Cloud Run is read), or read as stored. */
  readonly syncing: boolean;
  readonly rows: Promise<readonly JobRow[]>;
};

export type OverviewRequest = Omit<ReportViewRequest, 'job'>;

/**
 * The window every row covers; one a report cannot cover (a range starting in the future) is
 * every row's problem, so the page still lists the jobs and says why nothing was read.
 */
function windowOf(request: OverviewRequest, nowMs: number) {
  const asked =
    request.window.kind === 'days'
      ? { days: request.window.days }
      : { startMs: request.window.startMs, endMs: request.window.endMs };
  try {
    return { window: reportWindow({ ...asked, now: nowMs }), problem: null };
  } catch (error) {
    if (!(error instanceof ReportRequestError)) throw error;
    return { window: { startMs: nowMs, endMs: nowMs }, problem: error.message };
  }
}

/** The view's tier policy, price book and objective, the saved ones where it names none. */
function choicesOf(request: OverviewRequest, saved: SavedSettings) {
  // `custom` names the saved custom rates; with none saved the saved book is used, and shown.
  const priceBook =
    request.bookId === null || request.bookId === CUSTOM_PRICE_BOOK_ID
      ? saved.priceBook
      : (findPriceBook(request.bookId) ?? saved.priceBook);
  return { policy: request.policy ?? saved.policy, priceBook, objective: request.objective };
}

/** Starts reading the overview: the jobs are listed, their rows on their way. */
export async function startProjectOverview(
  request: OverviewRequest,
  nowMs = appNow(),
): Promise<OverviewStream> {
  const clients = requestClients();
  const store = await currentStore();
  const ledger = (await appLedgerFor(clients)) ?? { store };
  const { window, problem } = windowOf(request, nowMs);
  const [saved, perProject] = await Promise.all([
    getSavedSettings(store),
    listProjects(clients, store),
  ]);
  const choices = choicesOf(request, saved);
  const freshnessMs = (ledger.freshnessSeconds ?? 300) * 1000;
  const jobs = perProject.flatMap((p) =>
    p.listed.jobs.map((listed) => {
      const syncedMs = p.synced.get(syncTimeKey(listed.region, listed.job.name));
      return { ...listed, fresh: syncedMs !== undefined && nowMs - syncedMs < freshnessMs };
    }),
  );
  const seriesOf = new Map<string, Promise<ProjectSeries>>(
    problem
      ? []
      : perProject.map((p) => [
          p.project,
          seriesOfProject(
            clients,
            ledger.store,
            p.project,
            jobs.filter((j) => j.job.project === p.project),
            window,
          ),
        ]),
  );
  const read = limitConcurrency(READ_CONCURRENCY);
  const sync = limitConcurrency(SYNC_CONCURRENCY);
  const rowOfJob = async (each: Listed & { fresh: boolean }) => {
    const series = seriesOf.get(each.job.project);
    if (!series) return rowOf(each.job, each.region, null, problem ?? 'Monitoring was not read');
    const slot = each.fresh ? read : sync;
    const reading = { clients, ledger, window, nowMs, choices, series, slot };
    return (await readJobRow(reading, each.job, each.region)).row;
  };
  const batches = groupsOf(jobs).map((group): RowBatch => ({
    jobs: group.length,
    syncing: !group[0]?.fresh,
    rows: Promise.all(group.map(rowOfJob)).then(sortRows),
  }));
  // Once the stale ledgers are in, their CPU and memory are attributed project by project.
  const stale = jobs.filter((j) => !j.fresh);
  const attributed = problem
    ? Promise.resolve()
    : Promise.all(batches.filter((b) => b.syncing).map((b) => b.rows)).then(() =>
        attributeSynced(ledger.store, clients, stale, nowMs),
      );
  const head = headOf(request, perProject, window, choices.priceBook, jobs.length);
  const complete = completeOverview(head, perProject, batches, seriesOf, clients, nowMs).then(
    async (overview) => {
      await attributed;
      return overview;
    },
  );
  return { head, batches, complete };
}

/** Hours of the window a stored reading must cover to stand for the live one. */
const STORED_WINDOW_MS = 2 * 3_600_000;

/**
 * The project's series: from the store when every job's ledger is fresh and holds its settled
 * hours (then only the minutes of executions not attributed yet are read), else every metric over
 * the window, once for all jobs.
 */
async function seriesOfProject(
  clients: GcpClients,
  store: Store,
  project: string,
  jobs: readonly (Listed & { readonly fresh: boolean })[],
  window: { readonly startMs: number; readonly endMs: number },
): Promise<ProjectSeries> {
  const span = { sinceMs: window.startMs - OVERLAP_LOOKBACK_MS, untilMs: window.endMs };
  if (
    jobs.length > 0 &&
    jobs.every((j) => j.fresh) &&
    window.endMs - window.startMs >= STORED_WINDOW_MS
  ) {
    const marks = await readStoredMarks(store, project, span);
    const keys = jobs.map((j) => syncTimeKey(j.region, j.job.name));
    if (keys.every((k) => marks.metered.has(k))) {
      const pending = keys.flatMap((k) => {
        const oldest = marks.oldestUnattributedMs.get(k);
        return oldest === undefined ? [] : [oldest];
      });
      const fromMs = pending.length > 0 ? Math.min(...pending) : undefined;
      return readProjectMinutesAfter(clients, project, window, fromMs);
    }
  }
  return readProjectSeries(clients, project, window);
}

/**
 * The project-wide attribution pass over the ledgers this overview synced: per project and region
 * (all at once) one Monitoring read per metric for all of them, so a job report read afterwards finds their
 * figures stored. The rows do not wait for it (they are built from the overview's own series), and
 * a failure only leaves the minutes for the next sync.
 */
async function attributeSynced(
  store: Store,
  clients: GcpClients,
  jobs: readonly Listed[],
  nowMs: number,
): Promise<void> {
  const places = new Map<string, { project: string; region: string; jobs: string[] }>();
  for (const { job, region } of jobs) {
    const id = JSON.stringify([job.project, region]);
    const place = places.get(id) ?? { project: job.project, region, jobs: [] };
    places.set(id, place);
    place.jobs.push(job.name);
  }
  const attributeIn = async (place: { project: string; region: string; jobs: string[] }) => {
    try {
      const pass = await attributeJobs(store, clients, place, place.jobs, { nowMs });
      const failed = [...pass.jobs].filter(([, o]) => o.outcome === 'failed');
      if (failed.length > 0) {
        const [job, outcome] = failed[0]!;
        const why = outcome.outcome === 'failed' ? outcome.error : '';
        console.warn(
          `[tierwise] CPU and memory of ${failed.length} jobs in ${place.project} / ${place.region} not attributed this time (${job}: ${why}); the next sync reads their minutes again`,
        );
      }
    } catch (error) {
      console.warn(
        `[tierwise] attributing ${place.project} / ${place.region}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  await Promise.all([...places.values()].map(attributeIn));
}

/** The jobs whose ledger is fresh in one group, then the stale ones in groups of the sync limit. */
function groupsOf<T extends { readonly fresh: boolean }>(jobs: readonly T[]): T[][] {
  const fresh = jobs.filter((j) => j.fresh);
  const stale = jobs.filter((j) => !j.fresh);
  return [
    ...(fresh.length > 0 ? [fresh] : []),
    ...Array.from({ length: Math.ceil(stale.length / SYNC_CONCURRENCY) }, (_, i) =>
      stale.slice(i * SYNC_CONCURRENCY, (i + 1) * SYNC_CONCURRENCY),
    ),
  ];
}

function headOf(
  request: OverviewRequest,
  perProject: readonly ListedProject[],
  window: { readonly startMs: number; readonly endMs: number },
  priceBook: PriceBook,
  jobs: number,
): OverviewHead {
  const home = projectLocation();
  return {
    project: home.project,
    region: home.region,
    regions: [...new Set(perProject.flatMap((p) => p.chosen.regions))].sort(),
    projects: perProject.map((p) => p.project),
    startMs: window.startMs,
    endMs: window.endMs,
    days:
      request.window.kind === 'days'
        ? request.window.days
        : (window.endMs - window.startMs) / DAY_MS,
    priceBook,
    jobs,
  };
}

async function completeOverview(
  head: OverviewHead,
  perProject: readonly ListedProject[],
  batches: readonly RowBatch[],
  seriesOf: ReadonlyMap<string, Promise<ProjectSeries>>,
  clients: GcpClients,
  nowMs: number,
): Promise<ProjectOverview> {
  const [groups, series, monthToDate] = await Promise.all([
    Promise.all(batches.map((batch) => batch.rows)),
    Promise.all(seriesOf.values()),
    monthToDateOf(
      clients,
      perProject.map((p) => ({ project: p.project, regions: p.chosen.regions })),
      head.priceBook,
      nowMs,
    ),
  ]);
  const rows = sortRows(groups.flat());
  const many = head.projects.length > 1;
  const warnings = [
    ...perProject.flatMap((p) => (p.chosen.warning ? [p.chosen.warning] : [])).slice(0, 1),
    ...perProject.flatMap((p) => p.listed.warnings),
    ...series.flatMap((s) => s.warnings.map((w) => `${w.resource}: ${w.field} ${w.problem}`)),
    ...rows
      .filter((r) => r.problem)
      .map((r) => `${r.job} (${many ? `${r.project} / ` : ''}${r.region}): ${r.problem}`),
  ];
  return { ...head, rows, totals: overviewTotals(rows), monthToDate, warnings };
}

/** Every job of the project for this view, biggest saving first, and the month so far. */
export async function getProjectOverview(
  request: OverviewRequest,
  nowMs = appNow(),
): Promise<ProjectOverview> {
  return (await startProjectOverview(request, nowMs)).complete;
}
