/**
 * The proposal as people and scripts write it (`"2"`, `"4Gi"`, seconds), checked with Cloud Run's
 * rules. Shared by the form (for speed) and the server (for truth); field keys are the API's:
 * `job`, `tier`, `limits.cpu`, `limits.memory`, `limits.timeoutSeconds`, `limits.maxRetries`, `reason`.
 */
import { z } from 'zod';
import { DECIMAL_TEXT } from '@/lib/http/decimal';
import { validateLimits, type Limits } from '@/lib/domain/limits';
import { parseCpuQuantity, parseMemoryQuantity, QuantityError } from '@/lib/domain/quantities';

export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 2000;
export const COMMENT_MAX_LENGTH = 2000;

const wholeNumber = z.union([
  z.number(),
  z
    .string()
    .trim()
    .transform((text) =>
      text === '' ? undefined : DECIMAL_TEXT.test(text) ? Number(text) : Number.NaN,
    ),
]);

export const proposalSchema = z.object({
  job: z
    .string({ error: 'Name the Cloud Run job.' })
    .trim()
    .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, {
      error:
        'A Cloud Run job id: lower-case letters, digits and dashes, such as reel-stitching-job.',
    }),
  tier: z
    .string()
    .trim()
    .max(64, { error: 'A tier id is at most 64 characters.' })
    .optional()
    .transform((tier) => (tier === '' ? undefined : tier)),
  limits: z.object(
    {
      cpu: z.union([z.string(), z.number()], { error: 'Give a CPU value such as "2".' }),
      memory: z.string({ error: 'Give a memory value such as "4Gi".' }),
      timeoutSeconds: wholeNumber.optional(),
      maxRetries: wholeNumber.optional(),
    },
    { error: 'Give the limits: {"cpu": "2", "memory": "4Gi"}.' },
  ),
  reason: z
    .string({ error: 'Say why this change is needed.' })
    .trim()
    .min(REASON_MIN_LENGTH, {
      error: `Say why in at least ${REASON_MIN_LENGTH} characters: reviewers decide on it.`,
    })
    .max(REASON_MAX_LENGTH, { error: `Keep the reason under ${REASON_MAX_LENGTH} characters.` }),
  // Lower memory in steps, each verified before the next (lib/changes/stages.ts).
  staged: z.boolean({ error: 'staged is true or false.' }).optional(),
});

export type ProposalFields = z.input<typeof proposalSchema>;

/** Limits as numbers; timeout and retries left out keep the job's current values. */
export type ProposedLimits = Pick<Limits, 'vcpu' | 'memoryBytes'> &
  Partial<Pick<Limits, 'timeoutSeconds' | 'maxRetries'>>;

export interface Proposal {
  readonly job: string;
  readonly tier?: string;
  readonly limits: ProposedLimits;
  readonly reason: string;
  readonly staged?: boolean;
}

export type FieldErrors = Record<string, string>;
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const LIMIT_KEYS = {
  vcpu: 'limits.cpu',
  memoryBytes: 'limits.memory',
  timeoutSeconds: 'limits.timeoutSeconds',
  maxRetries: 'limits.maxRetries',
} as const satisfies Record<keyof Limits, string>;

function quantity(parse: (text: string) => number, text: string | number): number | string {
  if (typeof text === 'number') return text;
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof QuantityError) return error.message;
    throw error;
  }
}

export function zodErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    errors[key] ??= issue.message;
  }
  return errors;
}

