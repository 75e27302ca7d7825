/**
 * The project at a glance: every job's report for the chosen view, reduced to a row, plus the
 * month-to-date cost Google metered. Reports come from the same cache as the job pages.
 */
import { appNow } from '@/lib/clock';
import { listJobs, readAllocation } from '@/lib/gcp';
import { usageCostUsd, type PriceBook } from '@/lib/domain/pricing';
import type { JobRecord } from '@/lib/domain/records';
import type { JobReport } from '@/lib/domain/report';
import type { VerdictKind } from '@/lib/domain/verdict/verdict';
import { projectLocation, requestClients } from './clients';
import { loadReportView, type ReportViewRequest } from './report-view';
import { plainGoogleProblem } from './google-problem';
import { currentSettings } from './settings';
import { projectsToRead, regionsSetting, regionsToRead } from './settings-regions';

export type TierVerdict = {
  readonly tierId: string;
  readonly label: string;
  readonly kind: VerdictKind;
  readonly executions: number;
};

export type JobRow = {
  readonly job: string;
  /** The job's project (GOOGLE_CLOUD_PROJECT or one of TIERWISE_PROJECTS). */
  readonly project: string;
  /** The job's region: one name in two regions is two rows. */
  readonly region: string;
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  /** The report's figures; null when it could not be read (`problem` says why), never a 0. */
  readonly executions: number | null;
  readonly costUsd: number | null;
  readonly failureCostUsd: number | null;
  readonly wasteUsd: number | null;
  readonly monthlySavingUsd: number | null;
  /** Billed cost per UTC day of the window (every tier), oldest first. */
  readonly costByDay: readonly { readonly day: string; readonly costUsd: number }[];
  /** Tiers that ran in the window, in policy order. */
  readonly verdicts: readonly TierVerdict[];
  /** Set when this job's report could not be built, in plain words; its figures are then null. */
  readonly problem: string | null;
  readonly partial: boolean;
};

export type MonthToDate = {
  readonly startMs: number;
  readonly elapsedDays: number;
  readonly daysInMonth: number;
  /** allocation_time × prices since the first of the month, UTC: Google's own metering. */
  readonly meteredCostUsd: number;
  readonly projectedMonthlyUsd: number;
};

export type ProjectOverview = {
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

export type OverviewTotals = {
  readonly costUsd: number | null;
  readonly failureCostUsd: number | null;
  readonly wasteUsd: number | null;
  readonly monthlySavingUsd: number | null;
  /** Rows whose report could not be read, left out of the sums. */
  readonly unreadJobs: number;
};

export type OverviewRequest = Omit<ReportViewRequest, 'job'>;

export function rowOf(
  job: JobRecord,
  region: string,
  report: JobReport | null,
  problem: string | null,
): JobRow {
  const tiers = report ? [...report.tiers, report.unclassified] : [];
  return {
    job: job.name,
    project: job.project,
    region,
    vcpu: job.vcpu,
    memoryBytes: job.memoryBytes,
    timeoutSeconds: job.timeoutSeconds,
    executions: report ? report.totals.executions : null,
    costUsd: report ? report.totals.costUsd : null,
    failureCostUsd: report ? report.totals.failureCostUsd : null,
    wasteUsd: report ? report.totals.wasteUsd : null,
    monthlySavingUsd: report ? report.totals.monthlySavingUsd : null,
    costByDay: (report?.costByDay ?? []).map((day) => ({
      day: day.day,
      costUsd: Object.values(day.values).reduce((sum, value) => sum + value, 0),
    })),
    verdicts: tiers
      .filter((tier) => tier.executions > 0)
      .map((tier) => ({
        tierId: tier.id,
        label: tier.label,
        kind: tier.verdict.kind,
        executions: tier.executions,
      })),
    problem,
    partial: (report?.warnings.length ?? 0) > 0,
  };
}

async function jobRow(job: JobRecord, region: string, request: OverviewRequest, nowMs: number) {
  try {
    const view = await loadReportView(
      { ...request, job: job.name, region, project: job.project },
      nowMs,
    );
    return { row: rowOf(job, region, view.report, null), report: view.report };
  } catch (error) {
    return {
      row: rowOf(job, region, null, plainGoogleProblem(error, `the ${job.name} report`)),
      report: null,
    };
  }
}

/** Every job of every region read; a region that cannot be listed is a warning, not a failure. */
async function jobsOfRegions(project: string, regions: readonly string[], many: boolean) {
  const listed = await Promise.all(
    regions.map(async (region) => {
      try {
        const jobs = await listJobs(requestClients(), { project, region });
        return {
          region,
          jobs: jobs.items,
          warnings: jobs.warnings.map((w) => `${w.resource}: ${w.field} ${w.problem}`),
        };
      } catch (error) {
        const where = many ? `${project} / ${region}` : region;
        const message = plainGoogleProblem(error, `listing jobs in ${where}`);
        return {
          region,
          jobs: [],
          warnings: [`${where}: the jobs could not be listed (${message}).`],
        };
      }
    }),
  );
  return {
    jobs: listed.flatMap(({ region, jobs }) => jobs.map((job) => ({ job, region }))),
    warnings: listed.flatMap((l) => l.warnings),
  };
}

const DAY_MS = 86_400_000;

async function monthToDate(
  project: string,
  regions: readonly string[],
  priceBook: PriceBook,
  nowMs: number,
): Promise<MonthToDate | null> {
  const now = new Date(nowMs);
  const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const daysInMonth = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0),
  ).getUTCDate();
  // Monitoring aligns in whole minutes; one period covers the month so far.
  const periodSeconds = Math.max(60, Math.ceil((nowMs - startMs) / 60_000) * 60);
  try {
    const allocation = await readAllocation(requestClients(), {
      project,
      startMs,
      endMs: nowMs,
      periodSeconds,
    });
    // One query for the project; only the regions read count, as the rows do.
    const usage = allocation.items
      .filter((series) => series.region === undefined || regions.includes(series.region))
      .flatMap((series) => series.points);
    const meteredCostUsd = usage.reduce((sum, p) => sum + usageCostUsd(p, priceBook), 0);
    const elapsedDays = Math.max((nowMs - startMs) / DAY_MS, 1 / 24);
    return {
      startMs,
      elapsedDays,
      daysInMonth,
      meteredCostUsd,
      projectedMonthlyUsd: (meteredCostUsd / elapsedDays) * daysInMonth,
    };
  } catch {
    return null;
  }
}

