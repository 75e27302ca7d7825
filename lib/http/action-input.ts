/**
 * The arguments a server action receives come from the browser, bound ones included (an id bound
 * with `.bind(null, id)` is sent back by the client on every call), so each is checked before use:
 * an object where an id belongs, a missing form or a number as an email is a 400 with the reason,
 * never a crash deep in the store.
 */
import { z } from 'zod';
import type { ActionFailure } from '@/lib/service/action-state';
import { PROJECT_PATTERN, REGION_PATTERN } from '@/lib/domain/place';

function isForm(value: unknown): value is FormData {
  if (value instanceof FormData) return true;
  const form = value as FormData | null;
  return (
    typeof form === 'object' &&
    form !== null &&
    typeof form.get === 'function' &&
    typeof form.entries === 'function'
  );
}

const settingValue = z.union([z.string().max(20_000), z.number(), z.undefined()]);

export const ACTION_ARGUMENTS = {
  /** Change, tier policy version and snapshot ids: base64url, 22 characters today. */
  id: z
    .string({ error: 'expected an id as text' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected an id of letters, digits, - and _' }),
  job: z
    .string({ error: 'expected a job name as text' })
    .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'expected a Cloud Run job name' }),
  email: z.string({ error: 'expected an email address as text' }).max(320),
  version: z.number({ error: 'expected a version number' }).int().nonnegative(),
  form: z.custom<FormData>(isForm, { error: "expected the form's fields" }),
  /** A job's project and region from a form's hidden fields; either may be left out. */
  place: z.object(
    {
      project: z
        .string({ error: 'expected a project id as text' })
        .regex(PROJECT_PATTERN, { error: 'expected a Google Cloud project id' })
        .optional(),
      region: z
        .string({ error: 'expected a region as text' })
        .regex(REGION_PATTERN, { error: 'expected a Cloud Run region such as us-central1' })
        .optional(),
    },
    { error: "expected the job's project and region" },
  ),
  settings: z.record(z.string().max(64), settingValue, {
    error: "expected the report's settings",
  }),
} as const;

export type ActionArgumentName = keyof typeof ACTION_ARGUMENTS;

/** A 400 naming the first malformed argument, or `undefined` when all are well formed. */
export function malformedActionInput(
  args: Partial<Record<ActionArgumentName, unknown>>,
): ActionFailure | undefined {
  for (const [name, value] of Object.entries(args) as [ActionArgumentName, unknown][]) {
    const parsed = ACTION_ARGUMENTS[name].safeParse(value);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'malformed';
      return {
        ok: false,
        status: 400,
        error: `This request is malformed (${name}: ${reason}); nothing was changed. Reload the page and try again.`,
      };
    }
  }
  return undefined;
}
