/**
 * The split proposal as people and scripts write it, checked the same way in the form (for speed)
 * and on the server (for truth). Field keys are the API's: `job`, `reason`, `tiers.N.tier`,
 * `tiers.N.jobName`, `tiers.N.limits.cpu`, ...
 */
import { z } from 'zod';
import type { ResourceLimits } from '@/lib/domain/records';
import {
  formRowCount,
  parseLimitsAt,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  zodErrors,
  type FieldErrors,
} from '@/lib/changes/proposal-schema';

/** Cloud Run job ids: a lower-case letter first, then letters, digits and dashes, no dash last. */
export const JOB_ID_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

const splitSchema = z.object({
  kind: z.literal('split'),
  job: z
    .string({ error: 'Name the Cloud Run job to split.' })
    .trim()
    .regex(JOB_ID_PATTERN, { error: 'A Cloud Run job id such as reel-stitching-job.' }),
  reason: z
    .string({ error: 'Say why this split is needed.' })
    .trim()
    .min(REASON_MIN_LENGTH, {
      error: `Say why in at least ${REASON_MIN_LENGTH} characters: reviewers decide on it.`,
    })
    .max(REASON_MAX_LENGTH, { error: `Keep the reason under ${REASON_MAX_LENGTH} characters.` }),
  tiers: z
    .array(
      z.object({
        tier: z.string({ error: 'Name the tier.' }).trim().min(1, { error: 'Name the tier.' }),
        jobName: z.string({ error: 'Name the new job.' }).trim().regex(JOB_ID_PATTERN, {
          error:
            'A Cloud Run job id: lower-case letters, digits and dashes, starting with a letter, at most 63 characters.',
        }),
        limits: z.unknown(),
      }),
      { error: 'List the new jobs: [{"tier", "jobName", "limits"}].' },
    )
    .min(1, { error: 'List at least one tier.' }),
});

export type SplitFields = z.input<typeof splitSchema>;

export interface SplitRequest {
  readonly job: string;
  readonly reason: string;
  readonly tiers: readonly {
    tier: string;
    jobName: string;
    limits: Partial<ResourceLimits> & Pick<ResourceLimits, 'vcpu' | 'memoryBytes'>;
  }[];
}

/** The body parsed and every tier's limits checked in one round: every problem keyed by its field. */
export function parseSplit(
  raw: unknown,
): { ok: true; value: SplitRequest } | { ok: false; errors: FieldErrors } {
  const parsed = splitSchema.safeParse(raw);
  const errors: FieldErrors = parsed.success ? {} : zodErrors(parsed.error);
  const body = typeof raw === 'object' && raw !== null ? (raw as { tiers?: unknown }) : {};
  const items: unknown[] = Array.isArray(body.tiers) ? body.tiers : [];
  const limits = items.map((item, index) => {
    const given = typeof item === 'object' && item !== null ? (item as { limits?: unknown }) : {};
    const result = parseLimitsAt(given.limits, `tiers.${index}.limits`);
    if (!result.ok) Object.assign(errors, result.errors);
    return result.ok ? result.value : undefined;
  });
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const tiers = parsed.data.tiers.map((item, index) => ({
    tier: item.tier,
    jobName: item.jobName,
    limits: limits[index] as NonNullable<(typeof limits)[number]>,
  }));
  return { ok: true, value: { job: parsed.data.job, reason: parsed.data.reason, tiers } };
}

/** The form's flat fields (`tiers.0.cpu`, ...) in the API's shape, so both go through one parser. */
export function splitFromForm(job: string, form: FormData): SplitFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const count = formRowCount(text('tierCount'));
  return {
    kind: 'split',
    job,
    reason: text('reason'),
    tiers: Array.from({ length: count }, (_, index) => ({
      tier: text(`tiers.${index}.tier`),
      jobName: text(`tiers.${index}.jobName`),
      limits: {
        cpu: text(`tiers.${index}.cpu`),
        memory: text(`tiers.${index}.memory`),
        timeoutSeconds: text(`tiers.${index}.timeoutSeconds`),
        maxRetries: text(`tiers.${index}.maxRetries`),
      },
    })),
  };
}
