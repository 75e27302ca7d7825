/**
 * Builds one job's report: executions and task results from the execution ledger (synced first when
 * stale) or, without a store, from Cloud Run's own listing. CPU and memory per execution come from
 * the ledger's attribution at sync, and live from Monitoring only for executions it has not
 * attributed yet (all of them without a ledger); metered allocation and completion counts from the
 * hours the ledger stored at sync (live without them). Calls grow with pages, never with executions.
 */
import { ServiceError } from '@/lib/service/errors';
import { getJob, readAllocation, type GcpClients, type Listing } from '@/lib/gcp';
import type { LedgerStatus, StoredHours } from '@/lib/ledger';
import type { PriceBook } from '@/lib/domain/pricing';
import type { Limits } from '@/lib/domain/limits';
import type { LimitsAssessment, Projection } from '@/lib/domain/recommend';
import type {
  AllocationPoint,
  AllocationSeries,
  DataWarning,
  ExecutionRecord,
  JobRecord,
  NumericPoint,
  TaskRecord,
} from '@/lib/domain/records';
import {
  buildJobReport,
  assessTierLimits,
  projectTierLimits,
  findExecutionGaps,
  gapWarningText,
  type GapInput,
  type JobReport,
  type JobReportInput,
  type Objective,
} from '@/lib/domain/report';
import { appLedgerFor } from './clients';
import {
  completedByHour,
  storedCompletedByHour,
  executionsFromLedger,
  executionsFromListing,
  type ReportExecutions,
  type ReportLedger,
  type StoredUsage,
} from './report-executions';
import type { PayloadMapping } from '@/lib/domain/payload';
import type { TierPolicy } from '@/lib/domain/tiers';
import { plainGoogleProblem } from './google-problem';
import { readUsageListings, storedExact, type OptionalRead } from './report-usage';

export type { ReportLedger } from './report-executions';

const DAY_MS = 86_400_000;
/** The longest window a report reads, as for shared reports and the execution ledger's retention. */
export const MAX_WINDOW_DAYS = 400;
/** Executions that started this long before the window can still share its first minutes. */
const OVERLAP_LOOKBACK_MS = DAY_MS;

export type ReportWindowRequest =
  { readonly days: number } | { readonly startMs: number; readonly endMs: number };

/** What a report reads from Google and the ledger: everything but the choices it is built with. */
export type JobReportReadRequest = {
  readonly clients: GcpClients;
  readonly project: string;
  readonly region: string;
  readonly job: string;
  /** The as-of time; a days window ends here. */
  readonly now: number;
  /**
   * Read executions from this execution ledger (synced first when stale), or `false` for Cloud
   * Run's listing alone. Default: the process's store for the app's own clients, else `false`.
   */
  readonly ledger?: ReportLedger | false;
  /**
   * The job as read from Cloud Run for this same page moments ago (counted among the report's
   * calls); read again when absent.
   */
  readonly knownJob?: JobRecord;
} & ReportWindowRequest;

/** The choices a report is built with from one reading. */
export type JobReportChoices = {
  readonly policy: TierPolicy;
  readonly priceBook: PriceBook;
  readonly objective: Objective;
  readonly payloadMapping?: PayloadMapping;
  /** The job's failure budget cap; the engine's default when absent. */
  readonly maxFailureRate?: number;
};

export type JobReportRequest = JobReportReadRequest & JobReportChoices;

export type JobReportResult = {
  readonly report: JobReport;
  readonly job: JobRecord;
  /** The records the report was built from, so exports can list every execution without reading again. */
  readonly records: {
    readonly executions: readonly ExecutionRecord[];
    readonly tasks: readonly TaskRecord[];
  };
  /** Google API calls made to build it, every page and retry counted. */
  readonly googleApiCalls: number;
  readonly callsByMethod: Readonly<Record<string, number>>;
  /** The ledger the executions were read from, after any sync; absent for a listing. */
  readonly ledger?: LedgerStatus;
};

export class ReportRequestError extends ServiceError {
  constructor(message: string) {
    super(400, message);
    this.name = 'ReportRequestError';
  }
}

