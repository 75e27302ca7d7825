/**
 * A tier policy proposal as the settings form and the API send it, checked with one schema in the
 * browser (for speed) and on the server (for truth): the tiers as the settings form writes them
 * (blank bound = no limit, a Cloud Run job id when a tier has its own job, every tier reachable)
 * and a reason for the reviewer. API keys are `policy.tiers.2.maxClipCount` and `reason`.
 */
import { z } from 'zod';
import { policyFromForm, tierPolicySchema } from '@/lib/data/settings-schema';
import type { TierPolicy } from '@/lib/domain/tiers';
import {
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  zodErrors,
  type FieldErrors,
  type ParseResult,
} from '@/lib/changes/proposal-schema';

export const tierPolicyProposalSchema = z.object({
  policy: tierPolicySchema,
  reason: z
    .string({ error: 'Say why the tier policy should change.' })
    .trim()
    .min(REASON_MIN_LENGTH, {
      error: `Say why in at least ${REASON_MIN_LENGTH} characters: the approver decides on it.`,
    })
    .max(REASON_MAX_LENGTH, { error: `Keep the reason under ${REASON_MAX_LENGTH} characters.` }),
});

export interface TierPolicyProposalInput {
  readonly policy: TierPolicy;
  readonly reason: string;
}

export function parseTierPolicyProposal(raw: unknown): ParseResult<TierPolicyProposalInput> {
  const parsed = tierPolicyProposalSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  return {
    ok: true,
    value: { policy: parsed.data.policy as TierPolicy, reason: parsed.data.reason },
  };
}

/** The settings form's flat fields (`tiers.0.maxClipCount`, `reason`) in the API's shape. */
export function tierPolicyProposalFromForm(form: FormData): { policy: unknown; reason: unknown } {
  return { policy: policyFromForm(form), reason: form.get('reason') ?? '' };
}

/** API keys as the settings form names its fields: `policy.tiers.2.id` → `tiers.2.id`. */
export function formFieldErrors(errors: FieldErrors): FieldErrors {
  const named: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key === 'policy' ? 'tiers' : key.replace(/^policy\./, '');
    named[field] ??= message;
  }
  return named;
}
