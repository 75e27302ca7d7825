/**
 * New limits for several tiers at once when each tier runs as its own job: one change request per
 * item, each with its own dry run, evidence and etag, reviewed and applied on its own afterwards.
 * All or nothing: every item is checked and dry-run by Cloud Run first, and only when all pass are
 * they stored, in one transaction; otherwise every bad item's problems come back keyed by index.
 */
import type { TierPolicy } from '@/lib/domain/tiers';
import { createChangeRequests, type ChangeRequest } from '@/lib/store';
import { parseBatch, type BatchItem } from '@/lib/changes/plans/batch-schema';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError } from '@/lib/changes/errors';
import { requirePermission } from '@/lib/changes/permissions';
import { changeToStore, checkChange, checkTier, type CheckedChange } from '@/lib/changes/propose';
import type { FieldErrors } from '@/lib/changes/proposal-schema';
import { proposalContext } from '@/lib/changes/place';

function keyed(index: number, errors: Readonly<FieldErrors>): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => [`items.${index}.${key}`, message]),
  );
}

/** Each item names a tier of the policy, on the job that serves it, once; each job once. */
function checkItems(policy: TierPolicy, items: readonly BatchItem[]): FieldErrors {
  const errors: FieldErrors = {};
  const tiers = new Set<string>();
  const jobs = new Set<string>();
  items.forEach((item, index) => {
    if (!policy.tiers.some((tier) => tier.id === item.tier)) {
      const known = policy.tiers.map((tier) => tier.id).join(', ');
      errors[`items.${index}.tier`] = `Unknown tier "${item.tier}"; the tier policy has ${known}.`;
    } else if (tiers.has(item.tier)) {
      errors[`items.${index}.tier`] = `Tier ${item.tier} is listed twice.`;
    } else {
      try {
        checkTier(policy, item.job, item.tier);
      } catch (error) {
        if (!(error instanceof ChangeInputError)) throw error;
        Object.assign(errors, keyed(index, error.errors));
      }
    }
    if (jobs.has(item.job)) {
      errors[`items.${index}.job`] =
        `Job ${item.job} is listed twice: applying one change would supersede the other. Propose one change per job.`;
    }
    tiers.add(item.tier);
    jobs.add(item.job);
  });
  return errors;
}

/**
 * Every item the policy allows is read and dry-run (concurrently); the problems of all items, the
 * policy's and Google's, come back together so one round shows them all.
 */
async function checkAll(
  context: ChangeContext,
  reason: string,
  items: readonly BatchItem[],
): Promise<CheckedChange[]> {
  const errors = checkItems(context.tierPolicy, items);
  const allowed = (index: number) =>
    !Object.keys(errors).some((key) => key.startsWith(`items.${index}.`));
  const outcomes = await Promise.allSettled(
    items.map((item, index) =>
      allowed(index) ? checkChange(context, { ...item, reason }) : Promise.resolve(null),
    ),
  );
  const checked: CheckedChange[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === 'fulfilled') {
      if (outcome.value) checked.push(outcome.value);
    } else if (outcome.reason instanceof ChangeInputError) {
      Object.assign(errors, keyed(index, outcome.reason.errors));
    } else throw outcome.reason;
  }
  if (Object.keys(errors).length > 0) throw new ChangeInputError(errors);
  return checked;
}

export async function proposeChanges(
  given: ChangeContext,
  actor: Actor,
  raw: unknown,
): Promise<ChangeRequest[]> {
  requirePermission(actor, 'propose-change', 'propose changes');
  // Every item's job is in the place the body names (`project`, `region`), the default otherwise.
  const context = await proposalContext(given, raw);
  const parsed = parseBatch(raw);
  if (!parsed.ok) throw new ChangeInputError(parsed.errors);
  const { reason, items } = parsed.value;
  const checked = await checkAll(context, reason, items);
  const changes = await Promise.all(checked.map((item) => changeToStore(context, actor, item)));
  return createChangeRequests(context.store, changes);
}