function limitErrors(limits: LimitsFields): { errors: FieldErrors; value: ProposedLimits } {
  const errors: FieldErrors = {};
  const vcpu = quantity(parseCpuQuantity, limits.cpu);
  const memoryBytes = quantity(parseMemoryQuantity, limits.memory);
  if (typeof vcpu === 'string') errors[LIMIT_KEYS.vcpu] = vcpu;
  if (typeof memoryBytes === 'string') errors[LIMIT_KEYS.memoryBytes] = memoryBytes;
  const candidate = {
    vcpu: typeof vcpu === 'number' ? vcpu : 1,
    memoryBytes: typeof memoryBytes === 'number' ? memoryBytes : 2 ** 29,
    timeoutSeconds: limits.timeoutSeconds ?? 600,
    maxRetries: limits.maxRetries ?? 0,
  };
  const checked = validateLimits(candidate);
  if (!checked.ok) {
    for (const [field, message] of Object.entries(checked.errors) as [keyof Limits, string][]) {
      const given = field === 'timeoutSeconds' || field === 'maxRetries' ? limits[field] : true;
      if (given !== undefined) errors[LIMIT_KEYS[field]] ??= message;
    }
  }
  if (limits.timeoutSeconds !== undefined && !Number.isInteger(limits.timeoutSeconds)) {
    errors[LIMIT_KEYS.timeoutSeconds] ??= 'Task timeout must be a whole number of seconds.';
  }
  const value: ProposedLimits = {
    vcpu: candidate.vcpu,
    memoryBytes: candidate.memoryBytes,
    ...(limits.timeoutSeconds !== undefined && { timeoutSeconds: limits.timeoutSeconds }),
    ...(limits.maxRetries !== undefined && { maxRetries: limits.maxRetries }),
  };
  return { errors, value };
}

type LimitsFields = z.output<typeof proposalSchema>['limits'];
const otherFieldsSchema = proposalSchema.omit({ limits: true });

/**
 * One `limits` object checked as a proposal's are, its errors keyed under `at` (`limits`,
 * `tiers.2.limits`, ...): quantities parsed, then Cloud Run's rules, every offending field named.
 */
export function parseLimitsAt(raw: unknown, at: string): ParseResult<ProposedLimits> {
  const shape = proposalSchema.shape.limits.safeParse(raw);
  if (!shape.success) {
    const errors: FieldErrors = {};
    for (const [key, message] of Object.entries(zodErrors(shape.error))) {
      errors[key === 'body' ? at : `${at}.${key}`] = message;
    }
    return { ok: false, errors };
  }
  const { errors, value } = limitErrors(shape.data);
  const keyed: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    keyed[key.replace(/^limits/, at)] = message;
  }
  return Object.keys(keyed).length > 0 ? { ok: false, errors: keyed } : { ok: true, value };
}

/**
 * Quantities parsed, then Cloud Run's limit rules; every offending field gets its own message,
 * the limits checked even when another field is wrong, so one round shows every problem.
 */
export function parseProposal(raw: unknown): ParseResult<Proposal> {
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const others = otherFieldsSchema.safeParse(body);
  const errors: FieldErrors = others.success ? {} : zodErrors(others.error);
  const limits = parseLimitsAt(body.limits, 'limits');
  if (!limits.ok) Object.assign(errors, limits.errors);
  if (Object.keys(errors).length > 0 || !others.success || !limits.ok) return { ok: false, errors };
  return { ok: true, value: { ...others.data, limits: limits.value } };
}

const decisionSchema = z.object({
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX_LENGTH, { error: `Keep the comment under ${COMMENT_MAX_LENGTH} characters.` })
    .optional(),
});

/** Approve takes an optional comment; reject needs one, so the requester learns why. */
export function parseDecision(raw: unknown, required: boolean): ParseResult<{ comment?: string }> {
  const parsed = decisionSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const comment = parsed.data.comment || undefined;
  if (required && !comment) {
    return {
      ok: false,
      errors: { comment: 'Say why it is rejected, so the requester can act on it.' },
    };
  }
  return { ok: true, value: comment === undefined ? {} : { comment } };
}

/** The form's flat fields in the API's shape, so both go through one parser. */
/** More rows than any form renders: a posted `rowCount` of 10^9 must not build 10^9 rows. */
export const MAX_FORM_ROWS = 100;

/** A form's row count field as a whole number from 0 to `MAX_FORM_ROWS`. */
export function formRowCount(text: string): number {
  const count = DECIMAL_TEXT.test(text) ? Math.trunc(Number(text)) : 0;
  return Math.min(Math.max(count, 0), MAX_FORM_ROWS);
}

export function proposalFromForm(job: string, form: FormData): ProposalFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    job,
    tier: text('tier'),
    limits: {
      cpu: text('cpu'),
      memory: text('memory'),
      timeoutSeconds: text('timeoutSeconds'),
      maxRetries: text('maxRetries'),
    },
    reason: text('reason'),
    ...(form.get('staged') === 'on' && { staged: true }),
  };
}
