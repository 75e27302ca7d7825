/**
 * "Applied outside Tierwise": an approved change that a team applied through its own pipeline
 * (the gcloud line, YAML or Terraform of export/) is recorded as applied once Cloud Run is seen to
 * run the approved limits, so verification treats it like any other applied change.
 */
import { z } from 'zod';
import type { ChangeRequest } from '@/lib/store';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError, ChangeStateError } from './errors';
import { readJob } from '@/lib/changes/cloud-run';
import { describeLimits, limitsOf, sameLimits } from './job-limits';
import { requirePermission } from './permissions';
import { loadChangeAt, move, requireState } from './transitions';

const outsideSchema = z.object({
  note: z
    .string({ error: 'Say how it was applied, e.g. "Terraform run 4411 in infra-prod".' })
    .trim()
    .min(3, 'Say how it was applied, e.g. "Terraform run 4411 in infra-prod".')
    .max(500, 'Keep it under 500 characters.'),
});

export async function markAppliedOutside(
  given: ChangeContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'apply-change', 'record a change as applied');
  const parsed = outsideSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ChangeInputError({ note: first?.message ?? 'Say how it was applied.' });
  }
  const { change, context } = await loadChangeAt(given, id);
  requireState(change, ['approved'], 'recorded as applied outside Tierwise');
  if (change.plan) {
    throw new ChangeStateError(`Change ${id} creates jobs; apply it from Tierwise.`);
  }
  const job = await readJob(context, change.job);
  const now = limitsOf(job);
  if (!sameLimits(now, change.limitsAfter)) {
    throw new ChangeStateError(
      `Cloud Run still runs ${change.job} with ${describeLimits(now)}, not the approved ${describeLimits(change.limitsAfter)}; apply it first, then record it.`,
    );
  }
  const applied = await move(context, id, {
    from: ['approved'],
    to: 'applied',
    actor: actor.email,
    patch: { appliedOutside: parsed.data.note },
  });
  context.onJobsChanged?.([change.job]);
  return applied;
}

/** Whether the change's `change.applied` entry says it was applied outside Tierwise. */
export function appliedOutsideNote(
  history: readonly { action: string; details: Record<string, unknown> }[],
): string | null {
  const entry = history.find((each) => each.action === 'change.applied');
  const note = entry?.details.appliedOutside;
  return typeof note === 'string' ? note : null;
}