/** The month so far over every project read, each with its own regions; null if any is unknown. */
async function monthToDateOf(
  perProject: readonly { project: string; chosen: { regions: readonly string[] } }[],
  priceBook: PriceBook,
  nowMs: number,
): Promise<MonthToDate | null> {
  const months = await Promise.all(
    perProject.map((p) => monthToDate(p.project, p.chosen.regions, priceBook, nowMs)),
  );
  if (months.some((m) => m === null)) return null;
  const [first] = months as MonthToDate[];
  if (!first) return null;
  const meteredCostUsd = (months as MonthToDate[]).reduce(
    (total, m) => total + m.meteredCostUsd,
    0,
  );
  return {
    ...first,
    meteredCostUsd,
    projectedMonthlyUsd: (meteredCostUsd / first.elapsedDays) * first.daysInMonth,
  };
}

/**
 * The project's totals over the rows that were read; an unread row is counted, not summed as 0,
 * so a page can say "at least" and how many jobs it could not read.
 */
export function overviewTotals(rows: readonly JobRow[]): OverviewTotals {
  const read = rows.filter((row) => row.costUsd !== null);
  const sum = (pick: (row: JobRow) => number | null) =>
    read.length === 0 ? null : read.reduce((total, row) => total + (pick(row) ?? 0), 0);
  return {
    costUsd: sum((r) => r.costUsd),
    failureCostUsd: sum((r) => r.failureCostUsd),
    wasteUsd: sum((r) => r.wasteUsd),
    // What can be saved: a job whose recommendations cost more (for fewer failures) saves nothing.
    monthlySavingUsd: sum((r) => Math.max(0, r.monthlySavingUsd ?? 0)),
    unreadJobs: rows.length - read.length,
  };
}

/** Unread rows (no figures) after every read one; among read rows the biggest saving first. */
const known = (value: number | null) => value ?? Number.NEGATIVE_INFINITY;

/** Every job of the project for this view, biggest saving first, and the month so far. */
export async function getProjectOverview(
  request: OverviewRequest,
  nowMs = appNow(),
): Promise<ProjectOverview> {
  const { project, region } = projectLocation();
  const projects = projectsToRead();
  const settings = await currentSettings();
  const perProject = await Promise.all(
    projects.map(async (each) => {
      const chosen = await regionsToRead(
        requestClients(),
        { project: each, defaultRegion: region },
        regionsSetting(),
      );
      return {
        project: each,
        chosen,
        listed: await jobsOfRegions(each, chosen.regions, projects.length > 1),
      };
    }),
  );
  const chosen = {
    regions: [...new Set(perProject.flatMap((p) => p.chosen.regions))].sort(),
    warning: perProject.map((p) => p.chosen.warning).find((w) => w !== null) ?? null,
  };
  const listed = {
    jobs: perProject.flatMap((p) => p.listed.jobs),
    warnings: perProject.flatMap((p) => p.listed.warnings),
  };
  const results = await Promise.all(
    listed.jobs.map(({ job, region: at }) => jobRow(job, at, request, nowMs)),
  );
  const first = results.find((r) => r.report)?.report ?? null;
  const priceBook = first?.inputs.priceBook ?? settings.priceBook;
  const rows = results
    .map((r) => r.row)
    .sort(
      (a, b) =>
        Number(a.costUsd === null) - Number(b.costUsd === null) ||
        known(b.monthlySavingUsd) - known(a.monthlySavingUsd) ||
        known(b.costUsd) - known(a.costUsd) ||
        a.job.localeCompare(b.job) ||
        a.region.localeCompare(b.region) ||
        a.project.localeCompare(b.project),
    );
  const warnings = [
    ...(chosen.warning ? [chosen.warning] : []),
    ...listed.warnings,
    ...rows
      .filter((r) => r.problem)
      .map(
        (r) =>
          `${r.job} (${projects.length > 1 ? `${r.project} / ` : ''}${r.region}): ${r.problem}`,
      ),
  ];
  return {
    project,
    region,
    regions: chosen.regions,
    projects,
    startMs: first?.inputs.window.startMs ?? nowMs,
    endMs: first?.inputs.window.endMs ?? nowMs,
    days: first?.inputs.window.days ?? (request.window.kind === 'days' ? request.window.days : 0),
    priceBook,
    rows,
    totals: overviewTotals(rows),
    monthToDate: await monthToDateOf(perProject, priceBook, nowMs),
    warnings,
  };
}
