/**
 * The job report as the dashboard shows it: the view from the URL resolved against the team's saved
 * tier policy and price book, read once and shared by every widget of the page. A report is kept
 * for a minute, so the widgets of one page and the next click reuse it instead of re-reading Google.
 */
import { getStore } from '@/lib/store/instance';
import { getJob, GcpNotFoundError } from '@/lib/gcp';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import type { JobRecord } from '@/lib/domain/records';
import type { JobReport, Objective } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { projectLocation, requestClients } from './clients';
import { getJobReport } from './report';
import { getSavedSettings } from './settings';
import { CUSTOM_PRICE_BOOK_ID } from './settings-schema';

export type ReportWindowChoice =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'range'; readonly startMs: number; readonly endMs: number };

export type ReportViewRequest = {
  readonly job: string;
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
  constructor(readonly job: string) {
    super(`There is no Cloud Run job called "${job}" in this project and region.`);
    this.name = 'UnknownJobError';
  }
}

const FRESH_MS = 60_000;
const MAX_ENTRIES = 24;
const kept = new Map<string, { atMs: number; view: Promise<ReportView> }>();

async function resolveInputs(request: ReportViewRequest) {
  const saved = await getSavedSettings(await getStore());
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
  };
}

async function build(request: ReportViewRequest, inputs: Awaited<ReturnType<typeof resolveInputs>>, nowMs: number): Promise<ReportView> {
  const startedMs = performance.now();
  const window = request.window.kind === 'days' ? { days: request.window.days } : { startMs: request.window.startMs, endMs: request.window.endMs };
  try {
    const result = await getJobReport({
      clients: requestClients(),
      ...projectLocation(),
      job: request.job,
      policy: inputs.policy,
      priceBook: inputs.priceBook,
      objective: request.objective,
      now: nowMs,
      ...window,
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
    if (error instanceof GcpNotFoundError) throw new UnknownJobError(request.job);
    throw error;
  }
}

/** The report for this view, read at most once a minute per distinct view. */
export async function loadReportView(request: ReportViewRequest, nowMs = Date.now()): Promise<ReportView> {
  const inputs = await resolveInputs(request);
  const key = JSON.stringify([request.job, request.window, request.objective, inputs.policy, inputs.priceBook]);
  const hit = kept.get(key);
  if (hit && nowMs - hit.atMs < FRESH_MS) return hit.view;
  const view = build(request, inputs, nowMs);
  kept.set(key, { atMs: nowMs, view });
  // A failed read is not kept: the next request tries Google again.
  view.catch(() => kept.delete(key));
  if (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value as string);
  return view;
}

/** One cheap read before a page starts streaming, so an unknown job answers 404, not 200. */
export async function jobExists(job: string): Promise<boolean> {
  try {
    await getJob(requestClients(), { ...projectLocation(), job });
    return true;
  } catch (error) {
    if (error instanceof GcpNotFoundError) return false;
    throw error;
  }
}
