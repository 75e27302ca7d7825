/**
 * One row of the project overview: a job's report figures, built from the execution ledger (synced
 * first when stale) and the project's Monitoring series, read once for every job.
 */
import type { GcpClients } from '@/lib/gcp';
import type { JobRecord } from '@/lib/domain/records';
import type { JobReport } from '@/lib/domain/report';
import type { VerdictKind } from '@/lib/domain/verdict/verdict';
import { maxFailureRateOf } from './failure-budgets';
import { plainGoogleProblem } from './google-problem';
import { OVERLAP_LOOKBACK_MS, type ProjectSeries } from './overview-monitoring';
import {
  allocationFromHours,
  buildJobReportFrom,
  type JobReportChoices,
  type JobReportInputs,
} from './report';
import {
  executionsFromLedger,
  storedCompletedByHour,
  type ReportLedger,
} from './report-executions';

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

export type OverviewTotals = {
  readonly costUsd: number | null;
  readonly failureCostUsd: number | null;
  readonly wasteUsd: number | null;
  readonly monthlySavingUsd: number | null;
  /** Rows whose report could not be read, left out of the sums. */
  readonly unreadJobs: number;
};

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

const known = (value: number | null) => value ?? Number.NEGATIVE_INFINITY;

/** Unread rows (no figures) after every read one; among read rows the biggest saving first. */
export function sortRows(rows: readonly JobRow[]): JobRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.costUsd === null) - Number(b.costUsd === null) ||
      known(b.monthlySavingUsd) - known(a.monthlySavingUsd) ||
      known(b.costUsd) - known(a.costUsd) ||
      a.job.localeCompare(b.job) ||
      a.region.localeCompare(b.region) ||
      a.project.localeCompare(b.project),
  );
}

/** What every row of one overview is read with. */
export type RowReading = {
  readonly clients: GcpClients;
  readonly ledger: ReportLedger;
  readonly series: Promise<ProjectSeries>;
  readonly window: { readonly startMs: number; readonly endMs: number };
  readonly nowMs: number;
  readonly choices: Omit<JobReportChoices, 'maxFailureRate'>;
  /**
   * Runs the row's ledger step (a sync when stale, then the store reads): the overview bounds how
   * many run at once. The Monitoring wait and the build are outside it, so a slot is never held
   * waiting for the project's series.
   */
  readonly slot: <T>(task: () => Promise<T>) => Promise<T>;
};

/**
 * The job's row: its executions from the ledger (synced first when stale, which is where Google
 * is called), its series from the project's reads, and the report built from both. A row that
 * cannot be read says why and has no figures.
 */
export async function readJobRow(
  reading: RowReading,
  job: JobRecord,
  region: string,
): Promise<{ row: JobRow; report: JobReport | null }> {
  const { clients, ledger, window, nowMs } = reading;
  const ref = { project: job.project, region, job: job.name };
  try {
    const [[read, maxFailureRate], series] = await Promise.all([
      reading.slot(() =>
        Promise.all([
          // Per-job Monitoring reads at sync would make the project's calls grow with its jobs.
          executionsFromLedger(clients, { ...ledger, attribute: false }, ref, {
            sinceMs: window.startMs - OVERLAP_LOOKBACK_MS,
            untilMs: window.endMs,
            nowMs,
          }),
          maxFailureRateOf(ledger.store, ref),
        ]),
      ),
      reading.series,
    ]);
    const own = series.of(region, job.name);
    // From the store, as the job's own report reads them, when the project's series leave them out.
    const stored =
      own.fromStore && read.hours ? allocationFromHours(read.hours, window) : undefined;
    const completed =
      own.fromStore && read.hours
        ? storedCompletedByHour(read.hours, window, read.heldUntilMs)
        : own.completedUntil(read.heldUntilMs);
    const inputs: JobReportInputs = {
      project: job.project,
      region,
      jobName: job.name,
      job,
      window,
      nowMs,
      read,
      cpuPoints: own.cpuPoints,
      memoryPoints: own.memoryPoints,
      allocationPoints: stored ? stored.points : own.allocationPoints,
      ...(stored?.meteredUntilMs !== undefined && { meteredUntilMs: stored.meteredUntilMs }),
      executionUsage: own.executionUsage,
      // The figures the ledger attributed at sync, as the job's own report uses them.
      ...(read.attributed && { attributed: read.attributed }),
      ...(completed && { completed }),
      warnings: [...own.warnings, ...read.warnings],
      googleApiCalls: clients.calls.total,
      callsByMethod: { ...clients.calls.byMethod },
    };
    const { report } = buildJobReportFrom(inputs, { ...reading.choices, maxFailureRate });
    return { row: rowOf(job, region, report, null), report };
  } catch (error) {
    const problem = plainGoogleProblem(error, `the ${job.name} report`);
    return { row: rowOf(job, region, null, problem), report: null };
  }
}