export function reportWindow(request: ReportWindowRequest & { now: number }): {
  startMs: number;
  endMs: number;
} {
  if ('days' in request) {
    if (!(Number.isFinite(request.days) && request.days > 0 && request.days <= MAX_WINDOW_DAYS)) {
      throw new ReportRequestError(
        `A report covers 1 to ${MAX_WINDOW_DAYS} days; ${request.days} is not usable.`,
      );
    }
    return { startMs: request.now - request.days * DAY_MS, endMs: request.now };
  }
  if (!(
    Number.isFinite(request.startMs) &&
    Number.isFinite(request.endMs) &&
    request.endMs > request.startMs
  )) {
    throw new ReportRequestError('The report window must have a start before its end.');
  }
  if (request.startMs >= request.now) {
    throw new ReportRequestError(
      'The report window starts in the future; pick a window that has already begun.',
    );
  }
  if (request.endMs - request.startMs > MAX_WINDOW_DAYS * DAY_MS) {
    throw new ReportRequestError(
      `A report covers at most ${MAX_WINDOW_DAYS} days; shorten the window.`,
    );
  }
  return { startMs: request.startMs, endMs: Math.min(request.endMs, request.now) };
}

/** A metric that could not be read leaves its figures out with a warning instead of failing the report. */
async function optional<T>(
  read: () => Promise<T>,
  what: string,
  warnings: DataWarning[],
): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    const problem = plainGoogleProblem(err, `reading ${what}`);
    warnings.push({
      resource: what,
      field: 'read',
      problem: `could not be read (${problem}); its figures are left out`,
    });
    return undefined;
  }
}

function collect<T>(
  listing: Listing<T> | undefined,
  warnings: DataWarning[],
): readonly T[] | undefined {
  if (!listing) return undefined;
  warnings.push(...listing.warnings);
  return listing.items;
}

async function readExecutionsFor(
  request: JobReportReadRequest,
  ledger: ReportLedger | false | undefined,
  ref: { project: string; region: string; job: string },
  span: { sinceMs: number; untilMs: number; nowMs: number },
  onStoredUsage: (stored: StoredUsage) => void,
): Promise<ReportExecutions> {
  if (!ledger) return executionsFromListing(request.clients, ref, span);
  return executionsFromLedger(request.clients, ledger, ref, span, onStoredUsage);
}

const HOUR_MS = 3_600_000;

/**
 * The window's allocation from the ledger's stored hours, compared up to its metered mark when
 * that is before the window's end; undefined when they cover less than an hour of the window.
 */
export function allocationFromHours(
  hours: StoredHours,
  window: { readonly startMs: number; readonly endMs: number },
): { points: AllocationPoint[]; meteredUntilMs?: number } | undefined {
  if (hours.meteredThroughMs - window.startMs < HOUR_MS) return undefined;
  return {
    points: hours.allocation.filter((p) => p.endMs > window.startMs),
    ...(hours.meteredThroughMs < window.endMs && { meteredUntilMs: hours.meteredThroughMs }),
  };
}

/**
 * The window's metered allocation. With the ledger's stored hours covering at least an hour of the
 * window, those alone, compared with the executions up to the ledger's metered mark: no Google call,
 * and the last minutes, which Monitoring may still be filling in, are left out of the comparison.
 * Otherwise (no ledger, a ledger never metered, a window after the mark) a live hourly read.
 */
async function readAllocationFor(
  clients: GcpClients,
  ref: { readonly project: string; readonly region: string; readonly job: string },
  window: { readonly startMs: number; readonly endMs: number },
  hours: StoredHours | undefined,
): Promise<{ listing: Listing<AllocationSeries>; meteredUntilMs?: number }> {
  const stored = hours && allocationFromHours(hours, window);
  if (stored) {
    return {
      listing: { items: [{ job: ref.job, points: stored.points }], warnings: [], pages: 0 },
      ...(stored.meteredUntilMs !== undefined && { meteredUntilMs: stored.meteredUntilMs }),
    };
  }
  const listing = await readAllocation(clients, { ...ref, ...window, periodSeconds: 3600 });
  return { listing };
}

/**
 * One reading of a job's window: the job, its executions and tasks, and its Monitoring series, with
 * every warning met while reading. Any tier policy, price book or objective can be built from it.
 */
