/**
 * Proposals for several tiers at once, each on its own job, as people and scripts write them:
 * `{"reason", "items": [{"job", "tier", "limits": {"cpu", "memory", ...}}]}`. Checked the same way
 * in the form (for speed) and on the server (for truth); every problem is keyed by its field —
 * `items.2.limits.cpu`, `items.0.job`, `reason` — so one round shows them all.
 */
import { z } from 'zod';
import {
  formRowCount,
  parseLimitsAt,
  proposalSchema,
  zodErrors,
  type FieldErrors,
  type ParseResult,
  type ProposedLimits,
} from '@/lib/changes/proposal-schema';

/** One Google read and dry run per item; a tier policy has a handful of tiers. */
export const MAX_BATCH_ITEMS = 20;

const batchSchema = z.object({
  reason: proposalSchema.shape.reason,
  items: z
    .array(
      z.object({
        job: proposalSchema.shape.job,
        tier: z
          .string({ error: 'Name the tier.' })
          .trim()
          .min(1, { error: 'Name the tier.' })
          .max(64, { error: 'A tier id is at most 64 characters.' }),
        limits: z.unknown(),
      }),
      { error: 'List the changes: [{"job", "tier", "limits"}].' },
    )
    .min(1, { error: 'Include at least one tier.' })
    .max(MAX_BATCH_ITEMS, { error: `Propose at most ${MAX_BATCH_ITEMS} changes at once.` }),
});

export type BatchFields = z.input<typeof batchSchema>;

export interface BatchItem {
  readonly job: string;
  readonly tier: string;
  readonly limits: ProposedLimits;
}

export interface BatchRequest {
  readonly reason: string;
  readonly items: readonly BatchItem[];
}

export function parseBatch(raw: unknown): ParseResult<BatchRequest> {
  const parsed = batchSchema.safeParse(raw);
  const errors: FieldErrors = parsed.success ? {} : zodErrors(parsed.error);
  const body = typeof raw === 'object' && raw !== null ? (raw as { items?: unknown }) : {};
  const given: unknown[] = Array.isArray(body.items) ? body.items : [];
  const limits = given.map((item, index) => {
    const fields = typeof item === 'object' && item !== null ? (item as { limits?: unknown }) : {};
    const result = parseLimitsAt(fields.limits, `items.${index}.limits`);
    if (!result.ok) Object.assign(errors, result.errors);
    return result.ok ? result.value : undefined;
  });
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const items = parsed.data.items.map((item, index) => ({
    job: item.job,
    tier: item.tier,
    limits: limits[index] as ProposedLimits,
  }));
  return { ok: true, value: { reason: parsed.data.reason, items } };
}

/**
 * The form's flat fields (`items.0.cpu`, `items.0.include`, ...) in the API's shape. Only rows
 * ticked for inclusion become items, so `rows[k]` names the form row of item k.
 */
export function batchFromForm(form: FormData): { body: BatchFields; rows: number[] } {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const count = formRowCount(text('rowCount'));
  const rows = Array.from({ length: count }, (_, row) => row).filter(
    (row) => text(`items.${row}.include`) === 'on',
  );
  const items = rows.map((row) => ({
    job: text(`items.${row}.job`),
    tier: text(`items.${row}.tier`),
    limits: {
      cpu: text(`items.${row}.cpu`),
      memory: text(`items.${row}.memory`),
      timeoutSeconds: text(`items.${row}.timeoutSeconds`),
      maxRetries: text(`items.${row}.maxRetries`),
    },
  }));
  return { body: { reason: text('reason'), items }, rows };
}

/** Item keys (`items.1.limits.cpu`) as the form rows they came from (`items.3.limits.cpu`). */
export function rowErrors(errors: FieldErrors, rows: readonly number[]): FieldErrors {
  const keyed: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^items\.(\d+)(\..*)?$/.exec(key);
    const row = match ? rows[Number(match[1])] : undefined;
    keyed[row === undefined ? key : `items.${row}${match?.[2] ?? ''}`] ??= message;
  }
  return keyed;
}
