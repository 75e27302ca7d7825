import type { ChangeRequest } from '@/lib/store';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';
import { ChangeForbiddenError, ChangeInputError, ChangeStateError } from './errors';
import { readJob } from '@/lib/changes/cloud-run';
import { driftOf } from './job-limits';
import { requirePermission } from './permissions';
import { parseDecision } from './proposal-schema';
import { loadChange, loadChangeAt, move, requireState } from './transitions';

function isRequester(actor: Actor, change: ChangeRequest): boolean {
  return actor.email.trim().toLowerCase() === change.requester;
}

function decision(raw: unknown, required: boolean): { comment?: string } {
  const result = parseDecision(raw, required);
  if (!result.ok) throw new ChangeInputError(result.errors);
  return result.value;
}

/**
 * Approval by someone other than the requester, bound to the job as it was proposed against:
 * if the job was edited since, the change is superseded instead and the approver told why.
 */
export async function approveChange(
  given: ChangeContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'approve-change', 'approve changes');
  const { comment } = decision(raw, false);
  const { change, context } = await loadChangeAt(given, id);
  if (isRequester(actor, change)) {
    throw new ChangeForbiddenError(
      'You proposed this change, so you cannot approve it; another approver must review it.',
    );
  }
  requireState(change, ['proposed'], 'approved');
  const job = await readJob(context, change.job);
  const drift = driftOf({ etag: change.etagAtProposal, limits: change.limitsBefore }, job);
  if (drift.length > 0) {
    const reason = `Job ${change.job} changed since this was proposed: ${drift.join('; ')}.`;
    await move(context, id, {
      from: ['proposed'],
      to: 'superseded',
      actor: actor.email,
      patch: { failureReason: reason },
    });
    throw new ChangeStateError(
      `${reason} The change is superseded; propose again from the job as it is now.`,
    );
  }
  return move(context, id, {
    from: ['proposed'],
    to: 'approved',
    actor: actor.email,
    patch: comment === undefined ? {} : { decisionComment: comment },
  });
}

export async function rejectChange(
  context: ChangeContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'approve-change', 'reject changes');
  const { comment } = decision(raw, true);
  const change = await loadChange(context, id);
  if (isRequester(actor, change)) {
    throw new ChangeForbiddenError(
      'You proposed this change; withdraw it instead of rejecting it.',
    );
  }
  requireState(change, ['proposed'], 'rejected');
  return move(context, id, {
    from: ['proposed'],
    to: 'rejected',
    actor: actor.email,
    patch: comment === undefined ? {} : { decisionComment: comment },
  });
}

/** Only the requester takes their own proposal back, and only before it is decided. */
export async function withdrawChange(
  context: ChangeContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<ChangeRequest> {
  requirePermission(actor, 'propose-change', 'withdraw changes');
  const { comment } = decision(raw, false);
  const change = await loadChange(context, id);
  if (!isRequester(actor, change)) {
    throw new ChangeForbiddenError(
      `Only ${change.requester}, who proposed this change, can withdraw it; an approver can reject it.`,
    );
  }
  requireState(change, ['proposed'], 'withdrawn');
  return move(context, id, {
    from: ['proposed'],
    to: 'withdrawn',
    actor: actor.email,
    patch: comment === undefined ? {} : { decisionComment: comment },
  });
}