export type JobReportInputs = {
  readonly project: string;
  readonly region: string;
  /** The job's name as asked for, and the job as read. */
  readonly jobName: string;
  readonly job: JobRecord;
  readonly window: { readonly startMs: number; readonly endMs: number };
  readonly nowMs: number;
  readonly read: ReportExecutions;
  readonly cpuPoints?: JobReportInput['cpuPoints'];
  readonly memoryPoints?: JobReportInput['memoryPoints'];
  readonly allocationPoints?: JobReportInput['allocationPoints'];
  readonly meteredUntilMs?: number;
  readonly executionUsage?: JobReportInput['executionUsage'];
  /** Figures the ledger attributed at sync, used instead of attributing those executions again. */
  readonly attributed?: JobReportInput['attributed'];
  readonly completed?: {
    readonly points: readonly NumericPoint[];
    readonly comparedUntilMs: number;
  };
  readonly warnings: readonly DataWarning[];
  readonly googleApiCalls: number;
  readonly callsByMethod: Readonly<Record<string, number>>;
};

export async function readJobReportInputs(request: JobReportReadRequest): Promise<JobReportInputs> {
  const { clients, project, region, job, now } = request;
  const window = reportWindow(request);
  const ref = { project, region, job };
  const warnings: DataWarning[] = [];
  const tolerant: OptionalRead = (read, what) => optional(read, what, warnings);
  const lookbackFromMs = window.startMs - OVERLAP_LOOKBACK_MS;
  const usageWindow = { ...window, lookbackFromMs };
  // The job is read first so an unknown job fails as such, before any ledger sync.
  const jobRecord = request.knownJob ?? (await getJob(clients, ref));
  const ledger = request.ledger ?? (await appLedgerFor(request.clients));
  // From the ledger, only the minutes of executions it has not attributed yet are read: that read
  // starts once the ledger says which (before it reads the whole history, which takes a while); a
  // live report reads the whole window alongside the listing.
  let startUsage: (stored: StoredUsage) => void = () => undefined;
  const storedUsage = new Promise<StoredUsage>((resolve) => (startUsage = resolve));
  const reading = readExecutionsFor(
    request,
    ledger,
    ref,
    { sinceMs: lookbackFromMs, untilMs: window.endMs, nowMs: now },
    (stored) => startUsage(stored),
  );
  const usageReading = ledger
    ? storedUsage.then((stored) =>
        readUsageListings(
          clients,
          ref,
          { executions: stored.unattributed, attributed: stored.attributed },
          usageWindow,
          tolerant,
        ),
      )
    : readUsageListings(clients, ref, { executions: [] }, usageWindow, tolerant);
  // The completed count is compared up to the ledger's last sync: it waits for the ledger only.
  // Hours the ledger stored are compared from the store, with no read at all.
  const counting = reading.then((read) =>
    read.hours
      ? storedCompletedByHour(read.hours, window, read.heldUntilMs)
      : optional(
          () => completedByHour(clients, ref, window, read.heldUntilMs),
          'completed execution count',
          warnings,
        ),
  );
  // Allocation: the stored hours when the ledger has them, else read live.
  const allocating = (ledger ? reading : Promise.resolve(undefined)).then((read) =>
    optional(
      () => readAllocationFor(clients, ref, window, read?.hours),
      'allocation time',
      warnings,
    ),
  );
  const [read, allocation, usageRead, completed] = await Promise.all([
    reading,
    allocating,
    usageReading,
    counting,
  ]);
  warnings.push(...read.warnings, ...(completed?.warnings ?? []));
  const ofJob = <P, T extends { job: string; points: readonly P[] }>(
    listing: Listing<T> | undefined,
  ) =>
    listing ? (collect(listing, warnings)?.find((s) => s.job === job)?.points ?? []) : undefined;
  const { cpu, memory, usage } = usageRead;
  // Nothing read live because every figure was stored: the series count as read, empty.
  const live = <P>(points: readonly P[] | undefined) => (usageRead.readLive ? points : []);
  return {
    project,
    region,
    jobName: job,
    job: jobRecord,
    window,
    nowMs: now,
    read,
    cpuPoints: live(ofJob(cpu)),
    memoryPoints: live(ofJob(memory)),
    allocationPoints: ofJob(allocation?.listing),
    ...(allocation?.meteredUntilMs !== undefined && { meteredUntilMs: allocation.meteredUntilMs }),
    // A job that does not log its own usage answers with nothing: that source was not used.
    executionUsage:
      usage && usage.items.length > 0
        ? collect(usage, warnings)
        : storedExact(read, window)
          ? []
          : undefined,
    ...(read.attributed && { attributed: read.attributed }),
    ...(completed && {
      completed: { points: completed.points, comparedUntilMs: completed.comparedUntilMs },
    }),
    warnings,
    // The job read for this page by its access check counts as the report's read of it.
    googleApiCalls: clients.calls.total + (request.knownJob ? 1 : 0),
    callsByMethod: request.knownJob
      ? { ...clients.calls.byMethod, 'run.GetJob': (clients.calls.byMethod['run.GetJob'] ?? 0) + 1 }
      : { ...clients.calls.byMethod },
  };
}

