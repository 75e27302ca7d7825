/** One audit row about a change request, with its job, written as the change moves. */
import { appendAudit, type ChangeRequest } from '@/lib/store';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';

export async function audit(
  context: ChangeContext,
  actor: Actor | { email: string },
  change: ChangeRequest,
  action: string,
  details: Record<string, string | number | boolean | object>,
): Promise<void> {
  await appendAudit(context.store, {
    actor: actor.email,
    action,
    target: `change:${change.id}`,
    details: { job: change.job, ...JSON.parse(JSON.stringify(details)) },
  });
}
