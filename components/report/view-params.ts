/**
 * The report's state in the URL, typed by nuqs parsers shared by the server (which reads them) and
 * the client controls (which write them): a copied link reproduces the view. Pure module.
 */
import {
  createLoader,
  createSerializer,
  parseAsIsoDate,
  parseAsJson,
  parseAsNumberLiteral,
  parseAsStringLiteral,
} from 'nuqs/server';
import { OBJECTIVES, type Objective } from '@/lib/domain/report/types';
import type { TierPolicy } from '@/lib/domain/tiers';
import type { ReportViewRequest } from '@/lib/data/report-view';
import { CUSTOM_PRICE_BOOK_ID, PRICE_BOOK_IDS, tierPolicySchema } from '@/lib/data/settings-schema';

export const WINDOW_DAYS = [7, 30, 90] as const;
export const DEFAULT_WINDOW_DAYS = 30;
export const DEFAULT_OBJECTIVE: Objective = 'balanced';
export const BOOK_CHOICES = [...PRICE_BOOK_IDS, CUSTOM_PRICE_BOOK_ID] as const;

function policyFromUrl(value: unknown): TierPolicy | null {
  const parsed = tierPolicySchema.safeParse(value);
  return parsed.success ? (parsed.data as TierPolicy) : null;
}

/** Absent `book` and `policy` mean the team's saved ones; `from`/`to` (UTC days) beat `days`. */
export const viewParsers = {
  days: parseAsNumberLiteral(WINDOW_DAYS).withDefault(DEFAULT_WINDOW_DAYS),
  from: parseAsIsoDate,
  to: parseAsIsoDate,
  book: parseAsStringLiteral(BOOK_CHOICES),
  objective: parseAsStringLiteral(OBJECTIVES).withDefault(DEFAULT_OBJECTIVE),
  policy: parseAsJson(policyFromUrl),
};

export const loadViewParams = createLoader(viewParsers);
export const serializeView = createSerializer(viewParsers);
export type ViewParams = Awaited<ReturnType<typeof loadViewParams>>;

const DAY_MS = 86_400_000;

export type ViewWindow =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'range'; readonly startMs: number; readonly endMs: number };

/** A custom range covers whole UTC days, `to` included; an incomplete or reversed one is ignored. */
export function windowOf(params: Pick<ViewParams, 'days' | 'from' | 'to'>): ViewWindow {
  const { from, to } = params;
  if (from && to && from.getTime() <= to.getTime()) {
    return { kind: 'range', startMs: from.getTime(), endMs: to.getTime() + DAY_MS };
  }
  return { kind: 'days', days: params.days };
}

/** The parameters that pick the data, defaults left out; a link to another page keeps them. */
export function viewQuery(params: Partial<ViewParams>): string {
  return serializeView(params);
}

/** What the data layer needs to read the reports this URL shows, for any job. */
export function overviewRequestOf(params: ViewParams): Omit<ReportViewRequest, 'job'> {
  return {
    window: windowOf(params),
    policy: params.policy,
    bookId: params.book,
    objective: params.objective,
  };
}

export function reportRequestOf(job: string, params: ViewParams): ReportViewRequest {
  return { job, ...overviewRequestOf(params) };
}
