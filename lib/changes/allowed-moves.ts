import { roleSatisfies } from '@/lib/domain/roles';
import type { ChangeRequest } from '@/lib/store';
import type { Actor } from '@/lib/changes/service-context';

/** Which buttons to offer; the service checks every one of these again when pressed. */
export function allowedMoves(change: ChangeRequest, actor: Actor) {
  const own = actor.email.trim().toLowerCase() === change.requester;
  const approver = roleSatisfies(actor.role, 'approve-change');
  const proposed = change.state === 'proposed';
  return {
    approve: proposed && approver && !own,
    reject: proposed && approver && !own,
    withdraw: proposed && own,
    apply:
      (change.state === 'approved' || change.state === 'failed') &&
      roleSatisfies(actor.role, 'apply-change'),
    note:
      proposed && own && approver
        ? 'You proposed this change, so another approver must review it.'
        : proposed && !approver
          ? 'An approver reviews this change.'
          : null,
  };
}