// Cloud Run lists a job's executions of about the last 7 days (and the newest 1,000): the design's
// §2, after https://cloud.google.com/run/docs/managing/job-executions. A first look sees that far.
const CLOUD_RUN_HISTORY_MS = 7 * 86_400_000;

/**
 * From when the history read is complete: a week before the ledger's first sync (or before now
 * when read from Cloud Run directly), or the oldest execution seen if older. Before it a window is
 * empty for want of data, not of executions, so monthly figures do not spread over it.
 */
function historyStartMs(read: ReportExecutions, nowMs: number): number {
  let oldest = (read.ledger?.firstSyncedMs ?? nowMs) - CLOUD_RUN_HISTORY_MS;
  for (const execution of read.executions) oldest = Math.min(oldest, execution.createMs);
  // Whole UTC days, as the cost by day counts them: a first run at 00:00:01 covers its day.
  return Math.floor(oldest / 86_400_000) * 86_400_000;
}

function reportInputOf(inputs: JobReportInputs, choices: JobReportChoices): JobReportInput {
  const { read, window } = inputs;
  return {
    project: inputs.project,
    region: inputs.region,
    job: inputs.jobName,
    window,
    policy: choices.policy,
    payloadMapping: choices.payloadMapping,
    priceBook: choices.priceBook,
    objective: choices.objective,
    ...(choices.maxFailureRate !== undefined && { maxFailureRate: choices.maxFailureRate }),
    nowMs: inputs.nowMs,
    dataFromMs: historyStartMs(read, inputs.nowMs),
    executions: read.executions,
    tasks: read.tasks,
    cpuPoints: inputs.cpuPoints,
    memoryPoints: inputs.memoryPoints,
    allocationPoints: inputs.allocationPoints,
    ...(inputs.meteredUntilMs !== undefined && { meteredUntilMs: inputs.meteredUntilMs }),
    executionUsage: inputs.executionUsage,
    ...(inputs.attributed && { attributed: inputs.attributed }),
    dataWarnings: [...inputs.warnings],
  };
}

/** The projected effect of exactly `limits` on one tier of this reading, as its report models it. */
export function projectTierLimitsFrom(
  inputs: JobReportInputs,
  choices: JobReportChoices,
  tierId: string,
  limits: Limits,
): Projection | null {
  return projectTierLimits(reportInputOf(inputs, choices), tierId, limits);
}

/** `projectTierLimitsFrom` with the tier's failure budget and monthly volume. */
export function assessTierLimitsFrom(
  inputs: JobReportInputs,
  choices: JobReportChoices,
  tierId: string,
  limits: Limits,
): LimitsAssessment | null {
  return assessTierLimits(reportInputOf(inputs, choices), tierId, limits);
}

/** The report of one reading with these choices: no Google call, nothing read again. */
export function buildJobReportFrom(
  inputs: JobReportInputs,
  choices: JobReportChoices,
): JobReportResult {
  const { read, window } = inputs;
  const built = buildJobReport(reportInputOf(inputs, choices));
  const report = inputs.completed
    ? withGaps(built, {
        window,
        completedPoints: inputs.completed.points,
        comparedUntilMs: inputs.completed.comparedUntilMs,
        executions: read.executions,
        allocationPoints: inputs.allocationPoints,
        priceBook: choices.priceBook,
      })
    : built;
  const records = { executions: read.executions, tasks: read.tasks ?? [] };
  return {
    report,
    job: inputs.job,
    records,
    googleApiCalls: inputs.googleApiCalls,
    callsByMethod: inputs.callsByMethod,
    ...(read.ledger && { ledger: read.ledger }),
  };
}

export async function getJobReport(request: JobReportRequest): Promise<JobReportResult> {
  return buildJobReportFrom(await readJobReportInputs(request), request);
}

/** Adds the executions Monitoring counted that the report does not hold, and a warning if any. */
function withGaps(report: JobReport, input: GapInput): JobReport {
  const gaps = findExecutionGaps(input);
  const text = gapWarningText(gaps);
  return {
    ...report,
    gaps,
    warnings: text ? [...report.warnings, { kind: 'execution-gap', text }] : report.warnings,
  };
}
