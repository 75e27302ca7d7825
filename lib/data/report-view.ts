/**
 * The job report as the dashboard shows it: the view from the URL resolved against the team's saved
 * tier policy and price book, read once and shared by every widget of the page. A report is kept
 * for a minute, so the widgets of one page and the next click reuse it instead of re-reading Google;
 * so is each reading of a job's window, so another objective, tier policy or price book over the
 * same window is built from what was read, without asking Google again.
 */
import { appNow } from '@/lib/clock';
import { getStore } from '@/lib/store/instance';
import { getJob, GcpNotFoundError } from '@/lib/gcp';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import type { JobRecord } from '@/lib/domain/records';
import type { JobReport, Objective } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { projectLocation, requestClients } from './clients';
import { forgetProxyReads, jobCheckedByProxy, jobReadByProxy } from './job-check';
import {
  buildJobReportFrom,
  assessTierLimitsFrom,
  readJobReportInputs,
  type JobReportInputs,
} from './report';
import type { Limits } from '@/lib/domain/limits';
import type { LimitsAssessment } from '@/lib/domain/recommend';
import { maxFailureRateOf } from './failure-budgets';
import { getSavedSettings } from './settings';
import { CUSTOM_PRICE_BOOK_ID } from './settings-schema';

export type ReportWindowChoice =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'range'; readonly startMs: number; readonly endMs: number };

export type ReportViewRequest = {
  readonly job: string;
  /** The job's region; the default region (`TIERWISE_REGION`) when omitted, as old links have it. */
  readonly region?: string;
  /** The job's project; GOOGLE_CLOUD_PROJECT when omitted. */
  readonly project?: string;
  readonly window: ReportWindowChoice;
  /** null: the saved policy. */
  readonly policy: TierPolicy | null;
  /** null: the saved book; `custom`: the saved custom rates. */
  readonly bookId: string | null;
  readonly objective: Objective;
};

export type ReportView = {
  readonly report: JobReport;
  readonly job: JobRecord;
  readonly googleApiCalls: number;
  readonly policySource: 'saved' | 'link';
  readonly policyVersion: number;
  /** Wall time spent reading Google and building the report, for the page's footnote. */
  readonly buildMs: number;
};

export class UnknownJobError extends Error {
  constructor(
    readonly job: string,
    readonly region?: string,
  ) {
    super(
      `There is no Cloud Run job called "${job}" in ${region ? `region ${region} of ` : ''}this project${region ? '' : ' and region'}.`,
    );
    this.name = 'UnknownJobError';
  }
}

const FRESH_MS = 60_000;
const MAX_ENTRIES = 24;
const kept = new Map<string, { atMs: number; value: Promise<ReportView> }>();

async function resolveInputs(request: ReportViewRequest) {
  const store = await getStore();
  const saved = await getSavedSettings(store);
  const maxFailureRate = await maxFailureRateOf(store, { ...placeOf(request), job: request.job });
  // `custom` names the saved custom rates; with none saved the saved book is used, and shown.
  const priceBook: PriceBook =
    request.bookId === null || request.bookId === CUSTOM_PRICE_BOOK_ID
      ? saved.priceBook
      : (findPriceBook(request.bookId) ?? saved.priceBook);
  return {
    policy: request.policy ?? saved.policy,
    policySource: request.policy ? ('link' as const) : ('saved' as const),
    policyVersion: saved.policyVersion,
    priceBook,
    maxFailureRate,
  };
}

const MAX_READINGS = 8;
const readings = new Map<string, { atMs: number; value: Promise<JobReportInputs> }>();
/** When a reading of each job last succeeded: the job existed then. */
const readOk = new Map<string, number>();

/** Keeps a promise for a minute under `key`, at most `max` of them; a failed one is dropped. */
function keep<T>(
  entries: Map<string, { atMs: number; value: Promise<T> }>,
  key: string,
  max: number,
  nowMs: number,
  start: () => Promise<T>,
): Promise<T> {
  const hit = entries.get(key);
  if (hit && nowMs - hit.atMs < FRESH_MS) return hit.value;
  const value = start();
  entries.set(key, { atMs: nowMs, value });
  // A failed read is not kept (unless a newer one took its place): the next request tries again.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  if (entries.size > max) entries.delete(entries.keys().next().value as string);
  return value;
}

