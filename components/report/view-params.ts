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
import { PRICE_BOOKS } from '@/lib/domain/pricing';
import { OBJECTIVES, type Objective } from '@/lib/domain/report/types';
import { validateTierPolicy, type Tier, type TierPolicy } from '@/lib/domain/tiers';
import type { ReportViewRequest } from '@/lib/data/report-view';

export const WINDOW_DAYS = [7, 30, 90] as const;
export const DEFAULT_WINDOW_DAYS = 30;
export const DEFAULT_OBJECTIVE: Objective = 'balanced';
/** `custom` names the team's saved custom rates (lib/data/settings). */
export const BOOK_CHOICES = [...PRICE_BOOKS.map((book) => book.id), 'custom'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalNumber = (value: unknown) =>
  value === undefined || (typeof value === 'number' && Number.isFinite(value));
const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

// Checked by hand rather than with the settings' zod schema, so the report page ships no zod.
function tierFromUrl(value: unknown): Tier | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.label !== 'string')
    return null;
  if (
    !optionalNumber(value.maxClipCount) ||
    !optionalNumber(value.maxTotalMb) ||
    !optionalText(value.jobName)
  )
    return null;
  return {
    id: value.id,
    label: value.label,
    ...(value.maxClipCount !== undefined && { maxClipCount: value.maxClipCount as number }),
    ...(value.maxTotalMb !== undefined && { maxTotalMb: value.maxTotalMb as number }),
    ...(value.jobName !== undefined && { jobName: value.jobName as string }),
  };
}

/** A tier policy from a link, valid by the same rules as a saved one; anything else is ignored. */
export function policyFromUrl(value: unknown): TierPolicy | null {
  if (!isRecord(value) || !Array.isArray(value.tiers)) return null;
  const tiers = value.tiers.map(tierFromUrl);
  if (tiers.some((tier) => tier === null)) return null;
  const policy = { tiers: tiers as Tier[] };
  return validateTierPolicy(policy).ok ? policy : null;
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

/** As the data layer and shared reports allow. */
const MAX_RANGE_DAYS = 400;

export type ViewWindow =
  | { readonly kind: 'days'; readonly days: number }
  | {
      readonly kind: 'range';
      readonly startMs: number;
      readonly endMs: number;
      /** Set when the range asked for was longer than a report covers and was cut to its end. */
      readonly clampedFromMs?: number;
    };

/**
 * A custom range covers whole UTC days, `to` included; an incomplete or reversed one is ignored.
 * One longer than 400 days keeps its last 400 days and says so in `clampedFromMs`.
 */
export function windowOf(params: Pick<ViewParams, 'days' | 'from' | 'to'>): ViewWindow {
  const { from, to } = params;
  if (from && to && from.getTime() <= to.getTime()) {
    const endMs = to.getTime() + DAY_MS;
    const startMs = Math.max(from.getTime(), endMs - MAX_RANGE_DAYS * DAY_MS);
    return startMs === from.getTime()
      ? { kind: 'range', startMs, endMs }
      : { kind: 'range', startMs, endMs, clampedFromMs: from.getTime() };
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
