/** What a share request may carry: the job and the report's own settings, checked at the boundary. */
import { z } from 'zod';
import { CUSTOM_PRICE_BOOK_ID, tierPolicySchema } from '@/lib/data/settings-schema';
import { decimalNumber } from '@/lib/http/decimal';
import { PRICE_BOOKS } from '@/lib/domain/pricing';
import { OBJECTIVES, type Objective } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { PROJECT_PATTERN, REGION_PATTERN } from '@/lib/domain/place';
import { SnapshotRequestError } from '@/lib/snapshots/errors';

const PRICE_BOOK_IDS = PRICE_BOOKS.map((book) => book.id) as [string, ...string[]];
const MAX_DAYS = 400;
const MAX_POLICY_CHARS = 20_000;

export const snapshotRequestSchema = z
  .object({
    job: z
      .string()
      .regex(
        /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
        'expected a Cloud Run job name, e.g. reel-stitching-job',
      ),
    /** The job's place as the report's link names it; absent: the default project and region. */
    project: z.string().regex(PROJECT_PATTERN, 'expected a Google Cloud project id').optional(),
    region: z
      .string()
      .regex(REGION_PATTERN, 'expected a Cloud Run region such as us-central1')
      .optional(),
    days: decimalNumber.pipe(z.number().int().min(1).max(MAX_DAYS)).optional(),
    startMs: decimalNumber.pipe(z.number().int().nonnegative()).optional(),
    endMs: decimalNumber.pipe(z.number().int().positive()).optional(),
    /** Absent: the team's saved book; `custom`: the team's saved custom rates. */
    priceBook: z.enum([...PRICE_BOOK_IDS, CUSTOM_PRICE_BOOK_ID]).optional(),
    /** A tier policy as the report's link carries it (JSON); absent: the approved one. */
    policy: z
      .string()
      .max(MAX_POLICY_CHARS, 'a tier policy of at most 20,000 characters')
      .optional(),
    objective: z.enum(OBJECTIVES).default('balanced'),
    expiresInDays: decimalNumber.pipe(z.number().int().min(1).max(3650)).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const absolute = value.startMs !== undefined || value.endMs !== undefined;
    if (absolute && value.days !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: 'give either days or startMs and endMs, not both',
      });
    }
    if (
      absolute &&
      !(value.startMs !== undefined && value.endMs !== undefined && value.endMs > value.startMs)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['endMs'],
        message: 'startMs and endMs go together, with the end after the start',
      });
    }
    if (absolute && value.endMs! - value.startMs! > MAX_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['startMs'],
        message: `a report covers at most ${MAX_DAYS} days`,
      });
    }
  });

export type SnapshotRequest = {
  readonly job: string;
  /** Undefined: the default project / region. */
  readonly project?: string | undefined;
  readonly region?: string | undefined;
  readonly window: { readonly days: number } | { readonly startMs: number; readonly endMs: number };
  /** Undefined: the team's saved book. */
  readonly priceBook: string | undefined;
  /** Undefined: the approved tier policy. */
  readonly policy: TierPolicy | undefined;
  readonly objective: Objective;
  readonly expiresInDays: number | undefined;
};

function policyOf(text: string | undefined): TierPolicy | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SnapshotRequestError('The report to share is not valid; see the field errors.', {
      policy: ['is not JSON: expected {"tiers": [...]} as the report link carries it'],
    });
  }
  const parsed = tierPolicySchema.safeParse(json);
  if (!parsed.success) {
    throw new SnapshotRequestError('The report to share is not valid; see the field errors.', {
      policy: parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'tiers'}: ${issue.message}`,
      ),
    });
  }
  return parsed.data as TierPolicy;
}

/** Parses untrusted input (JSON body or form fields); field errors instead of a throw deep inside. */
export function parseSnapshotRequest(input: unknown, nowMs = Date.now()): SnapshotRequest {
  const parsed = snapshotRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field =
        issue.path.join('.') ||
        (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'body');
      (fieldErrors[field] ??= []).push(issue.message);
    }
    throw new SnapshotRequestError(
      'The report to share is not valid; see the field errors.',
      fieldErrors,
    );
  }
  const {
    job,
    project,
    region,
    days,
    startMs,
    endMs,
    priceBook,
    policy,
    objective,
    expiresInDays,
  } = parsed.data;
  if (startMs !== undefined && startMs >= nowMs) {
    throw new SnapshotRequestError('The report to share is not valid; see the field errors.', {
      startMs: ['the window starts in the future; a report covers time already past'],
    });
  }
  const window =
    startMs !== undefined && endMs !== undefined ? { startMs, endMs } : { days: days ?? 30 };
  return {
    job,
    project,
    region,
    window,
    priceBook,
    policy: policyOf(policy),
    objective: objective as Objective,
    expiresInDays,
  };
}

/** Form fields as strings; empty ones count as not given. */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && value !== '' && !key.startsWith('$')) out[key] = value;
  }
  return out;
}