/** The job's window as read from Google and the ledger, shared by every view of that window. */
function reading(request: ReportViewRequest, nowMs: number): Promise<JobReportInputs> {
  const window =
    request.window.kind === 'days'
      ? { days: request.window.days }
      : { startMs: request.window.startMs, endMs: request.window.endMs };
  const place = placeOf(request);
  const readKey = JSON.stringify([request.job, place.region, place.project, request.window]);
  return keep(readings, readKey, MAX_READINGS, nowMs, () => {
    // The access proxy read the job of the default place for this very page moments ago.
    const home = projectLocation();
    const known =
      place.region === home.region && place.project === home.project
        ? jobReadByProxy(request.job, nowMs)
        : undefined;
    const value = readJobReportInputs({
      clients: requestClients(),
      ...place,
      job: request.job,
      now: nowMs,
      ...window,
      ...(known && { knownJob: known }),
    });
    value.then(
      () => readOk.set(JSON.stringify([request.job, place.region, place.project]), nowMs),
      () => undefined,
    );
    return value;
  });
}

async function build(
  request: ReportViewRequest,
  inputs: Awaited<ReturnType<typeof resolveInputs>>,
  nowMs: number,
): Promise<ReportView> {
  const startedMs = performance.now();
  try {
    const result = buildJobReportFrom(await reading(request, nowMs), {
      policy: inputs.policy,
      priceBook: inputs.priceBook,
      objective: request.objective,
      maxFailureRate: inputs.maxFailureRate,
    });
    return {
      report: result.report,
      job: result.job,
      googleApiCalls: result.googleApiCalls,
      policySource: inputs.policySource,
      policyVersion: inputs.policyVersion,
      buildMs: performance.now() - startedMs,
    };
  } catch (error) {
    if (error instanceof GcpNotFoundError) throw new UnknownJobError(request.job, request.region);
    throw error;
  }
}

/**
 * Drops every kept reading and report of these jobs: after Tierwise changes a job, its report must
 * show the new limits now, not within the minute. (Another app instance, or a change made outside
 * Tierwise, shows within the minute.)
 */
export function forgetJobReports(jobs: readonly string[]): void {
  forgetProxyReads(jobs);
  for (const key of [...readOk.keys()]) {
    if (jobs.some((job) => key.startsWith(`${JSON.stringify([job]).slice(0, -1)},`)))
      readOk.delete(key);
  }
  const prefixes = jobs.map((job) => `${JSON.stringify([job]).slice(0, -1)},`);
  for (const entries of [kept, readings] as Map<string, unknown>[]) {
    for (const key of [...entries.keys()]) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) entries.delete(key);
    }
  }
}

/** The report for this view, read at most once a minute per distinct view. */
export async function loadReportView(
  request: ReportViewRequest,
  nowMs = appNow(),
): Promise<ReportView> {
  const inputs = await resolveInputs(request);
  const place = placeOf(request);
  const key = JSON.stringify([
    request.job,
    place.region,
    place.project,
    request.window,
    request.objective,
    inputs.policy,
    inputs.priceBook,
    inputs.maxFailureRate,
  ]);
  return keep(kept, key, MAX_ENTRIES, nowMs, () => build(request, inputs, nowMs));
}

/**
 * One cheap read before a page starts streaming, so an unknown job answers 404, not 200 — unless
 * a reading of the job succeeded within the minute, which the page will be served from anyway.
 */
export async function jobExists(
  job: string,
  nowMs = appNow(),
  region?: string,
  project?: string,
): Promise<boolean> {
  const place = placeOf({ region, project });
  // The access proxy reads the job of the default project and region before the page streams.
  const home = projectLocation();
  if (place.region === home.region && place.project === home.project) {
    const checked = await jobCheckedByProxy(job);
    if (checked !== undefined) return checked;
  }
  const readAt = readOk.get(JSON.stringify([job, place.region, place.project]));
  if (readAt !== undefined && nowMs - readAt < FRESH_MS) return true;
  try {
    await getJob(requestClients(), { ...place, job });
    return true;
  } catch (error) {
    if (error instanceof GcpNotFoundError) return false;
    throw error;
  }
}

/**
 * The projected effect of exactly `limits` on one tier of this view, from the same reading and
 * models as the view's report, with the tier's failure budget it is held to: what the change form
 * shows as the limits in it change.
 */
export async function projectViewLimits(
  request: ReportViewRequest,
  tierId: string,
  limits: Limits,
  nowMs = appNow(),
): Promise<LimitsAssessment | null> {
  const inputs = await resolveInputs(request);
  try {
    return assessTierLimitsFrom(
      await reading(request, nowMs),
      {
        policy: inputs.policy,
        priceBook: inputs.priceBook,
        objective: request.objective,
        maxFailureRate: inputs.maxFailureRate,
      },
      tierId,
      limits,
    );
  } catch (error) {
    if (error instanceof GcpNotFoundError) throw new UnknownJobError(request.job);
    throw error;
  }
}

/** The request's project and region, the defaults for what it does not name. */
function placeOf(request: {
  readonly region?: string | undefined;
  readonly project?: string | undefined;
}): { project: string; region: string } {
  const place = projectLocation();
  return { project: request.project || place.project, region: request.region || place.region };
}
